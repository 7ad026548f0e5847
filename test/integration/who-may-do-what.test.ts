/**
 * Issue 19 on the emulators: each municipal role allowed and refused, and money that takes two
 * officers — with the attacks on it (attest by the proposer, by the approver, by an officer who
 * is no attestant, before any proposal, of a superseded proposal, and a replayed attestation).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LocalStack } from "../../infra/local/stack.ts";
import type { MunicipalRole } from "../../shared/auth/roles.ts";
import { sampleReport, sampleRequisition } from "../../shared/forms/index.ts";
import { seedProgramme } from "../../shared/programmes/seeds.ts";
import type { Submission } from "../../shared/submissions/model.ts";
import { ATTESTANT_SUBJECT } from "../helpers/four-eyes.ts";
import { payOverHttp } from "../helpers/four-eyes-http.ts";
import { call, smallPdf, startTestStack, type UploadSlot, uploadWith } from "../helpers/local-stack.ts";
import { pdfPageTexts } from "../helpers/pdf-text.ts";
import { waitFor } from "../helpers/wait.ts";

const PROGRAMME = "skr-aldreomsorg-2022";
const TODAY = "2022-11-20";
const programme = (() => {
  const found = seedProgramme(PROGRAMME);
  if (!found) throw new Error("programme missing");
  return found;
})();

let stack: LocalStack;
/** Proposes and approves; no attestant. */
let officer: string;
/** An attestant who neither proposed nor approved. */
let attestant: string;
/** A second officer holding the attestant role, who also approves in one test. */
let approver: string;
/** An officer without the attestant role. */
let plainOfficer: string;

const as = (kommunkod: string, roles: MunicipalRole[], name?: string) =>
  stack.issuer.mint({
    kommunkod,
    email: `${roles.join("-")}@${kommunkod}.example`,
    roles,
    ...(name ? { name } : {}),
  });

interface Receipt {
  id: string;
  reference: string;
  upload: UploadSlot;
  code?: string;
  role?: string;
}
interface Answer {
  submission: Submission;
  code?: string;
  role?: string;
  audit: { action: string; actor: Record<string, unknown> }[];
}

beforeAll(async () => {
  stack = await startTestStack(TODAY, { tableName: "statsbidrag-test-who-may-do-what" });
  officer = await stack.issuer.mint({ officer: true, email: "handlaggare@kammarkollegiet.example" });
  attestant = await stack.issuer.mint(ATTESTANT_SUBJECT);
  approver = await stack.issuer.mint({
    officer: true,
    email: "chef@kammarkollegiet.example",
    roles: ["attestant"],
  });
  plainOfficer = await stack.issuer.mint({ officer: true, email: "kollega@kammarkollegiet.example" });
});

afterAll(async () => {
  await stack?.stop();
});

async function requisition(kommunkod: string, token: string) {
  return call<Receipt>(stack, "POST", `/programmes/${PROGRAMME}/requisitions`, {
    token,
    body: sampleRequisition(programme, kommunkod, TODAY),
  });
}

/** A requisition by a signatory, its original received, approved by `by`. */
async function approved(kommunkod: string, by = officer): Promise<Submission> {
  const signatory = await as(kommunkod, ["signatory"]);
  const created = await requisition(kommunkod, signatory);
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  await uploadWith(created.body.upload, smallPdf(created.body.reference), "scan.pdf", "application/pdf");
  await waitFor(async () => {
    const d = await call<Answer>(stack, "GET", `/submissions/${created.body.id}`, { token: signatory });
    return d.body.submission.status === "received" ? true : undefined;
  }, 15_000);
  const decided = await call<Answer>(stack, "POST", `/submissions/${created.body.id}/decision`, {
    token: by,
    body: { decision: "approve" },
  });
  expect(decided.status).toBe(200);
  return decided.body.submission;
}

const propose = (id: string, token: string, amount: number) =>
  call<Answer>(stack, "POST", `/submissions/${id}/payment`, { token, body: { paidOn: TODAY, amount } });
const attest = (id: string, token: string, proposalId: string | undefined) =>
  call<Answer>(stack, "POST", `/submissions/${id}/payment/attest`, { token, body: { proposalId } });

