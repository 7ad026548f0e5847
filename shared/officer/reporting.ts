import type { Principal } from "../auth/principal.ts";
import { today } from "../clock.ts";
import { programmeFor } from "../programmes/access.ts";
import { exportCsv } from "./csv.ts";
import type { OfficerDeps } from "./deps.ts";
import { overview, positions } from "./overview.ts";

type ReportingDeps = Pick<OfficerDeps, "officer" | "submissions" | "catalogue" | "clock">;

async function programmePositions(deps: ReportingDeps, principal: Principal, programmeId: string) {
  const programme = await programmeFor(deps.catalogue, principal, programmeId);
  const [rows, submissions] = await Promise.all([
    deps.officer.listLedger(programmeId),
    deps.submissions.listSubmissions({ programmeId }),
  ]);
  return { programme, list: positions(programme, rows, submissions) };
}

/** GET /programmes/{id}/overview */
export async function programmeOverview(deps: ReportingDeps, principal: Principal, programmeId: string) {
  const { programme, list } = await programmePositions(deps, principal, programmeId);
  return overview(programme, list, today(deps.clock));
}

/** GET /programmes/{id}/export.csv: the file and a name for it. */
export async function programmeExport(deps: ReportingDeps, principal: Principal, programmeId: string) {
  const { programme, list } = await programmePositions(deps, principal, programmeId);
  return {
    filename: `${programme.id}-${today(deps.clock)}.csv`,
    csv: exportCsv(list, programme.appropriation),
  };
}
