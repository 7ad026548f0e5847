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
import { requisitionAmountErrors } from "./rules/requisition-amount.ts";
import { signatureDateErrors } from "./rules/signature-date.ts";
import { surveyCommitmentErrors } from "./rules/survey.ts";
import { totalGrantErrors } from "./rules/total-grant.ts";
import { unspentErrors } from "./rules/unspent.ts";
import type { ReportForm, RequisitionForm } from "./schema.ts";

/**
 * Rules that relate a parsed form's fields to each other and to the programme and the
 * municipality. Both forms name the grant's basis and period the same way (grantBasisErrors).
 */
function grantBasisErrors(
  grant: RequisitionForm["grant"] | ReportForm["grant"],
  programme: Programme,
): FieldError[] {
  return [
    ...agreementErrors(grant, programme),
    ...periodErrors("grant.period", grant.period, programme.grantPeriod),
  ];
}

function withAllocation(
  programme: Programme,
  kommunkod: string,
  rules: (allocation: Allocation) => FieldError[],
): FieldError[] {
  const allocation = allocationFor(programme, kommunkod);
  if (!allocation)
    return [fieldError("", "UNKNOWN_MUNICIPALITY", { kommunkod, programmeTitle: programme.title })];
  return rules(allocation);
}

export function validateRequisition(
  form: RequisitionForm,
  programme: Programme,
  kommunkod: string,
  today: IsoDate,
): FieldError[] {
  return withAllocation(programme, kommunkod, (allocation) => [
    ...grantBasisErrors(form.grant, programme),
    ...requisitionAmountErrors(form.grant.amount, form.grant.kind, allocation),
    ...surveyCommitmentErrors(form.grant.surveyCommitment, programme.survey),
    ...signatureDateErrors("signature.date", form.signature.date, today, programme.deadlines.requisition),
  ]);
}

export function validateReport(
  form: ReportForm,
  programme: Programme,
  kommunkod: string,
  today: IsoDate,
): FieldError[] {
  const { grant, accounting } = form;
  return withAllocation(programme, kommunkod, (allocation) => [
    ...grantBasisErrors(grant, programme),
    ...totalGrantErrors(grant.totalGrant, allocation),
    ...paymentErrors(accounting.received, grant.totalPaid, grant.totalGrant),
    ...unspentErrors(accounting.received, accounting.costs, accounting.unspent),
    ...certificationErrors(form.certification),
    // A late report is still a report: the agreement lets the government reclaim, not refuse it.
    ...signatureDateErrors("signature.date", form.signature.date, today),
  ]);
}

/** Parse, then validate: the form, or every error found. */
export function checkRequisition(
  input: unknown,
  programme: Programme,
  kommunkod: string,
  today: IsoDate,
): FormResult<RequisitionForm> {
  const parsed = parseRequisition(input);
  if (!parsed.ok) return parsed;
  const errors = validateRequisition(parsed.form, programme, kommunkod, today);
  return errors.length > 0 ? { ok: false, errors } : parsed;
}

export function checkReport(
  input: unknown,
  programme: Programme,
  kommunkod: string,
  today: IsoDate,
): FormResult<ReportForm> {
  const parsed = parseReport(input);
  if (!parsed.ok) return parsed;
  const errors = validateReport(parsed.form, programme, kommunkod, today);
  return errors.length > 0 ? { ok: false, errors } : parsed;
}
