import type { Actor } from "../audit.ts";
import type { ImportProblem, ImportTotals } from "./import.ts";

/**
 * A programme being set up: the metadata and the Bilaga 1 table as the officer sent them, and what
 * the import made of them. A draft can be replaced until the programme is published; publishing
 * refuses while `problems` is not empty.
 */
export interface ProgrammeDraft {
  programmeId: string;
  agency: string;
  meta: Record<string, unknown>;
  bilaga1Csv: string;
  savedAt: string;
  savedBy: Actor;
  /** Every refusal, located by CSV line where it has one. */
  problems: ImportProblem[];
  /** The proof: how many rows, what they add up to, what the metadata states. */
  totals: ImportTotals;
}
