import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { sampleRequisition } from "../../../shared/forms/samples.ts";
import { decide } from "../../../shared/officer/decisions.ts";
import { submitCorrection } from "../../../shared/submissions/corrections.ts";
import type { AttachmentRequest } from "../../../shared/submissions/detail-view.ts";
import type { SubmissionDetail } from "../../../shared/submissions/ports.ts";
import { requestUpload } from "../../../shared/submissions/request-upload.ts";
import { type FakeSystem, fakeRoot, fakeSystem } from "../../fakes/fake-root.ts";
import {
  type ApiHandlerFn,
  apiEvent,
  type Claims,
  invoke,
  LUND,
  municipalityClaims,
  officerClaims,
  STOCKHOLM,
  silenceLogs,
} from "../../helpers/events.ts";
import {
  freshSystem,
  municipality,
  OFFICER,
  PDF,
  programme2022,
  received,
  requisitioned,
  uploadChecked,
} from "./on-fakes.ts";

const coldStart = fakeSystem();
vi.mock("../../../shared/composition-root.ts", () => fakeRoot(coldStart));

let handler: ApiHandlerFn;
let sys: FakeSystem;

beforeAll(async () => {
  silenceLogs();
  ({ handler } = await import("../../../functions/get-submission/handler.ts"));
});

beforeEach(() => {
  sys = freshSystem(coldStart);
});

type View = SubmissionDetail & {
  requests: AttachmentRequest[];
  originalDownload?: { url: string; expiresInSeconds: number };
  attachmentDownloads?: { type: string; url: string }[];
};

const get = (claims: Claims, id: string) =>
  apiEvent({ route: "GET /submissions/{id}", pathParameters: { id }, claims });

/** Lund's R1 returned asking for a bank statement, and R2 its correction. */
async function returnedAskingForBankStatement() {
  const { id: r1 } = await received(sys);
  sys.clock.advance(3_600_000);
  await decide(sys.officerDeps, OFFICER, r1, {
    decision: "return",
    reason: "Kontoutdrag saknas.",
    requestedAttachment: "bank-statement",
  });
  sys.clock.advance(3_600_000);
  const r2 = await submitCorrection(
    sys.submissionDeps,
    municipality(),
    r1,
    sampleRequisition(programme2022(), LUND),
  );
  const returnedAt = (await sys.submissions.getSubmission(r1))?.decision?.at ?? "";
  return { r1, r2: r2.id, returnedAt };
}

