import { type Actor, actorForMunicipality } from "../audit.ts";
import type { Principal } from "../auth/principal.ts";
import { allocationFor } from "../programmes/catalogue.ts";
import { questionsAt } from "../programmes/questions.ts";
import type { Programme } from "../programmes/schema.ts";
import { withoutSerialNumbers } from "../signatures/redact.ts";
import { formCodeView } from "./form-code-text.ts";
import type { AttachmentType, Submission } from "./model.ts";
import type { SubmissionDetail } from "./ports.ts";
import type { Refusal } from "./refusals.ts";

/** A file an officer asked for when returning a submission, and whether it has come in since. */
export interface AttachmentRequest {
  type: AttachmentType;
  /** The returned version whose decision asked for it. */
  requestedBy: { id: string; reference: string };
  requestedAt: string;
  reason?: string;
  /** A file of that type was accepted after the request, on the returned version or its correction. */
  received: boolean;
  /** Why the latest file of that type since the request was refused, while none was accepted. */
  lastRefusal?: Refusal;
}

function requestOf(
  returned: SubmissionDetail,
  correction: SubmissionDetail | undefined,
): AttachmentRequest[] {
  const decision = returned.submission.decision;
  if (decision?.decision !== "return" || !decision.requestedAttachment) return [];
  const type = decision.requestedAttachment;
  // Either version may carry it: the municipality can answer at once or with the corrected form.
  const since = [returned, correction]
    .flatMap((d) => d?.attachments ?? [])
    .filter((a) => a.type === type && a.status !== "requested" && a.createdAt >= decision.at)
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  const received = since.some((a) => a.status === "accepted");
  const lastRefused = received ? undefined : since.filter((a) => a.status === "refused").at(-1);
  const lastRefusal = lastRefused?.refusal;
  return [
    {
      type,
      requestedBy: { id: returned.submission.id, reference: returned.submission.reference },
      requestedAt: decision.at,
      ...(decision.reason ? { reason: decision.reason } : {}),
      received,
      ...(lastRefusal ? { lastRefusal } : {}),
    },
  ];
}

/**
 * What officers asked for on returning this version (met on it or on its correction `next`) or
 * the version it corrects (`previous`, met on either of the two).
 */
export function attachmentRequests(
  detail: SubmissionDetail,
  related: { previous?: SubmissionDetail | undefined; next?: SubmissionDetail | undefined } = {},
): AttachmentRequest[] {
  return [
    ...(related.previous ? requestOf(related.previous, detail) : []),
    ...requestOf(detail, related.next),
  ];
}

/**
 * A municipality sees what the signature check found (status, signer, time, issuer) but not the
 * signers' serialNumbers (personnummer): those are for the officer deciding on the submission.
 */
function forViewer(detail: SubmissionDetail, viewer: Principal["kind"]) {
  if (viewer === "officer") return { submission: detail.submission, attachments: detail.attachments };
  const original = detail.submission.original;
  const submission = officersUnnamed(detail.submission);
  return {
    submission: original?.signature
      ? {
          ...submission,
          original: { ...original, signature: withoutSerialNumbers(original.signature) },
        }
      : submission,
    attachments: detail.attachments.map((a) =>
      a.signature ? { ...a, signature: withoutSerialNumbers(a.signature) } : a,
    ),
  };
}

/**
 * The officers who decided, proposed and attested, as the municipality sees them: name, title and
 * role, never the account id or the officer's address (the audit trail is shown the same way).
 */
function officersUnnamed(s: Submission): Submission {
  // The stored shape with `sub` left out: only officers' pages (which get the whole record) read it.
  const shown = (actor: Actor) => actorForMunicipality(actor) as Actor;
  return {
    ...s,
    ...(s.decision ? { decision: { ...s.decision, by: shown(s.decision.by) } } : {}),
    ...(s.paymentProposal
      ? { paymentProposal: { ...s.paymentProposal, proposedBy: shown(s.paymentProposal.proposedBy) } }
      : {}),
    ...(s.payment
      ? {
          payment: {
            ...s.payment,
            proposedBy: shown(s.payment.proposedBy),
            attestedBy: shown(s.payment.attestedBy),
          },
        }
      : {}),
  };
}

/**
 * GET /submissions/{id}: the submission, its files and history, and what officers asked for.
 * Shaped for a municipality unless the viewer is an officer.
 */
export function submissionDetailView(
  detail: SubmissionDetail,
  related: { previous?: SubmissionDetail | undefined; next?: SubmissionDetail | undefined } = {},
  viewer: Principal["kind"] = "municipality",
  programme?: Programme,
) {
  return {
    ...forViewer(detail, viewer),
    // Officers see who acted by account; the municipality by party, name and role (audit.ts).
    audit:
      viewer === "officer"
        ? detail.audit
        : detail.audit.map((e) => ({ ...e, actor: actorForMunicipality(e.actor) })),
    requests: attachmentRequests(detail, related),
    allocation: allocationOf(detail, programme),
    /** What the original's QR codes said, in words; `needsLook` flags it for the officer. */
    scanMatch: scanMatchOf(detail),
    /** The programme's questions on this form, so the answers can be shown under their wording. */
    questions: programme ? questionsAt(programme, detail.submission.kind) : [],
  };
}

/**
 * What Bilaga 1 grants the municipality, beside the submission, so an officer deciding on a
 * requisition sees what it may claim without opening the programme: the share the requisition
 * draws on, and for a report the share and the model extra it accounts for.
 */
function allocationOf(detail: SubmissionDetail, programme: Programme | undefined) {
  const allocation = programme ? allocationFor(programme, detail.submission.kommunkod) : undefined;
  if (!allocation) return null;
  return { amount: allocation.amount, modelExtra: allocation.modelExtra ?? 0 };
}
function scanMatchOf(detail: SubmissionDetail) {
  const { original, reference } = detail.submission;
  return original?.formCode ? formCodeView(original.formCode, reference) : null;
}

export type SubmissionDetailView = ReturnType<typeof submissionDetailView>;
