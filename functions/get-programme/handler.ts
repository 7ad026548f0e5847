import { createDocumentClient } from "#shared/adapters/dynamodb/client";
import { DynamoOfficerStore } from "#shared/adapters/dynamodb/officer-store";
import { DynamoLedgerStore } from "#shared/adapters/dynamodb/submission-store";
import { clockFromEnv, today } from "#shared/clock";
import { loadConfig } from "#shared/config";
import { requireProgramme } from "#shared/submissions/common";
import { programmeView } from "#shared/submissions/views";
import { apiHandler } from "../commons/api-handler.ts";
import { json } from "../commons/responses.ts";

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
