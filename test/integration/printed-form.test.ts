import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LocalStack } from "../../infra/local/stack.ts";
import { sampleRequisition } from "../../shared/forms/index.ts";
import { seedProgramme } from "../../shared/programmes/seeds.ts";
import { call, startTestStack } from "../helpers/local-stack.ts";

const PROGRAMME = "skr-aldreomsorg-2022";
const TODAY = "2022-11-20";
const programme = (() => {
  const found = seedProgramme(PROGRAMME);
  if (!found) throw new Error("programme missing");
  return found;
})();

let stack: LocalStack;

beforeAll(async () => {
  // Its own table: its municipalities must not meet another test file's requisitions.
  stack = await startTestStack(TODAY, { tableName: "statsbidrag-test-printed-form" });
});

afterAll(async () => {
  await stack?.stop();
});

/** The form as the gateway serves it: bytes, not text. */
async function fetchForm(id: string, token?: string) {
  const res = await fetch(`${stack.apiUrl}/submissions/${id}/form.pdf`, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
}

describe("GET /submissions/{id}/form.pdf on the local stack", { timeout: 60_000 }, () => {
  it("serves the owner its printed form as a PDF download, another municipality 404 and no token 401", async () => {
    // Prepare
    const kommunkod = "0127";
    const form = sampleRequisition(programme, kommunkod, TODAY);
    form.recipient.email = "ekonomi@botkyrka-form.example";
    const owner = await stack.issuer.mint({ kommunkod, email: form.recipient.email });
    const created = await call<{ id: string; reference: string }>(
      stack,
      "POST",
      `/programmes/${PROGRAMME}/requisitions`,
      { token: owner, body: form },
    );
    expect(created.status).toBe(201);
    // Act
    const own = await fetchForm(created.body.id, owner);
    const other = await fetchForm(created.body.id, await stack.issuer.mint({ kommunkod: "0128" }));
    const anonymous = await fetchForm(created.body.id);
    // Assess
    expect(own.status).toBe(200);
    expect(own.headers.get("content-type")).toBe("application/pdf");
    expect(own.headers.get("content-disposition")).toBe(
      `attachment; filename="Bilaga2-${created.body.reference}.pdf"`,
    );
    expect(own.bytes.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect(own.bytes.subarray(-6).toString("latin1")).toContain("%%EOF");
    expect(other.status).toBe(404);
    expect(anonymous.status).toBe(401);
  });
});
