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

/**
 * A file to download: API Gateway decodes the base64 body back to bytes (isBase64Encoded), and
 * the browser saves it under `fileName` (ASCII, as our references are).
 */
export function file(
  bytes: Uint8Array,
  contentType: string,
  fileName: string,
): APIGatewayProxyStructuredResultV2 {
  return {
    statusCode: 200,
    headers: {
      "content-type": contentType,
      "content-disposition": `attachment; filename="${fileName}"`,
      ...SECURITY_HEADERS,
    },
    body: Buffer.from(bytes).toString("base64"),
    isBase64Encoded: true,
  };
}
