import { type FieldError, ValidationError } from "../errors.ts";
import type { SubmissionKind, SubmissionStatus } from "../submissions/model.ts";
import type { ProgrammeSubmissionQuery } from "./ports.ts";

const STATUSES: readonly SubmissionStatus[] = [
  "awaiting-original",
  "original-rejected",
  "received",
  "approved",
  "returned",
];
const KINDS: readonly SubmissionKind[] = ["requisition", "report"];
const ALLOWED = new Set(["status", "kommun", "kind", "limit", "cursor"]);
export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 200;

const invalid = (path: string): FieldError => ({
  path,
  code: "INVALID_QUERY_PARAMETER",
  message: { sv: `Ogiltig sökparameter: ${path}.`, en: `Invalid query parameter: ${path}.` },
});

/**
 * GET /programmes/{id}/submissions?status=&kommun=&kind=&limit=&cursor= — checked like any other
 * input: a bad parameter is a 400 naming it. (No schema library, so the function stays small.)
 */
export function parseOfficerQuery(
  programmeId: string,
  params: Record<string, string | undefined>,
): ProgrammeSubmissionQuery {
  const errors = Object.keys(params)
    .filter((k) => !ALLOWED.has(k))
    .map(invalid);
  const { status, kommun, kind, limit, cursor } = params;
  if (status !== undefined && !STATUSES.includes(status as SubmissionStatus)) errors.push(invalid("status"));
  if (kommun !== undefined && !/^\d{4}$/.test(kommun)) errors.push(invalid("kommun"));
  if (kind !== undefined && !KINDS.includes(kind as SubmissionKind)) errors.push(invalid("kind"));
  const size = limit === undefined ? DEFAULT_LIMIT : Number(limit);
  if (!/^\d{1,3}$/.test(limit ?? "50") || size < 1 || size > MAX_LIMIT) errors.push(invalid("limit"));
  if (cursor !== undefined && (cursor.length === 0 || cursor.length > 2000)) errors.push(invalid("cursor"));
  if (errors.length > 0) throw new ValidationError(errors);
  return {
    programmeId,
    limit: size,
    ...(status ? { status: status as SubmissionStatus } : {}),
    ...(kommun ? { kommunkod: kommun } : {}),
    ...(kind ? { kind: kind as SubmissionKind } : {}),
    ...(cursor ? { cursor } : {}),
  };
}
