import { describe, expect, it } from "vitest";
import { describeTrustList, readTrustList } from "../../../infra/local/trust-list.ts";

const PEM = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";

describe("npm start's trust list (STATSBIDRAG_TRUST_ANCHORS)", () => {
  it("counts the certificates of the bundle the variable names, and says revocation is not checked", () => {
    // Prepare
    const read = (path: string) => (path === "ca.pem" ? PEM + PEM : "");
    // Act
    const list = readTrustList("ca.pem", read);
    // Assess
    expect(list).toEqual({ path: "ca.pem", certificates: 2 });
    expect(describeTrustList({ path: "ca.pem", certificates: 2 })).toBe(
      "ca.pem (2 CA certificates; revocation not checked)",
    );
  });

  it("refuses a file it cannot read, naming the variable and the path", () => {
    // Prepare
    const read = () => {
      throw new Error("ENOENT");
    };
    // Act
    const list = readTrustList("missing.pem", read);
    // Assess
    expect(list).toEqual({ error: "STATSBIDRAG_TRUST_ANCHORS: cannot read missing.pem" });
  });

  it("refuses a file without a PEM certificate", () => {
    // Prepare
    const read = () => "not a certificate";
    // Act
    const list = readTrustList("notes.txt", read);
    // Assess
    expect(list).toEqual({ error: "STATSBIDRAG_TRUST_ANCHORS: no PEM certificate in notes.txt" });
  });

  it("says that nothing is trusted without a trust list", () => {
    // Act
    const line = describeTrustList(undefined);
    // Assess
    expect(line).toContain("none");
    expect(line).toContain("STATSBIDRAG_TRUST_ANCHORS");
  });
});
