import { createDocumentClient } from "#shared/adapters/dynamodb-client";
import { DynamoLedgerStore } from "#shared/adapters/ledger-store";
import { DynamoOfficerStore } from "#shared/adapters/officer-store";
import { clockFromEnv, today } from "#shared/clock";
import { loadConfig } from "#shared/config";
import { apiHandler } from "#shared/http/api-handler";
import { json } from "#shared/http/responses";
import { requireProgramme } from "#shared/ledger/common";
import { programmeView } from "#shared/ledger/views";

const table = loadConfig().TABLE_NAME;
const db = createDocumentClient();
const deps = {
  store: new DynamoLedgerStore(db, table),
  openings: new DynamoOfficerStore(db, table),
  clock: clockFromEnv(),
};

/** A municipality gets its own position; an officer whether the programme has been opened. */
export const handler = apiHandler("user", async (event, { principal }) => {
  const programme = requireProgramme(event.pathParameters?.programmeId ?? "");
  const day = today(deps.clock);
  if (principal.kind !== "municipality") {
    const opening = await deps.openings.getOpening(programme.id);
    return json(200, programmeView(programme, principal, day, undefined, [], opening));
  }
  const [state, submissions] = await Promise.all([
    deps.store.getAllocation(programme.id, principal.kommunkod),
    deps.store.listSubmissions({ kommunkod: principal.kommunkod, programmeId: programme.id }),
  ]);
  return json(200, programmeView(programme, principal, day, state, submissions));
});