describe("municipal roles: each allowed and refused", () => {
  it("a preparer cannot requisition (403 ROLE_REQUIRED, signatory); a signatory can", async () => {
    // Prepare
    const preparer = await as("1281", ["preparer"]);
    const signatory = await as("1281", ["signatory"]);
    // Act
    const refused = await requisition("1281", preparer);
    const taken = await requisition("1281", signatory);
    // Assess
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ code: "ROLE_REQUIRED", role: "signatory" });
    expect(taken.status, JSON.stringify(taken.body)).toBe(201);
  });

  it("only a signatory gets an upload slot for the signed original, by either route", async () => {
    // Prepare
    const created = await requisition("1280", await as("1280", ["signatory"]));
    const preparer = await as("1280", ["preparer", "certifier"]);
    const signatory = await as("1280", ["signatory"]);
    // Act
    const viaOriginal = await call<Receipt>(stack, "POST", `/submissions/${created.body.id}/original`, {
      token: preparer,
    });
    const viaAttachments = await call<Receipt>(stack, "POST", `/submissions/${created.body.id}/attachments`, {
      token: preparer,
      body: { type: "original" },
    });
    const allowed = await call<Receipt>(stack, "POST", `/submissions/${created.body.id}/original`, {
      token: signatory,
    });
    // Assess
    expect([viaOriginal.status, viaAttachments.status]).toEqual([403, 403]);
    expect(viaOriginal.body).toMatchObject({ code: "ROLE_REQUIRED", role: "signatory" });
    expect(viaAttachments.body).toMatchObject({ code: "ROLE_REQUIRED", role: "signatory" });
    expect(allowed.status).toBe(201);
  });

  it("a report is the signatory's to send: a certifier alone is refused (403, signatory), a signatory alone until a certifier has certified it (409 REPORT_NOT_CERTIFIED)", async () => {
    // Prepare
    const report = sampleReport(programme, "0180", TODAY);
    const post = async (roles: MunicipalRole[]) =>
      call<Receipt>(stack, "POST", `/programmes/${PROGRAMME}/reports`, {
        token: await as("0180", roles),
        body: report,
      });
    // Act
    const signatoryOnly = await post(["signatory"]);
    const certifierOnly = await post(["certifier"]);
    const both = await post(["signatory", "certifier"]);
    // Assess: with both roles the sender certifies; the report then meets the money rules.
    expect([signatoryOnly.status, signatoryOnly.body.code]).toEqual([409, "REPORT_NOT_CERTIFIED"]);
    expect(certifierOnly.body).toMatchObject({ code: "ROLE_REQUIRED", role: "signatory" });
    expect(both.status, JSON.stringify(both.body)).not.toBe(403);
    expect(both.body.code).not.toBe("REPORT_NOT_CERTIFIED");
  });

  it("the signatory's name on a requisition is the sender's account's, whatever the form says", async () => {
    // Prepare
    const form = sampleRequisition(programme, "0186", TODAY);
    const token = await as("0186", ["signatory"], "Sven Signatur");
    // Act
    const sent = await call<Receipt>(stack, "POST", `/programmes/${PROGRAMME}/requisitions`, {
      token,
      body: { ...form, signature: { ...form.signature, signatory: "Praktikant" } },
    });
    const stored = await call<Answer>(stack, "GET", `/submissions/${sent.body.id}`, { token });
    // Assess
    expect(sent.status, JSON.stringify(sent.body)).toBe(201);
    expect(stored.body.submission.form).toMatchObject({ signature: { signatory: "Sven Signatur" } });
  });
});

