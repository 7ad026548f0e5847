import { describe, expect, it } from "vitest";
import type { FormCode } from "../../../shared/forms/form-code.ts";
import { checkUpload } from "../../../shared/submissions/upload-check.ts";
import { type FakeSystem, fakeSystem } from "../../fakes/fake-root.ts";
import { requisitioned } from "../functions/on-fakes.ts";

const SCAN = Buffer.from("%PDF-1.4\n(pretend scan)\n%%EOF\n", "latin1");

/** Lund's requisition, its slot, and a file uploaded to it that the reader says holds `pages`. */
async function uploaded(sys: FakeSystem, pages: (id: string, reference: string) => FormCode[][]) {
  const { id, key, receipt } = await requisitioned(sys);
  sys.scans.holds(SCAN, { pages: pages(id, receipt.reference).map((codes) => ({ codes })), unsupported: 0 });
  const version = sys.files.upload(key, SCAN);
  return { id, key, version, attachmentId: receipt.upload.attachmentId, reference: receipt.reference };
}

const page = (submissionId: string, reference: string, n: number, of = 2): FormCode => ({
  submissionId,
  reference,
  page: n,
  pages: of,
});

describe("the upload check reads the original's QR codes", () => {
  it("accepts a scan of this submission with its signature page as matched, and the submission says so", async () => {
    // Prepare
    const sys = fakeSystem({ malwareScan: "none" });
    const u = await uploaded(sys, (id, ref) => [[page(id, ref, 1)], [page(id, ref, 2)]]);
    // Act
    const outcome = await checkUpload(sys.uploadCheckDeps, { key: u.key, etag: u.version.etag });
    // Assess
    expect(outcome).toBe("accepted");
    const submission = await sys.submissions.getSubmission(u.id);
    expect(submission?.status).toBe("received");
    expect(submission?.original?.formCode).toEqual({ result: "matched", pages: [1, 2], of: 2 });
    expect((await sys.submissions.getAttachment(u.id, u.attachmentId))?.formCode).toEqual({
      result: "matched",
      pages: [1, 2],
      of: 2,
    });
  });

  it("refuses a scan of another submission, naming it, and quarantines it", async () => {
    // Prepare
    const sys = fakeSystem({ malwareScan: "none" });
    const other = "6ba7b810-9dad-11d1-80b4-00c04fd430c8";
    const u = await uploaded(sys, () => [[page(other, "SB-2022-1280-R1", 2)]]);
    // Act
    const outcome = await checkUpload(sys.uploadCheckDeps, { key: u.key, etag: u.version.etag });
    // Assess
    expect(outcome).toBe("refused");
    const submission = await sys.submissions.getSubmission(u.id);
    expect(submission?.status).toBe("original-rejected");
    const attachment = await sys.submissions.getAttachment(u.id, u.attachmentId);
    expect(attachment?.refusal?.code).toBe("SCAN_FOR_OTHER_SUBMISSION");
    expect(attachment?.refusal?.message.sv).toContain("det här är blanketten för SB-2022-1280-R1");
    expect(sys.files.objects.has(u.key.replace(/^originals\//, "quarantine/"))).toBe(true);
  });

  it("does not take page 1 of 2 alone as the signed original", async () => {
    // Prepare
    const sys = fakeSystem({ malwareScan: "none" });
    const u = await uploaded(sys, (id, ref) => [[page(id, ref, 1)]]);
    // Act
    const outcome = await checkUpload(sys.uploadCheckDeps, { key: u.key, etag: u.version.etag });
    // Assess
    expect(outcome).toBe("refused");
    expect((await sys.submissions.getSubmission(u.id))?.status).toBe("original-rejected");
    const attachment = await sys.submissions.getAttachment(u.id, u.attachmentId);
    expect(attachment?.refusal?.code).toBe("SIGNATURE_PAGE_MISSING");
  });

  it("accepts a scan without a code as unmatched, and keeps the match through the malware verdict", async () => {
    // Prepare: the stage scans for malware, so the match waits with the file
    const sys = fakeSystem();
    const u = await uploaded(sys, () => [[]]);
    // Act
    const outcome = await checkUpload(sys.uploadCheckDeps, { key: u.key, etag: u.version.etag });
    // Assess
    expect(outcome).toBe("scanning");
    expect((await sys.submissions.getAttachment(u.id, u.attachmentId))?.formCode).toEqual({
      result: "unmatched",
      reason: "no-code",
    });
  });
});
