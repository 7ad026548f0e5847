import { describe, expect, it } from "vitest";
import type { Attachment, Submission, SubmissionStatus } from "../../../shared/submissions/model.ts";
import { shownAttachments } from "../../../web/src/submission/attachments-table.ts";
import { scanningOf, situationOf, unclaimedScans } from "../../../web/src/submission/situation.ts";
import type { AttachmentRequest, SubmissionDetail } from "../../../web/src/types.ts";
import { outcomeOf, pollDelay } from "../../../web/src/upload/check.ts";

/** What the municipality's submission page derives from the one state of a submission. */
const ID = "sub-1";

function submission(status: SubmissionStatus, extra: Partial<Submission> = {}): Submission {
  return {
    id: ID,
    reference: "SB-2022-1281-R1",
    programmeId: "skr-aldreomsorg-2022",
    kommunkod: "1281",
    kommun: "Lund",
    kind: "requisition",
    grantKind: "base",
    amount: 1_530_608,
    status,
    revision: 3,
    form: {},
    createdAt: "2022-11-20T08:00:00.000Z",
    receivedAtLocal: "2022-11-20 09:00:00",
    receivedOn: "2022-11-20",
    late: false,
    createdBy: { kind: "municipality", sub: "kommun-1281", email: "registrator@1281.example" },
    updatedAt: "2022-11-20T08:00:00.000Z",
    ...extra,
  } as Submission;
}

function attachment(status: Attachment["status"], extra: Partial<Attachment> = {}): Attachment {
  return {
    submissionId: ID,
    id: `att-${status}`,
    type: "original",
    key: "originals/x",
    status,
    revision: 1,
    maxBytes: 1000,
    createdAt: "2022-11-20T08:00:00.000Z",
    ...extra,
  };
}

function request(extra: Partial<AttachmentRequest> = {}): AttachmentRequest {
  return {
    type: "bank-statement",
    requestedBy: { id: ID, reference: "SB-2022-1281-R1" },
    requestedAt: "2022-11-20T09:00:00.000Z",
    received: false,
    ...extra,
  };
}

function detail(
  s: Submission,
  attachments: Attachment[] = [],
  requests: AttachmentRequest[] = [],
): SubmissionDetail {
  return {
    submission: s,
    attachments,
    audit: [],
    requests,
    allocation: null,
    scanMatch: null,
    questions: [],
  };
}

describe("what the municipality can do with a submission, by its state", () => {
  it.each([
    ["awaiting-original", true],
    ["original-rejected", true],
    ["received", false],
    ["approved", false],
    ["returned", false],
    ["replaced", false],
    ["refused", false],
    ["paid", false],
    ["lapsed", false],
  ] as const)("%s: the original can be uploaded: %s", (status, upload) => {
    // Act
    const situation = situationOf(detail(submission(status)));
    // Assess
    expect(situation.uploadOriginal).toBe(upload);
    expect(situation.canUpload).toBe(upload);
  });

  it.each(["replaced", "refused", "paid", "lapsed"] as const)(
    "%s is final: nothing to upload or correct",
    (status) => {
      // Act
      const situation = situationOf(detail(submission(status), [], [request()]));
      // Assess
      expect(situation).toMatchObject({ final: true, canUpload: false, correct: false, openRequests: [] });
    },
  );

  it("a returned version can be corrected, and its requested bank statement uploaded", () => {
    // Act
    const situation = situationOf(detail(submission("returned"), [], [request()]));
    // Assess
    expect(situation.correct).toBe(true);
    expect(situation.openRequests).toHaveLength(1);
    expect(situation.canUpload).toBe(true);
  });

  it("a request met by an accepted file leaves nothing to upload", () => {
    // Act
    const situation = situationOf(detail(submission("returned"), [], [request({ received: true })]));
    // Assess
    expect(situation.canUpload).toBe(false);
  });

  it("the correction takes the file asked for on the version it corrects; the returned one no longer does once decided", () => {
    // Prepare
    const fromPrevious = request({ requestedBy: { id: "sub-0", reference: "SB-2022-1281-R1" } });
    // Act
    const correction = situationOf(detail(submission("received"), [], [fromPrevious]));
    const decidedReturned = situationOf(detail(submission("approved"), [], [request()]));
    // Assess
    expect(correction.openRequests).toEqual([fromPrevious]);
    expect(decidedReturned.openRequests).toEqual([]);
  });

  it("a file being scanned is found for its widget, and the page polls only for scans no widget waits for", () => {
    // Prepare
    const scanningOriginal = attachment("scanning");
    const scanningStatement = attachment("scanning", { id: "att-bank", type: "bank-statement" });
    // Act
    const awaiting = situationOf(detail(submission("awaiting-original"), [scanningOriginal]));
    const approved = situationOf(detail(submission("approved"), [scanningStatement]));
    // Assess
    expect(scanningOf(awaiting, "original")).toBe(scanningOriginal);
    expect(unclaimedScans(awaiting)).toEqual([]);
    expect(unclaimedScans(approved)).toEqual([scanningStatement]);
  });
});

describe("where the upload check and the malware scan have got with a file", () => {
  it.each([
    ["pending", "pending"],
    ["scanning", "scanning"],
    ["accepted", "accepted"],
    ["refused", "refused"],
    ["void", "superseded"],
  ] as const)("an attachment %s is %s", (status, outcome) => {
    // Prepare
    const a = attachment(status);
    // Act + Assess
    expect(outcomeOf(detail(submission("awaiting-original"), [a]), "original", a.id)).toBe(outcome);
  });

  it("waits longer between questions, up to a ceiling, and never stops by itself", () => {
    // Act
    const delays = Array.from({ length: 12 }, (_, i) => pollDelay(i));
    // Assess
    expect(delays[0]).toBe(700);
    expect(delays).toEqual([...delays].sort((a, b) => a - b));
    expect(Math.max(...delays)).toBe(5_000);
  });
});

describe("the attachments a municipality sees", () => {
  it("shows files, requests and the one open slot; a slot without a file has no upload time", () => {
    // Prepare
    const voidEmpty = attachment("void", { id: "old", createdAt: "2022-11-20T07:00:00.000Z" });
    const refused = attachment("refused", { id: "bad", object: { etag: "e" } });
    const open = attachment("pending", { id: "open", createdAt: "2022-11-20T10:00:00.000Z" });
    const requested = attachment("requested", { id: "req", type: "bank-statement" });
    // Act
    const shown = shownAttachments([voidEmpty, refused, open, requested]).map((a) => a.id);
    // Assess
    expect(shown).toEqual(["bad", "open", "req"]);
  });
});
