import { describe, expect, it } from "vitest";
import { sweepUploads } from "../../../shared/submissions/upload-sweep.ts";
import { fakeSystem } from "../../fakes/fake-root.ts";
import { LUND, PDF, requisition } from "./scenarios.ts";

const MINUTE = 60_000;

/** An upload S3 stored whose event never reached the check (a crash between the 204 and it). */
async function strandedUpload(at: Date) {
  const sys = fakeSystem({ malwareScan: "none" });
  const id = await requisition(sys, LUND);
  const s = await sys.submissions.getSubmission(id);
  const slot = await sys.submissions.getAttachment(id, s?.originalSlot ?? "");
  if (!slot) throw new Error("no slot");
  sys.files.upload(slot.key, PDF, at);
  return { sys, id };
}

describe("the upload sweep", () => {
  it("settles an upload whose event was lost, by S3's real time even when the clock says 2022", async () => {
    // Prepare: the use cases' clock is in 2022; S3 stored the file ten minutes ago, today.
    const storageNow = Date.now();
    const { sys, id } = await strandedUpload(new Date(storageNow - 10 * MINUTE));
    // Act
    const counts = await sweepUploads(sys.uploadCheckDeps, 5 * MINUTE, storageNow);
    // Assess
    expect(counts.accepted).toBe(1);
    expect((await sys.submissions.getSubmission(id))?.status).toBe("received");
  });

  it("leaves a young upload to its own event", async () => {
    // Prepare
    const storageNow = Date.now();
    const { sys, id } = await strandedUpload(new Date(storageNow - MINUTE));
    // Act
    const counts = await sweepUploads(sys.uploadCheckDeps, 5 * MINUTE, storageNow);
    // Assess
    expect(counts).toMatchObject({ accepted: 0, ignored: 0 });
    expect((await sys.submissions.getSubmission(id))?.status).toBe("awaiting-original");
  });

  it("settles nothing twice: a second sweep finds the version checked", async () => {
    // Prepare
    const storageNow = Date.now();
    const { sys } = await strandedUpload(new Date(storageNow - 10 * MINUTE));
    await sweepUploads(sys.uploadCheckDeps, 5 * MINUTE, storageNow);
    // Act
    const again = await sweepUploads(sys.uploadCheckDeps, 5 * MINUTE, storageNow);
    // Assess
    expect(again.accepted).toBe(0);
  });
});
