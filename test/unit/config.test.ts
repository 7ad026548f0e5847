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

  describe("trust list for digital signatures", () => {
    const PEM = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";
    const noFile = (path: string): string => {
      throw new Error(`ENOENT ${path}`);
    };

    it("trusts no CA when neither variable is set", () => {
      // Prepare
      // Act
      const config = loadConfig(valid, noFile);
      // Assess
      expect(config.TRUST_ANCHORS_PEM).toBe("");
    });

    it("takes the PEM text from STATSBIDRAG_TRUST_ANCHORS_PEM before any file", () => {
      // Prepare
      const env = { ...valid, STATSBIDRAG_TRUST_ANCHORS_PEM: PEM, STATSBIDRAG_TRUST_ANCHORS: "/ignored.pem" };
      // Act
      const config = loadConfig(env, noFile);
      // Assess
      expect(config.TRUST_ANCHORS_PEM).toBe(PEM);
    });

    it("reads the file STATSBIDRAG_TRUST_ANCHORS names", () => {
      // Prepare
      const files: Record<string, string> = { "/etc/statsbidrag/anchors.pem": PEM };
      // Act
      const config = loadConfig(
        { ...valid, STATSBIDRAG_TRUST_ANCHORS: "/etc/statsbidrag/anchors.pem" },
        (p) => {
          const text = files[p];
          if (text === undefined) throw new Error("ENOENT");
          return text;
        },
      );
      // Assess
      expect(config.TRUST_ANCHORS_PEM).toBe(PEM);
    });

    it("fails the cold start on a trust list file it cannot read or that holds no certificate", () => {
      // Prepare
      const missing = { ...valid, STATSBIDRAG_TRUST_ANCHORS: "/nowhere.pem" };
      const empty = { ...valid, STATSBIDRAG_TRUST_ANCHORS_PEM: "not a pem" };
      // Act
      const readingMissing = () => loadConfig(missing, noFile);
      const readingEmpty = () => loadConfig(empty, noFile);
      // Assess
      expect(readingMissing).toThrow(/STATSBIDRAG_TRUST_ANCHORS: cannot read \/nowhere\.pem/);
      expect(readingEmpty).toThrow(/STATSBIDRAG_TRUST_ANCHORS_PEM: no PEM certificate in it/);
    });
  });
});
