import { describe, expect, it } from "vitest";
import { submissionView } from "../../../shared/officer/download-links.ts";
import type { SignatureSummary } from "../../../shared/signatures/model.ts";
import { submissionDetailView } from "../../../shared/submissions/detail-view.ts";
import { verifiedSigners } from "../../../shared/submissions/mail-facts.ts";
import type { SubmissionDetail } from "../../../shared/submissions/ports.ts";
import { MemoryFileStorage } from "../../fakes/memory-file-storage.ts";
import { MovableClock } from "../../fakes/movable-clock.ts";
import { storedAttachment, storedSubmission } from "../../helpers/events.ts";

const SIGNED: SignatureSummary = {
  status: "verified",
  signatures: [
    {
      status: "verified",
      signerName: "Anna Andersson",
      serialNumber: "197001011234",
      issuer: "Test e-legitimation CA",
      signedAt: "2022-06-01T09:00:00.000Z",
      coversWholeDocument: true,
      revocationChecked: false,
    },
  ],
};

/** A received requisition whose accepted original carries SIGNED (as the check records it). */
function signedDetail(): SubmissionDetail {
  const submission = storedSubmission({ status: "received" });
  const original = storedAttachment(submission, {
    status: "accepted",
    signature: SIGNED,
    storedKey: "records/x",
  });
  submission.original = {
    attachmentId: original.id,
    sha256: "0".repeat(64),
    size: 1,
    contentType: "application/pdf",
    signature: SIGNED,
  };
  return { submission, attachments: [original], audit: [] };
}

describe("the signature check's result in GET /submissions/{id}", () => {
  it("gives a municipality status, signer, time and issuer without the serialNumber", () => {
    // Prepare
    const detail = signedDetail();
    // Act
    const view = submissionDetailView(detail, {}, "municipality");
    // Assess
    const { serialNumber: _, ...visible } = SIGNED.signatures[0] ?? { serialNumber: "" };
    expect(view.attachments[0]?.signature?.signatures).toEqual([visible]);
    expect(view.submission.original?.signature?.signatures).toEqual([visible]);
    expect(JSON.stringify(view)).not.toContain("197001011234");
  });

  it("is shaped for a municipality unless told the viewer is an officer", () => {
    // Prepare
    const detail = signedDetail();
    // Act
    const view = submissionDetailView(detail);
    // Assess
    expect(JSON.stringify(view)).not.toContain("197001011234");
  });

  it("gives an officer the whole summary, serialNumber included, beside the download link", async () => {
    // Prepare
    const detail = signedDetail();
    const officer = { kind: "officer" as const, sub: "officer-1" };
    // Act
    const view = await submissionView(
      submissionDetailView(detail, {}, "officer"),
      officer,
      new MemoryFileStorage(),
      new MovableClock("2022-06-01T10:00:00.000Z"),
    );
    // Assess
    expect(view.attachments[0]?.signature).toEqual(SIGNED);
    expect(view).toHaveProperty("originalDownload");
  });

  it("leaves the stored detail untouched when shaping the municipality's view", () => {
    // Prepare
    const detail = signedDetail();
    // Act
    submissionDetailView(detail, {}, "municipality");
    // Assess
    expect(detail.attachments[0]?.signature).toEqual(SIGNED);
  });
});

describe("verifiedSigners (the receipt's signers)", () => {
  it("names each verified signer with the signing time in Stockholm time, and never the serialNumber", () => {
    // Prepare
    const summary = SIGNED;
    // Act
    const signers = verifiedSigners(summary);
    // Assess
    expect(signers).toEqual([{ signerName: "Anna Andersson", signedAtLocal: "2022-06-01 11:00:00" }]);
    expect(JSON.stringify(signers)).not.toContain("197001011234");
  });

  it("leaves out signatures that are not verified, and a summary without signatures", () => {
    // Prepare
    const [anna] = SIGNED.signatures;
    if (!anna) throw new Error("fixture");
    const summary: SignatureSummary = {
      status: "invalid",
      signatures: [
        { ...anna, status: "untrusted", reason: "CHAIN_UNTRUSTED" },
        { ...anna, status: "invalid", reason: "DIGEST_MISMATCH" },
        { ...anna, status: "partial", reason: "NOT_WHOLE_DOCUMENT" },
      ],
    };
    // Act + Assess
    expect(verifiedSigners(summary)).toEqual([]);
    expect(verifiedSigners(undefined)).toEqual([]);
    expect(verifiedSigners({ status: "none", signatures: [] })).toEqual([]);
  });
});
