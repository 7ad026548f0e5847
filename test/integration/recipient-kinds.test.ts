/**
 * Recipients other than the 290 municipalities, on the emulators: an agency sets up a programme
 * for the 21 regions from its Bilaga 1 (a municipality's name and a missing region refused by
 * line), Region Skåne and Gotland (a municipality with a region's tasks) requisition under it,
 * the officer approves and pays, the daily job reminds the regions that have not, and the overview
 * and the export name each by kind; SKR requisitions its own share of the 2022 agreement (seed
 * 000, 7.2). A municipality sees neither programme, and a form in a municipality's name or number
 * is refused.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LocalStack } from "../../infra/local/stack.ts";
import { submissionDeps } from "../../shared/composition-root.ts";
import { seedRegistryAddress } from "../../shared/contacts/seed.ts";
import { sampleRequisition } from "../../shared/forms/index.ts";
import type { ProgrammeDraft } from "../../shared/programmes/draft.ts";
import { importProgramme } from "../../shared/programmes/import.ts";
import type { Programme } from "../../shared/programmes/schema.ts";
import { requireSeed } from "../../shared/programmes/seeds.ts";
import { recipientsOfKinds } from "../../shared/recipients/registry.ts";
import { NEXT_YEAR_META } from "../fixtures/programmes/next-year.ts";
import { ATTESTANT_SUBJECT } from "../helpers/four-eyes.ts";
import { payOverHttp } from "../helpers/four-eyes-http.ts";
import type { UploadSlot } from "../helpers/local-stack.ts";
import { call, smallPdf, startTestStack, uploadWith } from "../helpers/local-stack.ts";
import { clearMails, readMails } from "../helpers/mail.ts";
import { waitFor } from "../helpers/wait.ts";

const ID = "regioner-vardplatser-2023";
const SKANE = "0012";
const GOTLAND = "0980";
const UPPSALA = "0003";
const LUND = "1281";
const SKR = "9001";
const SKR_SHARE = "skr-aldreomsorg-2022-skr";

/** 21 rows, 1 000 000 kr each, as an agency exports them; Gotland by its region name. */
const REGIONS = recipientsOfKinds(["region"]);
const rowName = (code: string, name: string) => (code === GOTLAND ? "Region Gotland" : name);
const CSV = ["Region;Belopp", ...REGIONS.map((r) => `${rowName(r.code, r.name)};1 000 000`)].join("\n");
const META = {
  ...NEXT_YEAR_META,
  id: ID,
  title: "Stimulansmedel till regionerna för vårdplatser 2023",
  recipientKinds: ["region"],
  totalBase: 21_000_000,
  modelExtra: null,
  survey: { atRequisition: false },
  deadlines: { requisition: "2023-03-01", report: "2024-03-31", repayment: "2024-03-31" },
};
/** A municipality where Region Skåne should be, and Region Uppsala left out. */
const WRONG_CSV = CSV.replace("Region Skåne;", "Lund;").replace(/\nRegion Uppsala;1 000 000/, "");

let stack: LocalStack;
let officer: string;
let attestant: string;
let programme: Programme;
const token = (code: string) => stack.issuer.mint({ kommunkod: code, email: `ekonomi-${code}@example.org` });

interface Receipt {
  id: string;
  reference: string;
  upload: UploadSlot;
}

async function statusOf(id: string): Promise<string> {
  const res = await call<{ submission: { status: string } }>(stack, "GET", `/submissions/${id}`, {
    token: officer,
  });
  return res.body.submission.status;
}

