import { ConflictError } from "../errors.ts";
import { formatKronor } from "../money.ts";

/** Every state conflict the ledger can answer with (HTTP 409), in one place. */
export const conflicts = {
  alreadyRequisitioned: () =>
    new ConflictError("ALREADY_REQUISITIONED", {
      sv: "Kommunen har redan rekvirerat denna del av bidraget.",
      en: "The municipality has already requisitioned this part of the grant.",
    }),
  allocationExceeded: (remaining: number) =>
    new ConflictError("ALLOCATION_EXCEEDED", {
      sv: `Beloppet överstiger det som återstår av tilldelningen (${formatKronor(remaining)}).`,
      en: `The amount exceeds what remains of the allocation (${formatKronor(remaining)}).`,
    }),
  deadlinePassed: (deadline: string) =>
    new ConflictError("DEADLINE_PASSED", {
      sv: `Sista dag för rekvisition var ${deadline}. Rätten till bidraget har förfallit.`,
      en: `The last day to requisition was ${deadline}. The right to the grant has lapsed.`,
    }),
  baseRequisitionRequired: () =>
    new ConflictError("BASE_REQUISITION_REQUIRED", {
      sv: "Modellkommunernas extra medel kan rekvireras först när kommunens egen del är rekvirerad.",
      en: "The model-municipality extra can be requisitioned only after the municipality's own share.",
    }),
  requisitionRequired: () =>
    new ConflictError("REQUISITION_REQUIRED", {
      sv: "Ekonomisk redovisning kan lämnas först när bidraget är rekvirerat.",
      en: "A financial report can be submitted only after the grant has been requisitioned.",
    }),
  alreadyReported: () =>
    new ConflictError("ALREADY_REPORTED", {
      sv: "Kommunen har redan lämnat ekonomisk redovisning för detta bidrag.",
      en: "The municipality has already submitted the financial report for this grant.",
    }),
  idempotencyKeyReused: () =>
    new ConflictError("IDEMPOTENCY_KEY_REUSED", {
      sv: "Idempotency-Key har redan använts för en annan begäran.",
      en: "The Idempotency-Key was already used for a different request.",
    }),
  originalAlreadyReceived: () =>
    new ConflictError("ORIGINAL_ALREADY_RECEIVED", {
      sv: "Originalet är redan mottaget.",
      en: "The signed original has already been received.",
    }),
  notDecidable: (status: string) =>
    new ConflictError("NOT_DECIDABLE", {
      sv: `Endast en mottagen inlämning kan beslutas; denna har status ${status}.`,
      en: `Only a received submission can be decided; this one is ${status}.`,
    }),
  notReturned: () =>
    new ConflictError("NOT_RETURNED", {
      sv: "Endast en återsänd inlämning kan ersättas av en rättad version.",
      en: "Only a returned submission can be replaced by a corrected version.",
    }),
  alreadyReplaced: () =>
    new ConflictError("ALREADY_REPLACED", {
      sv: "Den återsända inlämningen har redan ersatts av en rättad version.",
      en: "The returned submission has already been replaced by a corrected version.",
    }),
  paymentNotAllowed: (status: string) =>
    new ConflictError("PAYMENT_NOT_ALLOWED", {
      sv: `Utbetalning kan registreras endast för en godkänd rekvisition (status: ${status}).`,
      en: `A payment can be recorded only for an approved requisition (status: ${status}).`,
    }),
  paymentAlreadyRecorded: () =>
    new ConflictError("PAYMENT_ALREADY_RECORDED", {
      sv: "Utbetalningen för rekvisitionen är redan registrerad.",
      en: "The payment for this requisition has already been recorded.",
    }),
  paymentNotProposed: () =>
    new ConflictError("PAYMENT_NOT_PROPOSED", {
      sv: "Ingen utbetalning är föreslagen för rekvisitionen; en handläggare föreslår den först.",
      en: "No payment has been proposed for this requisition; an officer proposes it first.",
    }),
  proposalSuperseded: () =>
    new ConflictError("PROPOSAL_SUPERSEDED", {
      sv: "Förslaget har ersatts av ett nyare. Läs om och attestera det som gäller nu.",
      en: "The proposal has been superseded by a newer one. Reload and attest the current one.",
    }),
  repaymentNotProposed: () =>
    new ConflictError("REPAYMENT_NOT_PROPOSED", {
      sv: "Det finns ingen föreslagen återbetalning med detta id att attestera.",
      en: "There is no proposed repayment with this id to attest.",
    }),
  repaymentAlreadyAttested: () =>
    new ConflictError("REPAYMENT_ALREADY_ATTESTED", {
      sv: "Återbetalningen är redan attesterad.",
      en: "The repayment has already been attested.",
    }),
  nothingToRepay: () =>
    new ConflictError("NOTHING_TO_REPAY", {
      sv: "Kommunen har inget att återbetala: ingen redovisning med ej förbrukade medel och inget återkrav.",
      en: "The municipality owes nothing: no report with unspent funds and no reclaim.",
    }),
  repaidExceedsDue: (repaid: number, due: number) =>
    new ConflictError("REPAID_EXCEEDS_DUE", {
      sv: `Den rättade redovisningen ger ${formatKronor(due)} att återbetala, men ${formatKronor(repaid)} är redan återbetalt. Kontakta myndigheten.`,
      en: `The corrected report leaves ${formatKronor(due)} to repay, but ${formatKronor(repaid)} has already been repaid. Contact the agency.`,
    }),
  repaymentExceedsDue: (max: number) =>
    new ConflictError("REPAYMENT_EXCEEDS_DUE", {
      sv: `Återbetalningarna skulle överstiga det som ska återbetalas (högst ${formatKronor(max)} till).`,
      en: `Repayments would exceed what is due (at most ${formatKronor(max)} more).`,
    }),
  programmeDeadlinePassed: (deadline: string) =>
    new ConflictError("PROGRAMME_DEADLINE_PASSED", {
      sv: `Sista dag för rekvisition (${deadline}) har passerat; bidraget kan inte öppnas.`,
      en: `The requisition deadline (${deadline}) has passed; the programme cannot be opened.`,
    }),
  programmeClosed: (on: string) =>
    new ConflictError("PROGRAMME_CLOSED", {
      sv: `Bidraget stängdes ${on}; inget mer lämnas in under det.`,
      en: `The programme was closed on ${on}; nothing more is submitted under it.`,
    }),
  /** The programme got a new version after the request read it: validated against old terms, so refused. */
  programmeChanged: () =>
    new ConflictError("PROGRAMME_CHANGED", {
      sv: "Bidraget har ändrats sedan sidan lästes in. Ladda om sidan och skicka igen.",
      en: "The programme has changed since the page was loaded. Reload the page and send again.",
    }),
  paymentNotRecorded: () =>
    new ConflictError("PAYMENT_NOT_RECORDED", {
      sv: "Ingen utbetalning är registrerad ännu. Den ekonomiska redovisningen stäms av mot utbetalningen och kan lämnas när myndigheten har registrerat den.",
      en: "No payment has been recorded yet. The financial report is reconciled with the payment and can be submitted once the agency has recorded it.",
    }),
  correctionTooLate: (lastDay: string) =>
    new ConflictError("CORRECTION_TOO_LATE", {
      sv: `En återsänd rekvisition kunde rättas till och med ${lastDay}. Rätten till bidraget har förfallit.`,
      en: `A returned requisition could be corrected until ${lastDay}. The right to the grant has lapsed.`,
    }),
  tooManyUploads: () =>
    new ConflictError("TOO_MANY_UPLOADS", {
      sv: "Inlämningen har redan så många filer som tillåts. Kontakta myndigheten.",
      en: "The submission already holds as many files as allowed. Contact the agency.",
    }),
  attachmentNotRequested: (type: string) =>
    new ConflictError("ATTACHMENT_NOT_REQUESTED", {
      sv: "Myndigheten har inte begärt någon sådan handling för inlämningen.",
      en: `The agency has not asked for a document of this kind (${type}) for this submission.`,
    }),
  notAllowed: (status: string) =>
    new ConflictError("NOT_ALLOWED_IN_STATE", {
      sv: `Det går inte i inlämningens nuvarande läge (${status}).`,
      en: `Not possible in the submission's current state (${status}).`,
    }),
  attachmentNotPending: (status: string) =>
    new ConflictError("ATTACHMENT_NOT_PENDING", {
      sv: `Filen väntar inte på uppladdning (${status}).`,
      en: `The file is not waiting for an upload (${status}).`,
    }),
  submissionChanged: () =>
    new ConflictError("SUBMISSION_CHANGED", {
      sv: "Inlämningen ändrades samtidigt. Läs om den och försök igen.",
      en: "The submission changed at the same time. Reload it and try again.",
    }),
  ledgerChanged: () =>
    new ConflictError("LEDGER_CHANGED", {
      sv: "Bidragets uppgifter ändrades samtidigt. Försök igen.",
      en: "The grant's ledger changed at the same time. Please try again.",
    }),
} as const;

/** Signals that an Idempotency-Key was seen before; the caller answers with the first result. */
export class IdempotentReplay extends Error {
  constructor(
    readonly submissionId: string,
    readonly requestHash: string,
  ) {
    super("idempotent replay");
  }
}
