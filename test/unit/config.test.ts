import { describe, expect, it } from "vitest";
import { loadConfig } from "../../shared/config.ts";

const valid = {
  STATSBIDRAG_STAGE: "dev",
  TABLE_NAME: "t",
  BUCKET_NAME: "b",
  MAIL_FROM: "noreply@example.se",
  MALWARE_SCAN: "guardduty",
};

describe("runtime configuration", () => {
  it("applies defaults for upload size and lifetime", () => {
    const config = loadConfig(valid);
    expect(config.UPLOAD_MAX_BYTES).toBe(20 * 1024 * 1024);
    expect(config.UPLOAD_TTL_SECONDS).toBe(3600);
  });

  it("fails the cold start naming every missing variable", () => {
    expect(() => loadConfig({ STATSBIDRAG_STAGE: "dev" })).toThrow(
      /TABLE_NAME: missing.*BUCKET_NAME: missing.*MAIL_FROM: missing/,
    );
  });

  it("refuses a stage that does not say whether it scans uploads for malware", () => {
    // Act
    const { MALWARE_SCAN: _unset, ...withoutScan } = valid;
    // Assess
    expect(() => loadConfig(withoutScan)).toThrow(/MALWARE_SCAN: must be "guardduty" or "none"/);
    expect(() => loadConfig({ ...valid, MALWARE_SCAN: "clamav" })).toThrow(/MALWARE_SCAN/);
    expect(loadConfig({ ...valid, MALWARE_SCAN: "none" }).MALWARE_SCAN).toBe("none");
  });

  it("rejects a malformed sender and a non-numeric size", () => {
    expect(() => loadConfig({ ...valid, MAIL_FROM: "nobody", UPLOAD_MAX_BYTES: "20MB" })).toThrow(
      /UPLOAD_MAX_BYTES: must be a positive integer; MAIL_FROM: not an e-mail address/,
    );
  });
});
