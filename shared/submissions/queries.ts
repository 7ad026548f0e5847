import { type FieldError, ValidationError } from "../errors.ts";
import type { SubmissionStatus } from "./model.ts";
import type { SubmissionFilter } from "./ports.ts";

/** Every state; the record makes the compiler name a state added to the lifecycle but not here. */
const STATUSES = Object.keys({
  "awaiting-original": true,
  "original-rejected": true,
  received: true,
  approved: true,
  "payment-proposed": true,
  returned: true,
  replaced: true,
  refused: true,
  paid: true,
  lapsed: true,
} satisfies Record<SubmissionStatus, true>) as SubmissionStatus[];
const ALLOWED = new Set(["programmeId", "status", "kommun"]);

const invalid = (path: string): FieldError => ({
  path,
  code: "INVALID_QUERY_PARAMETER",
  message: { sv: `Ogiltig sökparameter: ${path}.`, en: `Invalid query parameter: ${path}.` },
});

/**
 * Query-string filters, checked like any other input: a bad one is a 400 naming the parameter.
 * `visibleProgrammes`: the programmes the caller may see; another agency's is as unknown as a made-up id.
 */
export function parseSubmissionQuery(
  params: Record<string, string | undefined>,
  visibleProgrammes: ReadonlySet<string>,
): SubmissionFilter {
  const errors = Object.keys(params)
    .filter((k) => !ALLOWED.has(k))
    .map(invalid);
  const { programmeId, status, kommun } = params;
  if (programmeId !== undefined && !visibleProgrammes.has(programmeId)) errors.push(invalid("programmeId"));
  if (status !== undefined && !STATUSES.includes(status as SubmissionStatus)) errors.push(invalid("status"));
  if (kommun !== undefined && !/^\d{4}$/.test(kommun)) errors.push(invalid("kommun"));
  if (errors.length > 0) throw new ValidationError(errors);
  return {
    ...(programmeId ? { programmeId } : {}),
    ...(status ? { status: status as SubmissionStatus } : {}),
    ...(kommun ? { kommunkod: kommun } : {}),
  };
}
