import { afterEach, describe, expect, it, vi } from "vitest";
import { cli, tempFiles } from "./helpers.ts";

/** `statsbidrag intake`: where it stands in for SES's verdict, and where it must not. */
const MESSAGE = "From: registrator@lund.example\r\nSubject: Skanning\r\n\r\nHej\r\n";

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("statsbidrag intake", () => {
  it("refuses to write SES's verdict on a deployed stage, where SES alone writes it", async () => {
    // Prepare
    vi.stubEnv("STATSBIDRAG_STAGE", "prod");
    const file = tempFiles({ "m.eml": MESSAGE })("m.eml");
    // Act
    const result = await cli("intake", file, "--ses", "pass");
    // Assess
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("--ses is for a local stage");
  });

  it("refuses a verdict other than pass, fail or none", async () => {
    // Prepare
    vi.stubEnv("STATSBIDRAG_STAGE", "prod");
    const file = tempFiles({ "m.eml": MESSAGE })("m.eml");
    // Act
    const result = await cli("intake", file, "--ses", "maybe");
    // Assess
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("--ses is pass, fail or none");
  });

  it("gives no verdict on a message without a From address, and writes nothing", async () => {
    // Prepare
    vi.stubEnv("STATSBIDRAG_STAGE", "test");
    vi.stubEnv("AWS_ENDPOINT_URL_S3", "http://127.0.0.1:9");
    const file = tempFiles({ "m.eml": "Subject: Anonym\r\n\r\nHej\r\n" })("m.eml");
    // Act
    const result = await cli("intake", file);
    // Assess
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("has no From address");
  });
});
