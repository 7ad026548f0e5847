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
