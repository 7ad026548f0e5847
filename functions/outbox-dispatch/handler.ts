// Placeholder until the handler lands; exists so the route table and CDK can reference it.
export const handler = async (): Promise<{ statusCode: number; body: string }> => ({
  statusCode: 501,
  body: JSON.stringify({ code: "NOT_IMPLEMENTED" }),
});
