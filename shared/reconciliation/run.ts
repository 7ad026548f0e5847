import type { Programme } from "../programmes/schema.ts";
import type { AllocationState } from "../submissions/model.ts";
import type { SubmissionStore } from "../submissions/ports.ts";
import { type Drift, reconcile } from "./check.ts";

export type { Drift };

/** What reconciling reads: a programme's allocation rows and its submissions. */
export interface ReconciliationDeps {
  deadlines: { listLedger(programmeId: string): Promise<AllocationState[]> };
  submissions: Pick<SubmissionStore, "listSubmissions">;
}

/** Reads one programme's records and checks the money invariants on them. */
export async function reconcileProgramme(deps: ReconciliationDeps, programme: Programme): Promise<Drift[]> {
  const [rows, submissions] = await Promise.all([
    deps.deadlines.listLedger(programme.id),
    deps.submissions.listSubmissions({ programmeId: programme.id }),
  ]);
  return reconcile(programme, rows, submissions);
}
