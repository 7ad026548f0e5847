import { type FieldError, ValidationError } from "../errors.ts";
import { findProgramme } from "../programmes/catalogue.ts";
import type { SubmissionStatus } from "./model.ts";
import type { SubmissionFilter } from "./ports.ts";

const STATUSES: readonly SubmissionStatus[] = [
  "awaiting-original",
  "original-rejected",
  "received",
  "approved",
  "returned",
];
const ALLOWED = new Set(["programmeId", "status", "kommun"]);

const invalid = (path: string): FieldError => ({
  path,
  code: "INVALID_QUERY_PARAMETER",
  message: { sv: `Ogiltig sökparameter: ${path}.`, en: `Invalid query parameter: ${path}.` },
});

/** Query-string filters, checked like any other input: a bad one is a 400 naming the parameter. */
export function parseSubmissionQuery(params: Record<string, string | undefined>): SubmissionFilter {
  const errors = Object.keys(params)
    .filter((k) => !ALLOWED.has(k))
    .map(invalid);
  const { programmeId, status, kommun } = params;
  if (programmeId !== undefined && !findProgramme(programmeId)) errors.push(invalid("programmeId"));
  if (status !== undefined && !STATUSES.includes(status as SubmissionStatus)) errors.push(invalid("status"));
  if (kommun !== undefined && !/^\d{4}$/.test(kommun)) errors.push(invalid("kommun"));
  if (errors.length > 0) throw new ValidationError(errors);
  return {
    ...(programmeId ? { programmeId } : {}),
    ...(status ? { status: status as SubmissionStatus } : {}),
    ...(kommun ? { kommunkod: kommun } : {}),
  };
}
