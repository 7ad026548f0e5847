/** Bilaga 2 forms: shape (parse*), rules (validate*), both (check*), codes and samples. Browser-safe. */
export { CODES, type Code, fieldError, type SimpleCode } from "./codes.ts";
export { type FormResult, parseReport, parseRequisition } from "./parse.ts";
export { sampleReport, sampleRequisition } from "./samples.ts";
export {
  type Recipient,
  type ReportForm,
  type RequisitionForm,
  recipientSchema,
  reportSchema,
  requisitionSchema,
} from "./schema.ts";
export {
  type CallerRecord,
  checkReport,
  checkRequisition,
  validateReport,
  validateRequisition,
} from "./validate.ts";
