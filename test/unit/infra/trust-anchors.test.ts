import { execSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  readsTrustList,
  TRUST_ANCHORS_FILE_NAME,
  trustAnchorsHooks,
  trustAnchorsSource,
} from "../../../infra/constructs/trust-anchors.ts";
import { FUNCTIONS } from "../../../infra/routes.ts";

const PEM = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";
const dirs: string[] = [];
const tempDir = (name: string) => {
  const dir = mkdtempSync(join(tmpdir(), `statsbidrag-${name} '`));
  dirs.push(dir);
  return dir;
};

afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe("the trust list on AWS (a file in the check functions' bundles)", () => {
  it("goes to the upload check, its sweep and the malware verdict, and to no other function", () => {
    // Act
    const names = FUNCTIONS.filter(readsTrustList).map((f) => f.name);
    // Assess
    expect(names.sort()).toEqual(["scan-result", "upload-check", "upload-sweep"]);
  });

  it("is copied into the bundle beside index.mjs after bundling, whatever the paths hold", () => {
    // Prepare: paths with a space and a quote, as a shell would mangle them unquoted
    const source = join(tempDir("source"), "ca bundle.pem");
    writeFileSync(source, PEM);
    const output = tempDir("asset");
    // Act
    for (const command of trustAnchorsHooks(source).afterBundling("/in", output)) execSync(command);
    // Assess
    expect(readFileSync(join(output, TRUST_ANCHORS_FILE_NAME), "utf8")).toBe(PEM);
  });

  it("is read from the repository at synth, counting its certificates", () => {
    // Prepare
    const read = (path: string) => (path === "/repo/config/ca.pem" ? PEM + PEM : "");
    // Act
    const source = trustAnchorsSource("config/ca.pem", "dev", "/repo", read);
    // Assess
    expect(source).toEqual({ path: "/repo/config/ca.pem", certificates: 2 });
  });

  it("fails synth naming the stage's key when the file is missing, holds no certificate or holds a private key", () => {
    // Prepare
    const missing = () => {
      throw new Error("ENOENT");
    };
    const withKey = () => `${PEM}-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n`;
    // Act
    const unreadable = () => trustAnchorsSource("nope.pem", "prod", "/repo", missing);
    const empty = () => trustAnchorsSource("/etc/empty.pem", "prod", "/repo", () => "");
    const leaked = () => trustAnchorsSource("ca.pem", "prod", "/repo", withKey);
    // Assess
    expect(unreadable).toThrow('cdk.json: "stages.prod.trustAnchorsFile": cannot read /repo/nope.pem');
    expect(empty).toThrow('"stages.prod.trustAnchorsFile": no PEM certificate in /etc/empty.pem');
    expect(leaked).toThrow('"stages.prod.trustAnchorsFile": /repo/ca.pem holds a private key');
  });
});