describe("four eyes on a payment", () => {
  it("one officer proposes, the proposer and the approver cannot attest, a plain officer may not, an attestant does once", async () => {
    // Prepare: Göteborg approved by `approver` (an attestant), proposed by `officer`.
    const s = await approved("1480", approver);
    const early = await attest(s.id, attestant, "none-yet");
    const proposed = await propose(s.id, officer, s.amount);
    const proposalId = proposed.body.submission.paymentProposal?.id;
    const byProposer = await attest(s.id, officer, proposalId);
    const byApprover = await attest(s.id, approver, proposalId);
    const byPlain = await attest(s.id, plainOfficer, proposalId);
    const overviewBefore = await call<Record<string, { amount: number }>>(
      stack,
      "GET",
      `/programmes/${PROGRAMME}/overview`,
      { token: officer },
    );
    // Act
    const attested = await attest(s.id, attestant, proposalId);
    const replay = await attest(s.id, attestant, proposalId);
    // Assess
    expect(early.body.code).toBe("PAYMENT_NOT_PROPOSED");
    expect(proposed.body.submission.status).toBe("payment-proposed");
    expect([byProposer.status, byProposer.body.code]).toEqual([403, "ROLE_REQUIRED"]);
    expect([byApprover.status, byApprover.body.code]).toEqual([403, "ATTESTANT_DECIDED"]);
    expect([byPlain.status, byPlain.body.code, byPlain.body.role]).toEqual([
      403,
      "ROLE_REQUIRED",
      "attestant",
    ]);
    expect(overviewBefore.body.paymentProposed?.amount).toBe(s.amount);
    expect(overviewBefore.body.paid?.amount).toBe(0);
    expect(attested.status).toBe(200);
    expect(attested.body.submission).toMatchObject({ status: "paid", payment: { amount: s.amount } });
    expect([replay.status, replay.body.code]).toEqual([409, "PAYMENT_ALREADY_RECORDED"]);
  });

  it("an attestant who proposed cannot attest their own proposal (403 ATTESTANT_IS_PROPOSER)", async () => {
    // Prepare
    const s = await approved("0114");
    const proposed = await propose(s.id, attestant, s.amount);
    // Act
    const own = await attest(s.id, attestant, proposed.body.submission.paymentProposal?.id);
    // Assess
    expect([own.status, own.body.code]).toEqual([403, "ATTESTANT_IS_PROPOSER"]);
  });

  it("a superseded proposal cannot be attested; the current one is, and only it counts", async () => {
    // Prepare
    const s = await approved("0115");
    const first = await propose(s.id, officer, s.amount);
    const second = await propose(s.id, plainOfficer, s.amount - 1_000);
    // Act
    const stale = await attest(s.id, attestant, first.body.submission.paymentProposal?.id);
    const current = await attest(s.id, attestant, second.body.submission.paymentProposal?.id);
    // Assess
    expect([stale.status, stale.body.code]).toEqual([409, "PROPOSAL_SUPERSEDED"]);
    expect(current.body.submission.payment?.amount).toBe(s.amount - 1_000);
  });

  it("the municipality sees who proposed and attested by name and role, never by account id", async () => {
    // Prepare
    const s = await approved("0117");
    const paid = await payOverHttp(stack, { proposer: officer, attestant }, s.id, {
      paidOn: TODAY,
      amount: s.amount,
    });
    expect(paid.status).toBe(200);
    // Act
    const seen = await call<Answer>(stack, "GET", `/submissions/${s.id}`, {
      token: await as("0117", ["preparer"]),
    });
    const officers = await call<Answer>(stack, "GET", `/submissions/${s.id}`, { token: officer });
    // Assess
    const attestation = (a: Answer) => a.audit.find((e) => e.action === "payment.attested")?.actor;
    expect(attestation(seen.body)).toEqual({ kind: "officer", roles: ["attestant"] });
    expect(attestation(officers.body)).toMatchObject({ sub: "officer-attestant@kammarkollegiet.example" });
    expect(JSON.stringify(seen.body.audit)).not.toContain("officer-");
  });
});