/** Sends the recipient's own sample requisition and its signed original; waits for "received". */
async function requisitionSigned(p: Programme, code: string, today: string): Promise<Receipt> {
  const res = await call<Receipt>(stack, "POST", `/programmes/${p.id}/requisitions`, {
    token: await token(code),
    body: sampleRequisition(p, code, today),
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  expect(
    await uploadWith(res.body.upload, smallPdf(res.body.reference), "signed.pdf", "application/pdf"),
  ).toBe(204);
  await waitFor(async () => (await statusOf(res.body.id)) === "received", 10_000);
  return res.body;
}

beforeAll(async () => {
  await clearMails();
  stack = await startTestStack("2023-02-01", {
    tableName: "statsbidrag-test-recipient-kinds",
    outboxIntervalMs: 200,
  });
  officer = await stack.issuer.mint({ officer: true, email: "handlaggare@kammarkollegiet.example" });
  attestant = await stack.issuer.mint(ATTESTANT_SUBJECT);
  const imported = importProgramme(META, CSV);
  if (!imported.ok) throw new Error(`the region table must import: ${JSON.stringify(imported.problems)}`);
  programme = imported.programme;
});

afterAll(async () => {
  await stack?.stop();
  delete process.env.STATSBIDRAG_TODAY;
});

describe("a programme for the 21 regions", () => {
  it("refuses a municipality in a region table and a missing region, by line, then publishes the fixed table", async () => {
    // Act
    const wrong = await call<{ draft: ProgrammeDraft }>(stack, "POST", "/programmes", {
      token: officer,
      body: { meta: META, bilaga1Csv: WRONG_CSV },
    });
    const fixed = await call<{ draft: ProgrammeDraft }>(stack, "POST", "/programmes", {
      token: officer,
      body: { meta: META, bilaga1Csv: CSV },
    });
    const published = await call(stack, "POST", `/programmes/${ID}/publish`, { token: officer });
    // Assess
    const lundLine = WRONG_CSV.split("\n").findIndex((l) => l.startsWith("Lund;")) + 1;
    expect(wrong.body.draft.problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ code: "UNKNOWN_RECIPIENT", line: lundLine }),
        expect.objectContaining({ code: "MISSING_RECIPIENT" }),
      ]),
    );
    expect(wrong.body.draft.problems.find((p) => p.code === "UNKNOWN_RECIPIENT")?.message.sv).toBe(
      'Okänd region "Lund".',
    );
    expect(
      wrong.body.draft.problems.filter((p) => p.code === "MISSING_RECIPIENT").map((p) => p.message.en),
    ).toEqual(["missing Region Uppsala (0003)", "missing Region Skåne (0012)"]);
    expect(fixed.body.draft.problems).toEqual([]);
    expect(fixed.body.draft.totals).toEqual({ rows: 21, sum: 21_000_000, stated: 21_000_000 });
    expect(published.status).toBe(201);
  });

  it("shows the programme to Region Skåne with its allocation, and not to Lund", async () => {
    // Act
    const skane = await call<{ own: { allocation: number; kommun: string } }>(
      stack,
      "GET",
      `/programmes/${ID}`,
      {
        token: await token(SKANE),
      },
    );
    const lund = await call(stack, "GET", `/programmes/${ID}`, { token: await token(LUND) });
    const lundsList = await call<{ programmes: { id: string }[] }>(stack, "GET", "/programmes", {
      token: await token(LUND),
    });
    // Assess
    expect(skane.status).toBe(200);
    expect(skane.body.own).toMatchObject({ allocation: 1_000_000, kommun: "Region Skåne" });
    expect(lund.status).toBe(404);
    expect(lundsList.body.programmes.map((p) => p.id)).not.toContain(ID);
  });

  it("refuses a region's form that names a municipality or gives a municipality's organisation number", async () => {
    // Prepare
    const asMunicipality = sampleRequisition(programme, SKANE, "2023-02-01");
    asMunicipality.recipient.name = "Skånes kommun";
    asMunicipality.recipient.organisationNumber = "212000-1264";
    // Act
    const res = await call<{ errors: { path: string; code: string }[] }>(
      stack,
      "POST",
      `/programmes/${ID}/requisitions`,
      { token: await token(SKANE), body: asMunicipality },
    );
    // Assess
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e) => `${e.path} ${e.code}`)).toEqual([
      "recipient.name RECIPIENT_NOT_CALLER",
      "recipient.organisationNumber NOT_A_REGION_ORGANISATION_NUMBER",
    ]);
  });

  it("takes Region Skåne's and Gotland's requisitions; the officer approves and pays them", async () => {
    // Act
    const skane = await requisitionSigned(programme, SKANE, "2023-02-01");
    const gotland = await requisitionSigned(programme, GOTLAND, "2023-02-01");
    const approved = await Promise.all(
      [skane, gotland].map((r) =>
        call(stack, "POST", `/submissions/${r.id}/decision`, {
          token: officer,
          body: { decision: "approve" },
        }),
      ),
    );
    const paid = await payOverHttp(stack, { proposer: officer, attestant }, skane.id, {
      paidOn: "2023-02-01",
      amount: 1_000_000,
    });
    // Assess
    expect(skane.reference).toBe("SB-2023-0012-R1");
    expect(gotland.reference).toBe("SB-2023-0980-R1");
    expect(approved.map((a) => a.status)).toEqual([200, 200]);
    expect(paid.status, JSON.stringify(paid.body)).toBe(200);
    const ledger = await submissionDeps().submissions.getAllocation(ID, SKANE);
    expect(ledger).toMatchObject({ allocated: 1_000_000, requisitioned: 1_000_000, paid: 1_000_000 });
  });

  it("reminds the regions that have not requisitioned, at their registry address, and not those that have", async () => {
    // Prepare: 14 days before the deadline
    await clearMails();
    process.env.STATSBIDRAG_TODAY = "2023-02-15";
    // Act
    // Each function keeps the programme list for the stack's cache time (2 s): the daily run that
    // sees the new programme sends its reminders, and a run before it sends none.
    await waitFor(async () => (await stack.runDaily()).programmes.some((p) => p.programmeId === ID), 10_000);
    // The reminder itself: the programme's announcements may still be arriving from the outbox.
    const isReminder = (m: { subject: string }) =>
      m.subject.startsWith("Påminnelse") && m.subject.includes("Region Uppsala");
    await waitFor(async () => (await readMails()).some(isReminder), 15_000);
    const mails = await readMails();
    // Assess
    const to = (address: string) => mails.filter((m) => m.destination.to.includes(address));
    const reminder = to(seedRegistryAddress(UPPSALA)).find(isReminder);
    expect(reminder?.body.text).toContain("Bidragsmottagare: Region Uppsala (0003)");
    expect(reminder?.body.text).toContain("har ännu inte rekvirerat hela sin tilldelning");
    expect(to(seedRegistryAddress(SKANE)).filter((m) => m.subject.startsWith("Påminnelse"))).toEqual([]);
    expect(to(seedRegistryAddress(GOTLAND)).filter((m) => m.subject.startsWith("Påminnelse"))).toEqual([]);
  });

  it("names each recipient and its kind in the overview and the export, adding up to the total", async () => {
    // Act
    const overview = await call<{ allocated: { amount: number; municipalities: number }; balanced: boolean }>(
      stack,
      "GET",
      `/programmes/${ID}/overview`,
      { token: officer },
    );
    const csv = await (
      await fetch(`${stack.apiUrl}/programmes/${ID}/export.csv?lang=en`, {
        headers: { authorization: `Bearer ${officer}` },
      })
    ).text();
    // Assess
    expect(overview.body.allocated).toMatchObject({ amount: 21_000_000, municipalities: 21 });
    expect(overview.body.balanced).toBe(true);
    const [header, ...lines] = csv
      .replace(/^\uFEFF/, "")
      .trimEnd()
      .split("\r\n");
    const columns = (header ?? "").split(";");
    const rows = lines.map((l) => Object.fromEntries(l.split(";").map((v, i) => [columns[i], v])));
    expect(rows).toHaveLength(21);
    expect(rows.find((r) => r.kommunkod === SKANE)).toMatchObject({
      kommun: "Region Skåne",
      recipientKind: "region",
      paid: "1000000",
    });
    expect(rows.find((r) => r.kommunkod === GOTLAND)?.recipientKind).toBe("municipality");
  });
});

describe("SKR's own share of the 2022 agreement (seed 000, 7.2)", () => {
  it("is requisitioned by SKR in full and is not Lund's to see", async () => {
    // Prepare
    process.env.STATSBIDRAG_TODAY = "2022-11-20";
    const share = requireSeed(SKR_SHARE);
    // Act
    const skr = await call<Receipt>(stack, "POST", `/programmes/${SKR_SHARE}/requisitions`, {
      token: await token(SKR),
      body: sampleRequisition(share, SKR, "2022-11-20"),
    });
    const lund = await call(stack, "POST", `/programmes/${SKR_SHARE}/requisitions`, {
      token: await token(LUND),
      body: sampleRequisition(requireSeed("skr-aldreomsorg-2022"), LUND, "2022-11-20"),
    });
    // Assess
    expect(skr.status, JSON.stringify(skr.body)).toBe(201);
    expect(skr.body.reference).toBe("SB-2022-9001-R1");
    expect(lund.status).toBe(404);
    const ledger = await submissionDeps().submissions.getAllocation(SKR_SHARE, SKR);
    expect(ledger).toMatchObject({ allocated: 17_900_000, requisitioned: 17_900_000 });
  });
});
