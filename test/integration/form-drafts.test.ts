import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LocalStack } from "../../infra/local/stack.ts";
import { sampleRequisition } from "../../shared/forms/index.ts";
import { seedProgramme } from "../../shared/programmes/seeds.ts";
import { call, startTestStack } from "../helpers/local-stack.ts";

/**
 * A draft started by one user of a municipality is finished and sent by another, on the
 * emulators: the preparer saves half a form, the signatory reads it, completes it on the version
 * read, and sends it; sending turns the draft into the submission, so it is gone.
 */
const TODAY = "2022-11-20";
const PROGRAMME = "skr-aldreomsorg-2022";
const KOMMUN = "0183";
const programme = seedProgramme(PROGRAMME);
if (!programme) throw new Error("programme missing");
const DRAFT = `/programmes/${PROGRAMME}/drafts/requisition`;

let stack: LocalStack;

beforeAll(async () => {
  stack = await startTestStack(TODAY, { tableName: "statsbidrag-test-form-drafts" });
}, 120_000);

afterAll(async () => {
  await stack?.stop();
});

describe("form drafts on the local stack", () => {
  it("lets a preparer start a requisition that a signatory finishes and sends, and the draft is then gone", async () => {
    // Prepare
    const preparer = await stack.issuer.mint({
      kommunkod: KOMMUN,
      roles: ["preparer"],
      email: "beredare@x.example",
    });
    const signatory = await stack.issuer.mint({ kommunkod: KOMMUN, roles: ["signatory"] });
    const form = sampleRequisition(programme, KOMMUN, TODAY);
    // Act: the preparer saves what they have; sending it is not theirs
    const started = await call<{ draft: { version: number }; issues: { path: string }[] }>(
      stack,
      "PUT",
      DRAFT,
      {
        token: preparer,
        body: { form: { recipient: form.recipient } },
      },
    );
    const preparerSends = await call<{ code: string }>(
      stack,
      "POST",
      `/programmes/${PROGRAMME}/requisitions`,
      {
        token: preparer,
        body: form,
      },
    );
    // Act: the signatory reads it, completes it on that version, and sends it
    const read = await call<{ draft: { version: number; updatedBy: { email?: string } } }>(
      stack,
      "GET",
      DRAFT,
      {
        token: signatory,
      },
    );
    const finished = await call<{ draft: { version: number }; issues: unknown[] }>(stack, "PUT", DRAFT, {
      token: signatory,
      body: { form, version: read.body.draft.version },
    });
    const stale = await call<{ code: string }>(stack, "PUT", DRAFT, {
      token: preparer,
      body: { form: {}, version: 1 },
    });
    const sent = await call<{ reference: string }>(stack, "POST", `/programmes/${PROGRAMME}/requisitions`, {
      token: signatory,
      body: form,
    });
    const after = await call(stack, "GET", DRAFT, { token: preparer });
    // Assess
    expect(started.status).toBe(200);
    expect(started.body.draft.version).toBe(1);
    expect(started.body.issues.length).toBeGreaterThan(0);
    expect(preparerSends.status).toBe(403);
    expect(preparerSends.body.code).toBe("ROLE_REQUIRED");
    expect(read.body.draft.updatedBy.email).toBe("beredare@x.example");
    expect(finished.body).toMatchObject({ draft: { version: 2 }, issues: [] });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe("DRAFT_CHANGED");
    expect(sent.status).toBe(201);
    expect(after.status).toBe(404);
  });

  it("keeps another municipality and officers out of the draft", async () => {
    // Prepare
    const owner = await stack.issuer.mint({ kommunkod: "0184" });
    await call(stack, "PUT", `/programmes/${PROGRAMME}/drafts/report`, { token: owner, body: { form: {} } });
    // Act
    const other = await call(stack, "GET", `/programmes/${PROGRAMME}/drafts/report`, {
      token: await stack.issuer.mint({ kommunkod: "0186" }),
    });
    const officer = await call(stack, "GET", `/programmes/${PROGRAMME}/drafts/report`, {
      token: await stack.issuer.mint({ officer: true, email: "handlaggare@kammarkollegiet.example" }),
    });
    // Assess
    expect(other.status).toBe(404);
    expect(officer.status).toBe(403);
  });
});
