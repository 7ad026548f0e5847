import type { GrantKind, SubmissionKind } from "./model.ts";

const letterOf = (kind: SubmissionKind, grantKind: GrantKind | undefined) =>
  kind === "report" ? "E" : grantKind === "model-extra" ? "M" : "R";

/**
 * Short receipt number a person can read over the phone: SB-<year>-<kommunkod>-<letter><n>.
 * R = base requisition, M = model-municipality extra, E = ekonomisk redovisning; n counts the
 * submissions of that kind by the municipality in the programme (a corrected version, or a new
 * requisition after a refusal, takes the next number).
 */
export function submissionReference(
  year: number,
  kommunkod: string,
  kind: SubmissionKind,
  grantKind: GrantKind | undefined,
  n = 1,
): string {
  return `SB-${year}-${kommunkod}-${letterOf(kind, grantKind)}${n}`;
}

/** The number after the highest among the municipality's earlier references of that kind. */
export function nextReferenceNumber(
  earlier: readonly { reference: string; kind: SubmissionKind; grantKind?: GrantKind }[],
  kind: SubmissionKind,
  grantKind: GrantKind | undefined,
): number {
  const letter = letterOf(kind, grantKind);
  const numbers = earlier
    .filter((s) => letterOf(s.kind, s.grantKind) === letter)
    .map((s) => Number(/(\d+)$/.exec(s.reference)?.[1] ?? 0));
  return Math.max(0, ...numbers) + 1;
}

export const REFERENCE_PATTERN = /^SB-\d{4}-\d{4}-[RME]\d{1,3}$/;
