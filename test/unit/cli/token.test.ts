import { decodeJwt } from "jose";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { cli, tempFiles } from "./helpers.ts";

/** The token's claims, as the gateway would read them after verifying the signature. */
const claimsOf = (stdout: string) => decodeJwt(stdout.trim());

describe("statsbidrag token: roles", () => {
  let previous: string | undefined;
  beforeEach(() => {
    // A key of this test's own, so the run neither needs nor touches .data/.
    previous = process.env.STATSBIDRAG_DEV_KEY_FILE;
    process.env.STATSBIDRAG_DEV_KEY_FILE = tempFiles({})("dev-key.json");
  });
  afterEach(() => {
    if (previous === undefined) delete process.env.STATSBIDRAG_DEV_KEY_FILE;
    else process.env.STATSBIDRAG_DEV_KEY_FILE = previous;
  });

  it("gives a municipal token all three roles without --role, and only the given ones with it", async () => {
    // Act
    const all = await cli("token", "--kommun", "0380");
    const some = await cli("token", "--kommun", "0380", "--role", "preparer", "--role", "certifier");
    // Assess
    expect(claimsOf(all.stdout)["custom:roles"]).toBe("preparer signatory certifier");
    expect(claimsOf(some.stdout)["custom:roles"]).toBe("preparer certifier");
  });

  it("makes an officer an attestant only with --role attestant, and refuses a role of the other kind", async () => {
    // Act
    const plain = await cli("token", "--officer", "--email", "a@agency.example");
    const attestant = await cli("token", "--officer", "--email", "b@agency.example", "--role", "attestant");
    const wrong = await cli("token", "--officer", "--role", "signatory");
    // Assess
    expect(claimsOf(plain.stdout)["custom:roles"]).toBeUndefined();
    expect(claimsOf(attestant.stdout)["custom:roles"]).toBe("attestant");
    expect(wrong.code).not.toBe(0);
    expect(wrong.stderr).toContain("attestant");
  });
});
