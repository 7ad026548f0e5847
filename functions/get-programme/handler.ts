import { ledgerStore } from "#shared/adapters/ledger-deps";
import { clockFromEnv, today } from "#shared/clock";
import { loadConfig } from "#shared/config";
import { apiHandler } from "#shared/http/api-handler";
import { json } from "#shared/http/responses";
import { requireProgramme } from "#shared/ledger/common";
import { programmeView } from "#shared/ledger/views";

const deps = { store: ledgerStore(loadConfig()), clock: clockFromEnv() };

export const handler = apiHandler("user", async (event, { principal }) => {
  const programme = requireProgramme(event.pathParameters?.programmeId ?? "");
  const own = principal.kind === "municipality" ? principal.kommunkod : undefined;
  const [state, submissions] = own
    ? await Promise.all([
        deps.store.getAllocation(programme.id, own),
        deps.store.listSubmissions({ kommunkod: own, programmeId: programme.id }),
      ])
    : [undefined, []];
  return json(200, programmeView(programme, principal, today(deps.clock), state, submissions));
});
