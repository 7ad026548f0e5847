import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { bilaga2Pdf } from "../../../shared/forms/pdf/bilaga2.ts";
import { packageFonts } from "../../../shared/forms/pdf/package-fonts.ts";
import type { SubmissionDetail } from "../../../shared/submissions/ports.ts";
import { bilaga2InputOf } from "../../../shared/submissions/printed-form.ts";
import { requestUpload } from "../../../shared/submissions/request-upload.ts";
import { type FakeSystem, fakeRoot, fakeSystem } from "../../fakes/fake-root.ts";
import { makeSignatureCorpus, type SignatureCorpus } from "../../fixtures/signatures/corpus.ts";
import type { Party } from "../../fixtures/signatures/pki.ts";
import { signExisting } from "../../fixtures/signatures/sign.ts";
import { apiEvent, invoke, LUND, municipalityClaims, silenceLogs } from "../../helpers/events.ts";
import {
  freshSystem,
  lastSlotKey,
  municipality,
  PDF,
  programme2022,
  requisitioned,
  uploadChecked,
} from "./on-fakes.ts";

const coldStart = fakeSystem();
vi.mock("../../../shared/composition-root.ts", () => fakeRoot(coldStart));

let getSubmission: Awaited<typeof import("../../../functions/get-submission/handler.ts")>["handler"];
let corpus: SignatureCorpus;
let sys: FakeSystem;
const MALMO = "1280";
const PERSONNUMMER = "197001011234";

beforeAll(async () => {
  silenceLogs();
  ({ handler: getSubmission } = await import("../../../functions/get-submission/handler.ts"));
  corpus = await makeSignatureCorpus();
}, 60_000);

beforeEach(() => {
  sys = freshSystem(coldStart, { trustAnchorsPem: corpus.pki.trustAnchorsPem });
});

/** The form we print for submission `id`, signed by `party` as a signing service would. */
async function signedFormOf(id: string, party: Party): Promise<Uint8Array> {
  const submission = await sys.submissions.getSubmission(id);
  if (!submission) throw new Error("no submission");
  const form = await bilaga2Pdf(bilaga2InputOf(submission), await packageFonts());
  return signExisting(form, party, corpus.signingTime);
}

async function detailOf(id: string): Promise<SubmissionDetail> {
  const detail = await sys.submissions.getSubmissionDetail(id);
  if (!detail) throw new Error("submission vanished");
  return detail;
}

