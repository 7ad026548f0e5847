import type { APIGatewayProxyStructuredResultV2 } from "aws-lambda";

const SECURITY_HEADERS = {
  "cache-control": "no-store",
  "x-content-type-options": "nosniff",
} as const;

export function json(
  statusCode: number,
  body: unknown,
  headers: Record<string, string> = {},
): APIGatewayProxyStructuredResultV2 {
  return {
    statusCode,
    headers: { "content-type": "application/json; charset=utf-8", ...SECURITY_HEADERS, ...headers },
    body: JSON.stringify(body),
  };
}

export function text(
  statusCode: number,
  body: string,
  contentType: string,
  headers: Record<string, string> = {},
) {
  return { statusCode, headers: { "content-type": contentType, ...SECURITY_HEADERS, ...headers }, body };
}
