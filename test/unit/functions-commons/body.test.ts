import { describe, expect, it } from "vitest";
import { MAX_BODY_BYTES, parseJsonBody } from "../../../functions/commons/body.ts";
import { AppError } from "../../../shared/errors.ts";

const JSON_HEADERS = { "content-type": "application/json" };

function refusal(
  headers: Record<string, string | undefined>,
  body: string | undefined,
  base64 = false,
): AppError {
  try {
    parseJsonBody(headers, body, base64);
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("expected the body to be refused");
}

const nested = (depth: number) => `${"[".repeat(depth)}${"]".repeat(depth)}`;

describe("parseJsonBody: content type", () => {
  it.each([
    ["application/json"],
    ["application/json; charset=utf-8"],
    ["Application/JSON;charset=UTF-8"],
    ["application/merge-patch+json"],
  ])("accepts %s", (contentType) => {
    // Prepare
    const headers = { "content-type": contentType };
    // Act
    const parsed = parseJsonBody(headers, '{"a":1}', false);
    // Assess
    expect(parsed).toEqual({ a: 1 });
  });

  it.each([
    ["a missing header", undefined],
    ["text/plain", "text/plain"],
    ["form data", "application/x-www-form-urlencoded"],
    ["multipart", "multipart/form-data; boundary=x"],
    ["text/json", "text/json"],
    ["application/jsonp", "application/jsonp"],
    ["an empty header", ""],
  ])("answers 415 for %s", (_, contentType) => {
    // Prepare
    const headers = contentType === undefined ? {} : { "content-type": contentType };
    // Act
    const error = refusal(headers, '{"a":1}');
    // Assess
    expect(error.status).toBe(415);
    expect(error.code).toBe("UNSUPPORTED_MEDIA_TYPE");
  });
});

describe("parseJsonBody: size", () => {
  it("accepts a body of exactly 64 KiB", () => {
    // Prepare
    const body = JSON.stringify("x".repeat(MAX_BODY_BYTES - 2));
    // Act
    const parsed = parseJsonBody(JSON_HEADERS, body, false);
    // Assess
    expect(Buffer.byteLength(body)).toBe(64 * 1024);
    expect(typeof parsed).toBe("string");
  });

  it("answers 413 for one byte over 64 KiB", () => {
    // Prepare
    const body = JSON.stringify("x".repeat(MAX_BODY_BYTES - 1));
    // Act
    const error = refusal(JSON_HEADERS, body);
    // Assess
    expect(error.status).toBe(413);
    expect(error.code).toBe("PAYLOAD_TOO_LARGE");
  });

  it("counts bytes, not characters: å ä ö take two bytes each", () => {
    // Prepare
    const body = JSON.stringify("å".repeat(MAX_BODY_BYTES / 2));
    // Act
    const error = refusal(JSON_HEADERS, body);
    // Assess
    expect(body.length).toBeLessThan(MAX_BODY_BYTES);
    expect(error.status).toBe(413);
  });

  it("measures a base64 body after decoding it", () => {
    // Prepare
    const body = Buffer.from(JSON.stringify("x".repeat(MAX_BODY_BYTES))).toString("base64");
    // Act
    const error = refusal(JSON_HEADERS, body, true);
    // Assess
    expect(error.status).toBe(413);
  });
});

describe("parseJsonBody: syntax and nesting", () => {
  it.each([
    ["truncated JSON", '{"a":'],
    ["single quotes", "{'a':1}"],
    ["a trailing comma", '{"a":1,}'],
    ["an empty body", ""],
    ["no body at all", undefined],
  ])("answers 400 MALFORMED_JSON for %s", (_, body) => {
    // Prepare: the body
    // Act
    const error = refusal(JSON_HEADERS, body);
    // Assess
    expect(error.status).toBe(400);
    expect(error.code).toBe("MALFORMED_JSON");
  });

  it("accepts nesting 8 levels deep", () => {
    // Prepare
    const body = nested(8);
    // Act
    const parsed = parseJsonBody(JSON_HEADERS, body, false);
    // Assess
    expect(JSON.stringify(parsed)).toBe(body);
  });

  it("answers 400 TOO_DEEPLY_NESTED at 9 levels", () => {
    // Prepare
    const body = `{"a":${nested(8)}}`;
    // Act
    const error = refusal(JSON_HEADERS, body);
    // Assess
    expect(error.status).toBe(400);
    expect(error.code).toBe("TOO_DEEPLY_NESTED");
  });

  it("answers 400 TOO_DEEPLY_NESTED, not a crash, for 20 000 levels", () => {
    // Prepare
    const body = nested(20_000);
    // Act
    const error = refusal(JSON_HEADERS, body);
    // Assess
    expect(error.code).toBe("TOO_DEEPLY_NESTED");
  });

  it("decodes a base64 body (API Gateway's isBase64Encoded) as UTF-8", () => {
    // Prepare
    const body = Buffer.from(JSON.stringify({ kommun: "Åre", ort: "Malmö" }), "utf8").toString("base64");
    // Act
    const parsed = parseJsonBody(JSON_HEADERS, body, true);
    // Assess
    expect(parsed).toEqual({ kommun: "Åre", ort: "Malmö" });
  });

  it("returns JSON scalars and null as they are: the schema decides what is acceptable", () => {
    // Prepare
    const bodies = ["null", "42", '"text"'];
    // Act
    const parsed = bodies.map((b) => parseJsonBody(JSON_HEADERS, b, false));
    // Assess
    expect(parsed).toEqual([null, 42, "text"]);
  });
});
