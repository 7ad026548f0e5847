/**
 * An agency sets up next year's programme through the API on the emulators: a draft from the
 * Bilaga 1 CSV with a wrong total refused by line, the fixed table, publishing (which opens and
 * announces), a municipality requisitioning under it, a diarienummer set and a deadline moved as
 * audited versions, closing; and another agency's officer who never sees it.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LocalStack } from "../../infra/local/stack.ts";
import { sampleRequisition } from "../../shared/forms/index.ts";
import type { ProgrammeDraft } from "../../shared/programmes/draft.ts";
import { importProgramme } from "../../shared/programmes/import.ts";
import {
  NEXT_YEAR_CSV,
  NEXT_YEAR_ID,
  NEXT_YEAR_META,
  WRONG_TOTAL_CSV,
} from "../fixtures/programmes/next-year.ts";
import { call, startTestStack } from "../helpers/local-stack.ts";

const ID = NEXT_YEAR_ID;
const META = NEXT_YEAR_META;
const CSV = NEXT_YEAR_CSV;
const WRONG_TOTAL = WRONG_TOTAL_CSV;
const LUND = "1281";

let stack: LocalStack;
let officer: string;
let otherAgency: string;
const municipality = (kommunkod: string) => stack.issuer.mint({ kommunkod });

beforeAll(async () => {
  stack = await startTestStack("2023-02-01", {
    tableName: "statsbidrag-test-programme-admin",
    outboxIntervalMs: 60_000,
  });
  officer = await stack.issuer.mint({ officer: true, email: "handlaggare@kammarkollegiet.example" });
  otherAgency = await stack.issuer.mint({
    officer: true,
    email: "handlaggare@socialstyrelsen.example",
    agency: "socialstyrelsen",
  });
});

afterAll(async () => {
  await stack?.stop();
});

describe("an agency sets up a programme at runtime", () => {
  it("keeps a draft whose total is wrong, with the problem and the proof, and refuses to publish it", async () => {
    // Prepare
    const body = { meta: META, bilaga1Csv: WRONG_TOTAL };
    // Act
    const byMunicipality = await call(stack, "POST", "/programmes", {
      token: await municipality(LUND),
      body,
    });
    const draft = await call<{ draft: ProgrammeDraft }>(stack, "POST", "/programmes", {
      token: officer,
      body,
    });
    const publish = await call<{ errors: { path: string; code: string }[] }>(
      stack,
      "POST",
      `/programmes/${ID}/publish`,
      { token: officer },
    );
    // Assess
    expect(byMunicipality.status).toBe(403);
    expect(draft.status).toBe(201);
    expect(draft.body.draft.problems.map((p) => p.code)).toEqual(["TOTAL_MISMATCH"]);
    expect(draft.body.draft.totals).toEqual({ rows: 290, sum: 167_100_001, stated: 167_100_000 });
    expect(publish.status).toBe(400);
    expect(publish.body.errors).toEqual([
      expect.objectContaining({ path: "bilaga1Csv", code: "TOTAL_MISMATCH" }),
    ]);
  });

  it("replaces the draft with the fixed table; another agency's officer cannot read or publish it", async () => {
    // Act
    const fixed = await call<{ draft: ProgrammeDraft }>(stack, "POST", "/programmes", {
      token: officer,
      body: { meta: META, bilaga1Csv: CSV },
    });
    const read = await call<{ draft: ProgrammeDraft }>(stack, "GET", `/programmes/${ID}/draft`, {
      token: officer,
    });
    const readByOther = await call(stack, "GET", `/programmes/${ID}/draft`, { token: otherAgency });
    const publishByOther = await call(stack, "POST", `/programmes/${ID}/publish`, { token: otherAgency });
    // Assess
    expect(fixed.status).toBe(200);
    expect(fixed.body.draft.problems).toEqual([]);
    expect(read.body.draft.totals.sum).toBe(167_100_000);
    expect(readByOther.status).toBe(404);
    expect(publishByOther.status).toBe(404);
  });

  it("publishes and opens the programme; Lund sees its allocation and requisitions it", async () => {
    // Prepare: the same programme the server builds, for a well-formed form
    const imported = importProgramme(META, CSV);
    if (!imported.ok) throw new Error("the sources must import");
    const lund = await municipality(LUND);
    // Act
    const published = await call<{ version: number; opening: { opened: boolean } }>(
      stack,
      "POST",
      `/programmes/${ID}/publish`,
      { token: officer },
    );
    const view = await call<{ own: { allocation: number } }>(stack, "GET", `/programmes/${ID}`, {
      token: lund,
    });
    const requisition = await call<{ reference: string }>(stack, "POST", `/programmes/${ID}/requisitions`, {
      token: lund,
      body: sampleRequisition(imported.programme, LUND, "2023-02-01"),
    });
    const again = await call<{ code: string }>(stack, "POST", `/programmes/${ID}/publish`, {
      token: officer,
    });
    // Assess
    expect(published.status).toBe(201);
    expect(published.body).toMatchObject({ version: 1, opening: { opened: true } });
    expect(view.body.own.allocation).toBe(1_530_608);
    expect(requisition.status).toBe(201);
    expect(requisition.body.reference).toMatch(/^SB-2023-1281-R1$/);
    expect(again.status).toBe(409);
    expect(again.body.code).toBe("PROGRAMME_ALREADY_PUBLISHED");
  });

  it("sets the diarienummer and moves a deadline as new versions through PATCH, with the reason required", async () => {
    // Act
    const noReason = await call<{ errors: { path: string; code: string }[] }>(
      stack,
      "PATCH",
      `/programmes/${ID}`,
      {
        token: officer,
        body: { agreementDiarienummer: "S2023/01234/ÄO" },
      },
    );
    const diarienummer = await call<{ version: number; changed: string[] }>(
      stack,
      "PATCH",
      `/programmes/${ID}`,
      {
        token: officer,
        body: { reason: "Diarienumret har kommit in.", agreementDiarienummer: "S2023/01234/ÄO" },
      },
    );
    const moved = await call<{ version: number; changed: string[]; announced: number }>(
      stack,
      "PATCH",
      `/programmes/${ID}`,
      {
        token: officer,
        body: {
          reason: "Förlängd tid för redovisning.",
          decision: "Beslut 2023-02-01, dnr 4.1-1234/2023",
          deadlines: { report: "2024-04-30" },
        },
      },
    );
    const byOther = await call(stack, "PATCH", `/programmes/${ID}`, {
      token: otherAgency,
      body: { reason: "Försök.", agreementDiarienummer: "S2023/9/ÄO" },
    });
    // Assess
    expect(noReason.status).toBe(400);
    expect(noReason.body.errors).toEqual([expect.objectContaining({ path: "reason", code: "REQUIRED" })]);
    expect(diarienummer.body).toMatchObject({ version: 2, changed: ["agreementDiarienummer"] });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ version: 3, changed: ["deadlines.report"] });
    expect(moved.body.announced).toBeGreaterThan(0);
    expect(byOther.status).toBe(404);
  });

  it("never shows the programme to another agency's officer", async () => {
    // Act
    const list = await call<{ programmes: { id: string }[] }>(stack, "GET", "/programmes", {
      token: otherAgency,
    });
    const one = await call(stack, "GET", `/programmes/${ID}`, { token: otherAgency });
    const submissions = await call(stack, "GET", `/programmes/${ID}/submissions`, { token: otherAgency });
    // Assess
    expect(list.body.programmes.map((p) => p.id)).not.toContain(ID);
    expect(list.body.programmes.map((p) => p.id)).toContain("sos-valfardsteknik-2018");
    expect(one.status).toBe(404);
    expect(submissions.status).toBe(404);
  });

  it("adds a required question through PATCH; a requisition without its answer is refused at the answer's path, one with it accepted", async () => {
    // Prepare
    const imported = importProgramme(META, CSV);
    if (!imported.ok) throw new Error("the sources must import");
    const question = {
      id: "anvandning",
      at: "requisition",
      kind: "text",
      label: { sv: "Hur används medlen?", en: "How are the funds used?" },
      required: true,
    };
    const malmo = await municipality("1280");
    // Act
    const added = await call<{ version: number; changed: string[] }>(stack, "PATCH", `/programmes/${ID}`, {
      token: officer,
      body: { reason: "Uppföljningsfråga.", questions: [question] },
    });
    // Functions keep a programme PROGRAMME_CACHE_SECONDS (2 on the local stack)
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    const view = await call<{ questions: { id: string }[] }>(stack, "GET", `/programmes/${ID}`, {
      token: malmo,
    });
    // The form as the programme now reads: the diarienummer set by the PATCH above
    const now = { ...imported.programme, agreementDiarienummer: "S2023/01234/ÄO" };
    const form = sampleRequisition(now, "1280", "2023-02-01");
    const unanswered = await call<{ errors: { path: string; code: string }[] }>(
      stack,
      "POST",
      `/programmes/${ID}/requisitions`,
      { token: malmo, body: form },
    );
    const answered = await call<{ reference: string }>(stack, "POST", `/programmes/${ID}/requisitions`, {
      token: malmo,
      body: { ...form, answers: { anvandning: "Nattkameror i hemtjänsten." } },
    });
    // Assess
    expect(added.body).toMatchObject({ version: 4, changed: ["questions"] });
    expect(view.body.questions.map((q) => q.id)).toEqual(["anvandning"]);
    expect(unanswered.status).toBe(400);
    expect(unanswered.body.errors).toEqual([
      expect.objectContaining({ path: "answers.anvandning", code: "QUESTION_UNANSWERED" }),
    ]);
    expect(answered.status).toBe(201);
    expect(answered.body.reference).toBe("SB-2023-1280-R1");
  });

  it("closes the programme once, with a reason, and refuses a requisition at once", async () => {
    // Prepare
    const imported = importProgramme(META, CSV);
    if (!imported.ok) throw new Error("the sources must import");
    // Act
    const closed = await call<{ version: number; closed: { on: string } }>(
      stack,
      "POST",
      `/programmes/${ID}/close`,
      {
        token: officer,
        body: { reason: "Överenskommelsen avslutad." },
      },
    );
    const again = await call<{ code: string }>(stack, "POST", `/programmes/${ID}/close`, {
      token: officer,
      body: { reason: "Igen." },
    });
    // Every function may still hold the open programme in its cache: the write itself refuses.
    const helsingborg = await call<{ code: string }>(stack, "POST", `/programmes/${ID}/requisitions`, {
      token: await municipality("1283"),
      body: {
        ...sampleRequisition(
          { ...imported.programme, agreementDiarienummer: "S2023/01234/ÄO" },
          "1283",
          "2023-02-01",
        ),
        answers: { anvandning: "Digitala lås." },
      },
    });
    // Assess
    expect(helsingborg.status).toBe(409);
    expect(helsingborg.body.code).toBe("PROGRAMME_CLOSED");
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({ version: 5, closed: { on: "2023-02-01" } });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe("PROGRAMME_CLOSED");
  });
});
