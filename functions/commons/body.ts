import { BadRequestError, PayloadTooLargeError, UnsupportedMediaTypeError } from "../../shared/errors.ts";

/** A Bilaga 2 form is a few kB; anything near this is not a form. */
export const MAX_BODY_BYTES = 64 * 1024;
const MAX_DEPTH = 8;
const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;.*)?$/i;

function depthOf(value: unknown, depth = 0): number {
  if (depth > MAX_DEPTH) return depth;
  if (value === null || typeof value !== "object") return depth;
  let max = depth + 1;
  for (const child of Object.values(value)) max = Math.max(max, depthOf(child, depth + 1));
  return max;
}

/**
 * Parses a JSON request body with the checks a public API needs: content type (415), size (413),
 * syntax and nesting (400). Returns `unknown`: the zod schemas decide what it is.
 */
export function parseJsonBody(
  headers: Record<string, string | undefined>,
  body: string | undefined,
  isBase64Encoded: boolean,
): unknown {
  const contentType = headers["content-type"] ?? "";
  if (!JSON_TYPE.test(contentType)) throw new UnsupportedMediaTypeError();
  const text =
    body === undefined ? "" : isBase64Encoded ? Buffer.from(body, "base64").toString("utf8") : body;
  if (Buffer.byteLength(text, "utf8") > MAX_BODY_BYTES) throw new PayloadTooLargeError(MAX_BODY_BYTES);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new BadRequestError("MALFORMED_JSON", {
      sv: "Begäran är inte giltig JSON.",
      en: "The request body is not valid JSON.",
    });
  }
  if (depthOf(parsed) > MAX_DEPTH) {
    throw new BadRequestError("TOO_DEEPLY_NESTED", {
      sv: "Begäran är för djupt nästlad.",
      en: "The request body is nested too deeply.",
    });
  }
  return parsed;
}
