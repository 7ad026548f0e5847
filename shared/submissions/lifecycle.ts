import type { ConflictError } from "../errors.ts";
import { conflicts } from "./conflicts.ts";
import type { Attachment, AttachmentStatus, Submission, SubmissionKind, SubmissionStatus } from "./model.ts";

/**
 * The one lifecycle of a submission and of its attachments: every state, every transition, and
 * who takes it. No other module decides what may happen next; use cases ask `transition()` and
 * hand the result to a store, which writes it as one conditional write on the state and revision
 * it was computed from (adapters/dynamodb/transitions.ts). A transition computed from a stale read
 * therefore fails instead of overwriting what happened meanwhile. README "Lifecycle" shows this table.
 */
export type Party = "municipality" | "officer" | "system";

interface Rule<S extends string> {
  from: readonly S[];
  to: S;
  by: Party;
  /** Only submissions of these kinds. */
  kinds?: readonly SubmissionKind[];
  /** One line for the README and for error messages. */
  means: string;
}

export const SUBMISSION_TRANSITIONS = {
  /** The upload check accepted the signed original in the current slot. */
  "accept-original": {
    from: ["awaiting-original"],
    to: "received",
    by: "system",
    means:
      "the signed original in the current upload slot passed the check (its QR codes, where read, name this version and include the signature page; or it is this version's own form, digitally signed with signatures that all verify, which the programme accepts instead of a scan) and the malware scan",
  },
  "refuse-original": {
    from: ["awaiting-original"],
    to: "original-rejected",
    by: "system",
    means:
      "the file in the current upload slot was not an acceptable scan: not a scan, the form of another submission or version, without its signature page, a digitally signed form whose signatures do not all verify (or that the programme does not accept), or carrying malware",
  },
  /** A new upload slot for the original; it voids the older slots. */
  "new-original-slot": {
    from: ["awaiting-original", "original-rejected"],
    to: "awaiting-original",
    by: "municipality",
    means:
      "the municipality asks for a new upload slot (or mails the scan to the intake address, and the mail intake or an officer asks on its behalf); older slots are void",
  },
  approve: { from: ["received"], to: "approved", by: "officer", means: "an officer approves" },
  return: {
    from: ["received"],
    to: "returned",
    by: "officer",
    means: "an officer returns it for correction, with a reason (and may ask for a document)",
  },
  refuse: {
    from: ["received", "returned"],
    to: "refused",
    by: "officer",
    kinds: ["requisition"],
    means: "an officer refuses the requisition (avslag) with a reason; the reservation is released",
  },
  correct: {
    from: ["returned"],
    to: "replaced",
    by: "municipality",
    means: "the municipality sends the corrected version, which starts over as awaiting-original",
  },
  // Four eyes on money (attestordning): one officer proposes, an attestant attests; only then paid.
  "propose-payment": {
    from: ["approved", "payment-proposed"],
    to: "payment-proposed",
    by: "officer",
    kinds: ["requisition"],
    means:
      "an officer proposes the payment (date, at most the approved amount); a new proposal supersedes one not yet attested",
  },
  "attest-payment": {
    from: ["payment-proposed"],
    to: "paid",
    by: "officer",
    kinds: ["requisition"],
    means:
      "an attestant who neither proposed the payment nor approved the requisition attests the current proposal; only now does it count as paid",
  },
  lapse: {
    from: ["returned"],
    to: "lapsed",
    by: "system",
    kinds: ["requisition"],
    means:
      "a returned requisition not corrected within the programme's grace period after the requisition deadline lapses; its reservation lapses too",
  },
} as const satisfies Record<string, Rule<SubmissionStatus>>;

export type SubmissionEvent = keyof typeof SUBMISSION_TRANSITIONS;

export const ATTACHMENT_TRANSITIONS = {
  /** An officer's return asked for this document; no upload slot yet. */
  request: { from: [], to: "requested", by: "officer", means: "an officer asks for a document" },
  "grant-slot": {
    from: ["requested"],
    to: "pending",
    by: "municipality",
    means: "an upload slot (presigned POST) for a requested document",
  },
  "await-verdict": {
    from: ["pending"],
    to: "scanning",
    by: "system",
    means: "the file passed the check; the malware scan's verdict has not come in yet",
  },
  accept: {
    from: ["pending", "scanning"],
    to: "accepted",
    by: "system",
    means: "the file passed the check and the scan; a write-once copy is kept under records/",
  },
  refuse: {
    from: ["pending", "scanning"],
    to: "refused",
    by: "system",
    means: "the file failed the check or the scan; it is quarantined",
  },
  void: {
    from: ["requested", "pending", "scanning"],
    to: "void",
    by: "system",
    means: "a newer slot of the same document replaced it, or its submission moved on",
  },
} as const satisfies Record<string, Rule<AttachmentStatus>>;

export type AttachmentEvent = keyof typeof ATTACHMENT_TRANSITIONS;

/** A submission's change of state: what the store writes, conditional on `from` and `revision`. */
export interface SubmissionTransition {
  id: string;
  event: SubmissionEvent;
  from: SubmissionStatus;
  to: SubmissionStatus;
  /** The revision the change was computed from; the write increments it. */
  revision: number;
  /** GSI2 sorts by status; the store rewrites the index key with the status. */
  createdAt: string;
  at: string;
}