// After the four-eyes tests: its payment would show in their programme overview.
describe("the report's certification: a certifier's account, on the draft", () => {
  const DRAFT = `/programmes/${PROGRAMME}/drafts/report`;
  interface DraftAnswer {
    draft: { version: number; form: Record<string, unknown>; certified?: { name: string; title: string } };
    code?: string;
    role?: string;
  }

  it("a preparer prepares, a certifier certifies, any change voids it, the signatory sends what was certified: both names from the accounts land on the submission and its PDF", async () => {
    // Prepare: Nykvarn's requisition paid, so its report can be sent
    const kommun = "0140";
    const s = await approved(kommun);
    expect(
      (await payOverHttp(stack, { proposer: officer, attestant }, s.id, { paidOn: TODAY, amount: s.amount }))
        .status,
    ).toBe(200);
    const preparer = await as(kommun, ["preparer"], "Pia Persson");
    const certifier = await stack.issuer.mint({
      kommunkod: kommun,
      email: `certifier@${kommun}.example`,
      roles: ["certifier"],
      name: "Cecilia Certe",
      title: "Ekonomichef",
    });
    const signatory = await as(kommun, ["signatory"], "Sven Signatur");
    const sample = sampleReport(programme, kommun, TODAY);
    const report = {
      ...sample,
      grant: { ...sample.grant, totalPaid: s.amount },
      accounting: { ...sample.accounting, received: s.amount, costs: s.amount, unspent: 0 },
      // Free text where the accounts' names go: never taken
      certification: { ...sample.certification, name: "Praktikant", title: "Praktikant" },
    };
    const save = (token: string, form: unknown, version?: number) =>
      call<DraftAnswer>(stack, "PUT", DRAFT, { token, body: { form, ...(version ? { version } : {}) } });
    const certify = (token: string, version: number) =>
      call<DraftAnswer>(stack, "POST", `${DRAFT}/certify`, { token, body: { version } });
    const send = (form: unknown) =>
      call<Receipt>(stack, "POST", `/programmes/${PROGRAMME}/reports`, { token: signatory, body: form });

    // Act: the preparer saves; sending before any certification, and certifying without the role
    const saved = await save(preparer, report);
    const uncertified = await send(report);
    const byPreparer = await certify(preparer, saved.body.draft.version);
    const staleVersion = await certify(certifier, saved.body.draft.version + 5);
    // Act: certified, then changed (voided), then certified again
    const first = await certify(certifier, saved.body.draft.version);
    const changed = await save(preparer, { ...report, answers: report.answers }, first.body.draft.version);
    const changedForm = {
      ...report,
      accounting: { ...report.accounting, surveyAnswered: !report.accounting.surveyAnswered },
    };
    const voided = await save(preparer, changedForm, changed.body.draft.version);
    const afterVoid = await send(changedForm);
    const second = await certify(certifier, voided.body.draft.version);
    const different = await send(report);
    const sent = await send(changedForm);
    const stored = await call<Answer & { submission: { form: Record<string, unknown> } }>(
      stack,
      "GET",
      `/submissions/${sent.body.id}`,
      { token: signatory },
    );
    const pdf = await fetch(`${stack.apiUrl}/submissions/${sent.body.id}/form.pdf`, {
      headers: { authorization: `Bearer ${signatory}` },
    });
    const draftAfter = await call(stack, "GET", DRAFT, { token: preparer });

    // Assess
    expect(saved.status).toBe(200);
    expect(saved.body.draft.form.certification).not.toHaveProperty("name");
    expect([uncertified.status, uncertified.body.code]).toEqual([409, "REPORT_NOT_CERTIFIED"]);
    expect([byPreparer.status, byPreparer.body.code, byPreparer.body.role]).toEqual([
      403,
      "ROLE_REQUIRED",
      "certifier",
    ]);
    expect([staleVersion.status, staleVersion.body.code]).toEqual([409, "DRAFT_CHANGED"]);
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body.draft.certified).toMatchObject({ name: "Cecilia Certe", title: "Ekonomichef" });
    // A save that changes nothing certified keeps it; one that changes the report voids it
    expect(changed.body.draft.certified).toMatchObject({ name: "Cecilia Certe" });
    expect(voided.body.draft.certified).toBeUndefined();
    expect([afterVoid.status, afterVoid.body.code]).toEqual([409, "REPORT_NOT_CERTIFIED"]);
    expect(second.status).toBe(200);
    expect([different.status, different.body.code]).toEqual([409, "CERTIFICATION_DIFFERS"]);
    expect(sent.status, JSON.stringify(sent.body)).toBe(201);
    expect(stored.body.submission.form).toMatchObject({
      certification: { name: "Cecilia Certe", title: "Ekonomichef" },
      signature: { signatory: "Sven Signatur" },
    });
    expect(stored.body.audit.find((e) => e.action === "report.submitted")).toBeDefined();
    const text = pdfPageTexts(new Uint8Array(await pdf.arrayBuffer())).join("\n");
    expect(text).toContain("Cecilia Certe");
    expect(text).toContain("Sven Signatur");
    expect(text).not.toContain("Praktikant");
    expect(draftAfter.status).toBe(404);
  });
});