describe("upload check: a digitally signed form instead of a scan", () => {
  it("receives the submission on its own form signed through the trusted chain, with no scan and no QR look", async () => {
    // Prepare
    const { id, key, receipt } = await requisitioned(sys);
    const pdf = await signedFormOf(id, corpus.pki.anna);
    // Act
    const { checked, scanned } = await uploadChecked(sys, key, pdf);
    // Assess
    expect([checked, scanned]).toEqual(["scanning", "accepted"]);
    const detail = await detailOf(id);
    expect(detail.submission.status).toBe("received");
    const digital = {
      pages: 1,
      signers: [
        {
          signerName: "Anna Andersson",
          signedAt: corpus.signingTime.toISOString(),
          issuer: "Test e-legitimation CA",
        },
      ],
    };
    expect(detail.submission.original?.digitalOriginal).toEqual(digital);
    expect(detail.submission.original?.formCode).toBeUndefined();
    const original = detail.attachments.find((a) => a.id === receipt.upload.attachmentId);
    expect(original).toMatchObject({ status: "accepted", digitalOriginal: digital });
    expect(detail.audit.find((e) => e.action === "upload.accepted")?.details).toMatchObject({
      digitalOriginal: true,
    });
    expect(JSON.stringify(detail.submission)).not.toContain(PERSONNUMMER);
  });

  it("shows the municipality what stood in, without the signer's personnummer", async () => {
    // Prepare
    const { id, key } = await requisitioned(sys);
    await uploadChecked(sys, key, await signedFormOf(id, corpus.pki.anna));
    // Act
    const res = await invoke<SubmissionDetail>(
      getSubmission,
      apiEvent({ route: "GET /submissions/{id}", pathParameters: { id }, claims: municipalityClaims(LUND) }),
    );
    // Assess
    expect(res.status).toBe(200);
    expect(res.body.submission.original?.digitalOriginal?.signers[0]?.signerName).toBe("Anna Andersson");
    expect(JSON.stringify(res.body)).not.toContain(PERSONNUMMER);
  });

  it("refuses Malmö's signed form uploaded to Lund's requisition, naming Malmö's reference", async () => {
    // Prepare
    const lund = await requisitioned(sys);
    const malmo = await requisitioned(sys, MALMO);
    const pdf = await signedFormOf(malmo.id, corpus.pki.anna);
    // Act
    const { checked } = await uploadChecked(sys, lund.key, pdf);
    // Assess
    expect(checked).toBe("refused");
    const detail = await detailOf(lund.id);
    expect(detail.submission.status).toBe("original-rejected");
    const refused = detail.attachments.find((a) => a.status === "refused");
    expect(refused?.refusal?.code).toBe("SCAN_FOR_OTHER_SUBMISSION");
    expect(refused?.refusal?.message.en).toContain(malmo.receipt.reference);
  });

  it("refuses its own form signed by a CA outside the trust list, says why and lets a scan follow", async () => {
    // Prepare
    const { id, key } = await requisitioned(sys);
    const pdf = await signedFormOf(id, corpus.pki.stranger);
    // Act
    const { checked } = await uploadChecked(sys, key, pdf);
    // Assess
    expect(checked).toBe("refused");
    const detail = await detailOf(id);
    expect(detail.submission.status).toBe("original-rejected");
    const refused = detail.attachments.find((a) => a.status === "refused");
    expect(refused?.refusal?.code).toBe("DIGITAL_SIGNATURE_NOT_ACCEPTED");
    expect(refused?.refusal?.message.sv).toContain("skanna den");
    // What was found stays with the refused file, for both to see.
    expect(refused?.signature?.status).toBe("untrusted");
    const mail = sys.world.queued().find((m) => m.topic === "original-rejected");
    expect(mail?.text).toContain("inte från en utfärdare som godtas");
    expect(mail?.text).not.toContain(PERSONNUMMER);
    // The municipality asks for a new slot and uploads the scan instead.
    await requestUpload(sys.submissionDeps, municipality(), id, "original");
    await uploadChecked(sys, lastSlotKey(sys), PDF);
    expect((await detailOf(id)).submission.status).toBe("received");
  });

  it("refuses its own verified form where the programme accepts only scans", async () => {
    // Prepare
    const programme = programme2022();
    sys.world.programmes.set(programme.id, [
      {
        programme: { ...programme, digitalSignature: { accepted: "none" } },
        version: 2,
        publishedAt: "2022-01-02T00:00:00.000Z",
      },
    ]);
    const { id, key } = await requisitioned(sys);
    const pdf = await signedFormOf(id, corpus.pki.anna);
    // Act
    const { checked } = await uploadChecked(sys, key, pdf);
    // Assess
    expect(checked).toBe("refused");
    const refused = (await detailOf(id)).attachments.find((a) => a.status === "refused");
    expect(refused?.refusal?.message.en).toContain("does not accept digitally signed forms");
  });

  it("refuses its own form changed after signing", async () => {
    // Prepare
    const { id, key } = await requisitioned(sys);
    const pdf = Buffer.from(await signedFormOf(id, corpus.pki.anna));
    // One byte inside the covered range: the signature's /Reason.
    const at = pdf.indexOf("/Reason (Rekvisition)") + "/Reason (".length;
    pdf[at] = "X".charCodeAt(0);
    // Act
    const { checked } = await uploadChecked(sys, key, pdf);
    // Assess
    expect(checked).toBe("refused");
    const refused = (await detailOf(id)).attachments.find((a) => a.status === "refused");
    expect(refused?.refusal?.code).toBe("DIGITAL_SIGNATURE_NOT_ACCEPTED");
    expect(refused?.signature?.status).toBe("invalid");
  });

  it("still takes a signed PDF that is not our form as a scan, its signature recorded only", async () => {
    // Prepare
    const { id, key } = await requisitioned(sys);
    // Act
    const { scanned } = await uploadChecked(sys, key, corpus.signed);
    // Assess
    expect(scanned).toBe("accepted");
    const original = (await detailOf(id)).submission.original;
    expect(original?.digitalOriginal).toBeUndefined();
    expect(original?.formCode?.result).toBe("unmatched");
  });
});
