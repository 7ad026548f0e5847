/** Key builders: the single-table layout documented in infra/table-definition.ts. */
export const keys = {
  allocation: (programmeId: string, kommunkod: string) => ({
    PK: `PROG#${programmeId}`,
    SK: `ALLOC#${kommunkod}`,
  }),
  submission: (id: string) => ({ PK: `SUB#${id}`, SK: "SUB" }),
  attachment: (submissionId: string, id: string) => ({ PK: `SUB#${submissionId}`, SK: `ATT#${id}` }),
  outbox: (id: string) => ({ PK: `OUTBOX#${id}`, SK: "OUTBOX" }),
  idempotency: (kommunkod: string, key: string) => ({ PK: `IDEMP#${kommunkod}#${key}`, SK: "IDEMP" }),
  suppression: (email: string) => ({ PK: `EMAIL#${email.toLowerCase()}`, SK: "SUPPRESSION" }),
};