describe("get-submission handler: who reads what", () => {
  it("answers the owning municipality 200 with the submission, its files and its history as stored", async () => {
    // Prepare
    const { id } = await requisitioned(sys);
    const stored = await sys.submissions.getSubmissionDetail(id);
    // Act
    const res = await invoke<View>(handler, get(municipalityClaims(LUND), id));
    // Assess
    expect(res.status).toBe(200);
    expect(res.body.submission).toEqual(stored?.submission);
    expect(res.body.attachments).toEqual(stored?.attachments);
    expect(res.body.audit.map((e) => e.action)).toEqual(["requisition.submitted"]);
    expect(res.body.requests).toEqual([]);
  });

  it("answers 403 FORBIDDEN to another municipality asking for the submission by its id, showing none of it", async () => {
    // Prepare
    const { id } = await requisitioned(sys);
    // Act
    const res = await invoke(handler, get(municipalityClaims(STOCKHOLM), id));
    // Assess
    expect(res.status).toBe(403);
    expect(res.body.code).toBe("FORBIDDEN");
    expect(res.body).not.toHaveProperty("submission");
    expect(JSON.stringify(res.body)).not.toContain(id);
  });

  it("answers 404 NOT_FOUND for an id no submission has", async () => {
    // Prepare
    await requisitioned(sys);
    // Act
    const res = await invoke(handler, get(municipalityClaims(LUND), "00000000-0000-4000-8000-000000000000"));
    // Assess
    expect(res.status).toBe(404);
    expect(res.body.code).toBe("NOT_FOUND");
  });

  it("answers 401 without a token, reading nothing", async () => {
    // Prepare
    const { id } = await requisitioned(sys);
    const reads = vi.spyOn(sys.submissions, "getSubmissionDetail");
    // Act
    const res = await invoke(handler, get({}, id));
    // Assess
    expect(res.status).toBe(401);
    expect(reads).not.toHaveBeenCalled();
  });

  it("answers 503 with retry-after when the table throttles the read", async () => {
    // Prepare
    const { id } = await requisitioned(sys);
    const throttled = Object.assign(new Error("Rate exceeded"), { name: "ThrottlingException" });
    vi.spyOn(sys.submissions, "getSubmissionDetail").mockRejectedValueOnce(throttled);
    // Act
    const res = await invoke(handler, get(municipalityClaims(LUND), id));
    // Assess
    expect(res.status).toBe(503);
    expect(res.headers["retry-after"]).toBe("5");
    expect(res.body.code).toBe("SERVICE_UNAVAILABLE");
  });

  it("answers an officer 200 for any municipality's submission, with a 5-minute download link to the accepted original's record", async () => {
    // Prepare
    const { id } = await received(sys);
    const original = (await sys.submissions.getSubmissionDetail(id))?.attachments.find(
      (a) => a.status === "accepted",
    );
    // Act
    const res = await invoke<View>(handler, get(officerClaims("[officer]"), id));
    // Assess
    expect(res.status).toBe(200);
    expect(res.body.submission.kommunkod).toBe(LUND);
    expect(original?.storedKey).toMatch(/^records\//);
    expect(res.body.originalDownload?.url).toContain(original?.storedKey);
    expect(res.body.originalDownload?.expiresInSeconds).toBe(300);
  });

  it("answers 404 to an officer of another agency", async () => {
    // Prepare
    const { id } = await received(sys);
    // Act
    const res = await invoke(handler, get(officerClaims("[officer]", "officer-2", "socialstyrelsen"), id));
    // Assess
    expect(res.status).toBe(404);
  });

  it("gives the municipality no download link, even to its own accepted original", async () => {
    // Prepare
    const { id } = await received(sys);
    // Act
    const res = await invoke<View>(handler, get(municipalityClaims(LUND), id));
    // Assess
    expect(res.status).toBe(200);
    expect(res.body.submission.status).toBe("received");
    expect(res.body).not.toHaveProperty("originalDownload");
    expect(res.body).not.toHaveProperty("attachmentDownloads");
  });
});

describe("get-submission handler: documents officers asked for", () => {
  it("shows on a correction the bank statement asked for on returning the version it replaces, received once accepted", async () => {
    // Prepare
    const { r1, r2, returnedAt } = await returnedAskingForBankStatement();
    const slot = await requestUpload(sys.submissionDeps, municipality(), r2, "bank-statement");
    await uploadChecked(sys, slot.fields.key ?? "", PDF);
    // Act
    const res = await invoke<View>(handler, get(municipalityClaims(LUND), r2));
    // Assess
    expect(res.status).toBe(200);
    expect(res.body.requests).toEqual([
      {
        type: "bank-statement",
        requestedBy: { id: r1, reference: "SB-2022-1281-R1" },
        requestedAt: returnedAt,
        reason: "Kontoutdrag saknas.",
        received: true,
      },
    ]);
  });

  it("shows a requested bank statement as not received, with why the last file was refused, while none was accepted", async () => {
    // Prepare
    const { r2 } = await returnedAskingForBankStatement();
    const slot = await requestUpload(sys.submissionDeps, municipality(), r2, "bank-statement");
    await uploadChecked(sys, slot.fields.key ?? "", "<html><script>alert(1)</script></html>");
    // Act
    const res = await invoke<View>(handler, get(municipalityClaims(LUND), r2));
    // Assess
    expect(res.body.requests).toEqual([
      expect.objectContaining({
        type: "bank-statement",
        received: false,
        lastRefusal: expect.objectContaining({ code: "NOT_A_SCAN" }),
      }),
    ]);
  });

  it("gives an officer a download link to an accepted requested document beside the original", async () => {
    // Prepare
    const { r2 } = await returnedAskingForBankStatement();
    const slot = await requestUpload(sys.submissionDeps, municipality(), r2, "bank-statement");
    await uploadChecked(sys, slot.fields.key ?? "", PDF);
    // Act
    const res = await invoke<View>(handler, get(officerClaims(), r2));
    // Assess
    expect(res.body.attachmentDownloads).toEqual([
      expect.objectContaining({ type: "bank-statement", url: expect.stringContaining("records/") }),
    ]);
  });

  it("reads no other version when nothing was returned or replaced", async () => {
    // Prepare
    const { id } = await received(sys);
    const reads = vi.spyOn(sys.submissions, "getSubmissionDetail");
    // Act
    const res = await invoke<View>(handler, get(municipalityClaims(LUND), id));
    // Assess
    expect(res.body.requests).toEqual([]);
    expect(reads.mock.calls).toEqual([[id]]);
  });
});
