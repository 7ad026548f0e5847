import { ledgerStore } from "#shared/adapters/ledger-deps";
import { loadConfig } from "#shared/config";
import { parseSubmissionQuery } from "#shared/submissions/queries";
import { apiHandler } from "../commons/api-handler.ts";
import { json } from "../commons/responses.ts";

const deps = { store: ledgerStore(loadConfig()) };

/** A municipality sees only its own submissions, whatever it asks for; officers see all. */
export const handler = apiHandler("user", async (event, { principal }) => {
  const filter = parseSubmissionQuery(event.queryStringParameters ?? {});
  if (principal.kind === "municipality") filter.kommunkod = principal.kommunkod;
  const submissions = await deps.store.listSubmissions(filter);
  return json(200, { submissions });
});
