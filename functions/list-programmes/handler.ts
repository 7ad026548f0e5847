import { ledgerStore } from "#shared/adapters/ledger-deps";
import { clockFromEnv, today } from "#shared/clock";
import { loadConfig } from "#shared/config";
import { listProgrammes } from "#shared/programmes/catalogue";
import { ownPosition, programmeSummary } from "#shared/submissions/views";
import { apiHandler } from "../commons/api-handler.ts";
import { json } from "../commons/responses.ts";

const deps = { store: ledgerStore(loadConfig()), clock: clockFromEnv() };

export const handler = apiHandler("user", async (_event, { principal }) => {
  const day = today(deps.clock);
  const programmes = listProgrammes();
  if (principal.kind !== "municipality") {
    return json(200, { programmes: programmes.map((p) => programmeSummary(p, day)) });
  }
  const [states, submissions] = await Promise.all([
    deps.store.listAllocationsOf(principal.kommunkod),
    deps.store.listSubmissions({ kommunkod: principal.kommunkod }),
  ]);
  return json(200, {
    programmes: programmes.map((p) => ({
      ...programmeSummary(p, day),
      own: ownPosition(
        p,
        principal.kommunkod,
        states.find((s) => s.programmeId === p.id),
        submissions.filter((s) => s.programmeId === p.id),
      ),
    })),
  });
});
