import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { SignatureSummary } from "../../../shared/signatures/model.ts";
import type { SubmissionDetail } from "../../../shared/submissions/ports.ts";
import { type FakeSystem, fakeRoot, fakeSystem } from "../../fakes/fake-root.ts";
import { makeSignatureCorpus, type SignatureCorpus } from "../../fixtures/signatures/corpus.ts";
import {
  type ApiHandlerFn,
  apiEvent,
  type Claims,
  invoke,
  LUND,
  municipalityClaims,
  officerClaims,
  silenceLogs,
} from "../../helpers/events.ts";
import { freshSystem, PDF, requisitioned, uploadChecked } from "./on-fakes.ts";

const coldStart = fakeSystem();
vi.mock("../../../shared/composition-root.ts", () => fakeRoot(coldStart));

let getSubmission: ApiHandlerFn;
let corpus: SignatureCorpus;
let sys: FakeSystem;

beforeAll(async () => {
  silenceLogs();
  ({ handler: getSubmission } = await import("../../../functions/get-submission/handler.ts"));
  corpus = await makeSignatureCorpus();
}, 60_000);

beforeEach(() => {
  sys = freshSystem(coldStart, { trustAnchorsPem: corpus.pki.trustAnchorsPem });
});

const PERSONNUMMER = "197001011234";

/** Lund's requisition with `bytes` uploaded as its original, checked and found clean. */
async function withOriginal(bytes: Uint8Array | string) {
  const { id, receipt } = await requisitioned(sys);
  const key = receipt.upload.fields.key ?? "";
  const { checked, scanned } = await uploadChecked(sys, key, bytes);
  const detail = await sys.submissions.getSubmissionDetail(id);
  if (!detail) throw new Error("submission vanished");
  const original = detail.attachments.find((a) => a.id === receipt.upload.attachmentId);
  return { id, checked, scanned, detail, original };
}

const get = (claims: Claims, id: string) =>
  invoke<SubmissionDetail>(
    getSubmission,
    apiEvent({ route: "GET /submissions/{id}", pathParameters: { id }, claims }),
  );

describe("upload check: digital signatures", () => {
  it("records a verified signature on the original with signer, issuer, time and serialNumber", async () => {
    // Prepare: a PDF signed through the trusted chain
    // Act
    const { scanned, original } = await withOriginal(corpus.signed);
    // Assess
    expect(scanned).toBe("accepted");
    expect(original?.signature).toEqual<SignatureSummary>({
      status: "verified",
      signatures: [
        {
          status: "verified",
          signerName: "Anna Andersson",
          givenName: "Anna",
          surname: "Andersson",
          serialNumber: PERSONNUMMER,
          issuer: "Test e-legitimation CA",
          signedAt: corpus.signingTime.toISOString(),
          coversWholeDocument: true,
          revocationChecked: false,
        },
      ],
    });
  });

  it("keeps serialNumbers off the submission record, which lists return", async () => {
    // Prepare
    // Act
    const { detail } = await withOriginal(corpus.signed);
    // Assess
    expect(detail.submission.original?.signature?.signatures[0]).toMatchObject({
      status: "verified",
      signerName: "Anna Andersson",
    });
    expect(JSON.stringify(detail.submission)).not.toContain(PERSONNUMMER);
  });

  it("names only the signature's verdict in the audit trail", async () => {
    // Prepare
    // Act
    const { detail } = await withOriginal(corpus.signed);
    // Assess
    const accepted = detail.audit.find((e) => e.action === "upload.accepted");
    expect(accepted?.details).toMatchObject({ signature: "verified", pdfSignatureMarkers: true });
    expect(JSON.stringify(detail.audit)).not.toContain(PERSONNUMMER);
    expect(JSON.stringify(detail.audit)).not.toContain("Anna Andersson");
  });

  it("still accepts a PDF changed after signing as a scan, with its signature recorded invalid", async () => {
    // Prepare
    // Act
    const { scanned, original } = await withOriginal(corpus.tampered);
    // Assess
    expect(scanned).toBe("accepted");
    expect(original?.signature).toMatchObject({
      status: "invalid",
      signatures: [{ status: "invalid", reason: "DIGEST_MISMATCH" }],
    });
  });

  it("finds an intact signature untrusted when the stage has no trust list", async () => {
    // Prepare
    sys = freshSystem(coldStart);
    // Act
    const { original } = await withOriginal(corpus.signed);
    // Assess
    expect(original?.signature).toMatchObject({
      status: "untrusted",
      signatures: [{ reason: "CHAIN_UNTRUSTED" }],
    });
  });

  it("records none for a PDF without a signature", async () => {
    // Prepare
    // Act
    const { original } = await withOriginal(PDF);
    // Assess
    expect(original?.signature).toEqual({ status: "none", signatures: [] });
  });

  it("records fake signature markers as an invalid signature, never as signed", async () => {
    // Prepare
    // Act
    const { original } = await withOriginal(corpus.fakeMarkers);
    // Assess
    expect(original?.signature?.status).toBe("invalid");
  });
});

describe("GET /submissions/{id}: the signature check's result", () => {
  it("shows the officer the signature summary including the serialNumber", async () => {
    // Prepare
    const { id } = await withOriginal(corpus.twoSignatures);
    // Act
    const res = await get(officerClaims(), id);
    // Assess
    expect(res.status).toBe(200);
    const signature = res.body.attachments.find((a) => a.type === "original")?.signature;
    expect(signature?.status).toBe("verified");
    expect(signature?.signatures.map((s) => s.serialNumber)).toEqual([PERSONNUMMER, "PNOSE-196502021234"]);
  });

  it("shows the municipality status, signer, time and issuer, but no serialNumber", async () => {
    // Prepare
    const { id } = await withOriginal(corpus.twoSignatures);
    // Act
    const res = await get(municipalityClaims(LUND), id);
    // Assess
    expect(res.status).toBe(200);
    const signature = res.body.attachments.find((a) => a.type === "original")?.signature;
    expect(signature?.signatures[0]).toEqual({
      status: "verified",
      signerName: "Anna Andersson",
      givenName: "Anna",
      surname: "Andersson",
      issuer: "Test e-legitimation CA",
      signedAt: corpus.signingTime.toISOString(),
      coversWholeDocument: false,
      revocationChecked: false,
    });
    expect(JSON.stringify(res.body)).not.toContain(PERSONNUMMER);
    expect(JSON.stringify(res.body)).not.toContain("196502021234");
  });
});