export interface AttachmentTransition {
  submissionId: string;
  id: string;
  event: AttachmentEvent;
  from: AttachmentStatus;
  to: AttachmentStatus;
  revision: number;
  at: string;
}

/** The states a submission waits in for its signed original. */
export const AWAITING_ORIGINAL: readonly SubmissionStatus[] = ["awaiting-original", "original-rejected"];

/** The states after which nothing about the submission changes any more. */
export const FINAL: readonly SubmissionStatus[] = ["replaced", "refused", "paid", "lapsed"];

/** Whether `event` may happen to the submission now (kind and state). */
export function may(submission: Pick<Submission, "status" | "kind">, event: SubmissionEvent): boolean {
  const rule: Rule<SubmissionStatus> = SUBMISSION_TRANSITIONS[event];
  return rule.from.includes(submission.status) && (!rule.kinds || rule.kinds.includes(submission.kind));
}

/** The change `event` makes, or a 409 naming the state that forbids it. */
export function transition(
  submission: Pick<Submission, "id" | "status" | "kind" | "revision" | "createdAt">,
  event: SubmissionEvent,
  at: string,
): SubmissionTransition {
  if (!may(submission, event)) throw notAllowed(event, submission.status);
  return {
    id: submission.id,
    event,
    from: submission.status,
    to: SUBMISSION_TRANSITIONS[event].to,
    revision: submission.revision,
    createdAt: submission.createdAt,
    at,
  };
}

export function mayAttachment(attachment: Pick<Attachment, "status">, event: AttachmentEvent): boolean {
  const rule: Rule<AttachmentStatus> = ATTACHMENT_TRANSITIONS[event];
  return rule.from.includes(attachment.status);
}

export function attachmentTransition(
  attachment: Pick<Attachment, "submissionId" | "id" | "status" | "revision">,
  event: AttachmentEvent,
  at: string,
): AttachmentTransition {
  if (!mayAttachment(attachment, event)) throw attachmentNotAllowed(event, attachment.status);
  return {
    submissionId: attachment.submissionId,
    id: attachment.id,
    event,
    from: attachment.status,
    to: ATTACHMENT_TRANSITIONS[event].to,
    revision: attachment.revision,
    at,
  };
}

/** Every one of `attachments` that can still be voided (open slots, requested documents), voided. */
export function voidOpen(attachments: readonly Attachment[], at: string): AttachmentTransition[] {
  return attachments.filter((a) => mayAttachment(a, "void")).map((a) => attachmentTransition(a, "void", at));
}

/** The 409 each refused transition answers with: stable codes, so scripts can tell the cases apart. */
function notAllowed(event: SubmissionEvent, status: SubmissionStatus): ConflictError {
  switch (event) {
    case "approve":
    case "return":
      return conflicts.notDecidable(status);
    case "propose-payment":
      return status === "paid" ? conflicts.paymentAlreadyRecorded() : conflicts.paymentNotAllowed(status);
    case "attest-payment":
      if (status === "paid") return conflicts.paymentAlreadyRecorded();
      return status === "approved" ? conflicts.paymentNotProposed() : conflicts.paymentNotAllowed(status);
    case "correct":
      return status === "replaced" ? conflicts.alreadyReplaced() : conflicts.notReturned();
    case "new-original-slot":
      return conflicts.originalAlreadyReceived();
    default:
      return conflicts.notAllowed(status);
  }
}

function attachmentNotAllowed(_event: AttachmentEvent, status: AttachmentStatus): ConflictError {
  return conflicts.attachmentNotPending(status);
}

type AnyRule = Rule<string>;

const id = (state: string) => state.replaceAll("-", "_");

function table(rules: Record<string, AnyRule>): string[] {
  return [
    "| transition | from | to | by | applies to | meaning |",
    "|---|---|---|---|---|---|",
    ...Object.entries(rules).map(
      ([event, r]) =>
        `| ${event} | ${r.from.length > 0 ? r.from.join(", ") : "(created)"} | ${r.to} | ${r.by} | ${r.kinds ? r.kinds.join(", ") : "all"} | ${r.means} |`,
    ),
  ];
}

function diagram(rules: Record<string, AnyRule>, start: string): string[] {
  const states = new Set<string>([start, ...Object.values(rules).flatMap((r) => [...r.from, r.to])]);
  return [
    "```mermaid",
    "stateDiagram-v2",
    ...[...states].map((state) => `  state "${state}" as ${id(state)}`),
    `  [*] --> ${id(start)}`,
    ...Object.entries(rules).flatMap(([event, r]) =>
      (r.from.length > 0 ? r.from : ["[*]"]).map(
        (from) => `  ${from === "[*]" ? from : id(from)} --> ${id(r.to)}: ${event}`,
      ),
    ),
    "```",
  ];
}

/** The README's lifecycle section, rendered from the tables above (a unit test keeps them equal). */
export function lifecycleMarkdown(): string {
  return [
    "#### Submission",
    "",
    ...table(SUBMISSION_TRANSITIONS),
    "",
    ...diagram(SUBMISSION_TRANSITIONS, "awaiting-original"),
    "",
    "#### Attachment (the signed original, or a document an officer asked for)",
    "",
    ...table(ATTACHMENT_TRANSITIONS),
    "",
    ...diagram(ATTACHMENT_TRANSITIONS, "pending"),
  ].join("\n");
}
