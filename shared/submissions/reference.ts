import type { GrantKind, SubmissionKind } from "./model.ts";

/**
 * Short receipt number a person can read over the phone: SB-<year>-<kommunkod>-<letter><n>.
 * R = base requisition, M = model-municipality extra, E = ekonomisk redovisning. One of each
 * kind exists per municipality and programme, so the number is unique without a counter;
 * `version` counts corrected resubmissions.
 */
export function submissionReference(
  year: number,
  kommunkod: string,
  kind: SubmissionKind,
  grantKind: GrantKind | undefined,
  version = 1,
): string {
  const letter = kind === "report" ? "E" : grantKind === "model-extra" ? "M" : "R";
  return `SB-${year}-${kommunkod}-${letter}${version}`;
}

export const REFERENCE_PATTERN = /^SB-\d{4}-\d{4}-[RME]\d{1,3}$/;
