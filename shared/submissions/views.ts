import type { Principal } from "../auth/principal.ts";
import { daysBetween, type IsoDate } from "../dates.ts";
import { allocationFor } from "../programmes/catalogue.ts";
import type { Programme } from "../programmes/schema.ts";
import type {
  AllocationState,
  Attachment,
  AttachmentType,
  AuditEvent,
  ProgrammeOpening,
  Submission,
} from "./model.ts";
import type { SubmissionDetail } from "./ports.ts";
import { isRefusal, type Refusal, refusalFromEnglish } from "./refusals.ts";

/** What a programme looks like to the caller: everyone sees the terms, a municipality its own figures. */
export function programmeSummary(programme: Programme, today: IsoDate) {
  return {
    id: programme.id,
    year: programme.year,
    title: programme.title,
    grantingAgency: programme.grantingAgency,
    receivingAgency: programme.receivingAgency,
    agreementDiarienummer: programme.agreementDiarienummer,
    decisionDiarienummer: programme.decisionDiarienummer,
    grantPeriod: programme.grantPeriod,
    deadlines: programme.deadlines,
    daysLeftToRequisition: Math.max(-1, daysBetween(today, programme.deadlines.requisition)),
    totalBase: programme.totalBase,
    modelExtraTotal: programme.modelExtra?.total ?? 0,
    /** The report must say the programme's survey (enkät) has been answered. */
    surveyRequired: programme.surveyRequired,
  };
}

export function ownPosition(
  programme: Programme,
  kommunkod: string,
  state: AllocationState | undefined,
  submissions: Submission[],
) {
  const allocation = allocationFor(programme, kommunkod);
  const base = allocation?.amount ?? 0;
  const extra = allocation?.modelExtra ?? 0;
  const brief = (s: Submission) => ({
    id: s.id,
    reference: s.reference,
    status: s.status,
    amount: s.amount,
    createdAt: s.createdAt,
  });
  return {
    kommunkod,
    kommun: allocation?.kommun,
    allocation: base,
    modelExtra: extra,
    requisitioned: state?.requisitioned ?? 0,
    remaining: state?.remaining ?? base,
    modelExtraRequisitioned: state?.modelExtraRequisitioned ?? 0,
    lapsed: state?.lapsed ?? false,
    repaymentDue: state?.repaymentDue ?? 0,
    requisitions: submissions
      .filter((s) => s.kind === "requisition")
      .map((s) => ({ ...brief(s), grantKind: s.grantKind })),
    reports: submissions.filter((s) => s.kind === "report").map((s) => ({ ...brief(s), unspent: s.unspent })),
  };
}

/** When and by whom a programme was opened (announced), as officers see it; null while it is not. */
export function openingView(opening: ProgrammeOpening | undefined) {
  if (!opening) return null;
  return {
    openedAt: opening.openedAt,
    openedOn: opening.openedOn,
    openedBy: opening.openedBy.email ?? opening.openedBy.sub,
  };
}

export function programmeView(
  programme: Programme,
  principal: Principal,
  today: IsoDate,
  state: AllocationState | undefined,
  submissions: Submission[],
  opening?: ProgrammeOpening,
) {
  const summary = programmeSummary(programme, today);
  if (principal.kind !== "municipality") return { ...summary, opening: openingView(opening) };
  return { ...summary, own: ownPosition(programme, principal.kommunkod, state, submissions) };
}

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
    .filter((a) => a.type === type && a.createdAt >= decision.at)
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  const received = since.some((a) => a.status === "accepted");
  const lastRefused = received ? undefined : since.filter((a) => a.status === "rejected").at(-1);
  const lastRefusal = lastRefused && withRefusal(lastRefused).refusal;
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

/** An attachment refused before refusals were stored gets one from its English reason. */
function withRefusal(a: Attachment): Attachment {
  if (a.status !== "rejected" || a.refusal || !a.reason) return a;
  const refusal = refusalFromEnglish(a.reason);
  return refusal ? { ...a, refusal } : a;
}

function auditWithRefusal(e: AuditEvent): AuditEvent {
  const reason = e.details.reason;
  if (e.action !== "upload.rejected" || isRefusal(e.details.refusal) || typeof reason !== "string") return e;
  const refusal = refusalFromEnglish(reason);
  return refusal ? { ...e, details: { ...e.details, refusal } } : e;
}

/** GET /submissions/{id}: the submission, its files and history, and what officers asked for. */
export function submissionDetailView(
  detail: SubmissionDetail,
  related: { previous?: SubmissionDetail | undefined; next?: SubmissionDetail | undefined } = {},
) {
  return {
    submission: detail.submission,
    attachments: detail.attachments.map(withRefusal),
    audit: detail.audit.map(auditWithRefusal),
    requests: attachmentRequests(detail, related),
  };
}
export type SubmissionDetailView = ReturnType<typeof submissionDetailView>;
