import type { IsoDate } from "../dates.ts";
import type { FieldError } from "../errors.ts";
import { allocationFor } from "../programmes/catalogue.ts";
import type { Allocation, Programme } from "../programmes/schema.ts";
import { fieldError } from "./codes.ts";
import { type FormResult, parseReport, parseRequisition } from "./parse.ts";
import { agreementErrors } from "./rules/agreement.ts";
import { certificationErrors } from "./rules/certification.ts";
import { paymentErrors } from "./rules/payments.ts";
import { periodErrors } from "./rules/period.ts";
import { questionErrors } from "./rules/questions.ts";
import { type Caller, recipientCaller, recipientIdentityErrors } from "./rules/recipient-identity.ts";
import { requisitionAmountErrors } from "./rules/requisition-amount.ts";
import { signatureDateErrors } from "./rules/signature-date.ts";
import { surveyCommitmentErrors } from "./rules/survey.ts";
import { totalGrantErrors } from "./rules/total-grant.ts";
import { unspentErrors } from "./rules/unspent.ts";
import type { ReportForm, RequisitionForm } from "./schema.ts";

/**
 * Rules that relate a parsed form's fields to each other, to the programme and to the
 * municipality that sends it. Both forms name the recipient, the grant's basis and the period
 * the same way (sharedErrors).
 */

/**
 * What the API knows of the caller beyond its kommunkod: the contact register's entry. Every part
 * is optional, so the browser and the CLI, which have no register, check without it.
 */
export interface CallerRecord {
  /** The organisation number the agency has loaded for the municipality (NNNNNN-NNNN). */
  organisationNumber?: string | undefined;
}

type SharedPart = Pick<RequisitionForm | ReportForm, "recipient" | "grant">;

function sharedErrors(form: SharedPart, programme: Programme, caller: Caller, record: CallerRecord) {
  return [
    ...recipientIdentityErrors(form.recipient, caller, record.organisationNumber),
    ...grantBasisErrors(form.grant, programme),
  ];
}

function grantBasisErrors(
  grant: RequisitionForm["grant"] | ReportForm["grant"],
  programme: Programme,
): FieldError[] {
  return [
    ...agreementErrors(grant, programme),
    ...periodErrors("grant.period", grant.period, programme.grantPeriod),
  ];
}

/** The rules need the recipient both in the programme's allocations and in the registry. */
function withAllocation(
  programme: Programme,
  kommunkod: string,
  rules: (allocation: Allocation, caller: Caller) => FieldError[],
): FieldError[] {
  const allocation = allocationFor(programme, kommunkod);
  const caller = recipientCaller(kommunkod);
  if (!allocation || !caller)
    return [fieldError("", "UNKNOWN_RECIPIENT", { kommunkod, programmeTitle: programme.title })];
  return rules(allocation, caller);
}

export function validateRequisition(
  form: RequisitionForm,
  programme: Programme,
  kommunkod: string,
  today: IsoDate,
  record: CallerRecord = {},
): FieldError[] {
  return withAllocation(programme, kommunkod, (allocation, caller) => [
    ...sharedErrors(form, programme, caller, record),
    ...requisitionAmountErrors(form.grant.amount, form.grant.kind, allocation),
    ...surveyCommitmentErrors(form.grant.surveyCommitment, programme.survey),
    ...signatureDateErrors("signature.date", form.signature.date, today, programme.deadlines.requisition),
    ...questionErrors(form.answers, programme, "requisition"),
  ]);
}

export function validateReport(
  form: ReportForm,
  programme: Programme,
  kommunkod: string,
  today: IsoDate,
  record: CallerRecord = {},
): FieldError[] {
  const { grant, accounting } = form;
  return withAllocation(programme, kommunkod, (allocation, caller) => [
    ...sharedErrors(form, programme, caller, record),
    ...totalGrantErrors(grant.totalGrant, allocation),
    ...paymentErrors(accounting.received, grant.totalPaid, grant.totalGrant),
    ...unspentErrors(accounting.received, accounting.costs, accounting.unspent),
    ...certificationErrors(form.certification),
    // A late report is still a report: the agreement lets the government reclaim, not refuse it.
    ...signatureDateErrors("signature.date", form.signature.date, today),
    ...questionErrors(form.answers, programme, "report"),
  ]);
}

/** Parse, then validate: the form, or every error found. */
export function checkRequisition(
  input: unknown,
  programme: Programme,
  kommunkod: string,
  today: IsoDate,
  record: CallerRecord = {},
): FormResult<RequisitionForm> {
  const parsed = parseRequisition(input);
  if (!parsed.ok) return parsed;
  const errors = validateRequisition(parsed.form, programme, kommunkod, today, record);
  return errors.length > 0 ? { ok: false, errors } : parsed;
}

export function checkReport(
  input: unknown,
  programme: Programme,
  kommunkod: string,
  today: IsoDate,
  record: CallerRecord = {},
): FormResult<ReportForm> {
  const parsed = parseReport(input);
  if (!parsed.ok) return parsed;
  const errors = validateReport(parsed.form, programme, kommunkod, today, record);
  return errors.length > 0 ? { ok: false, errors } : parsed;
}
