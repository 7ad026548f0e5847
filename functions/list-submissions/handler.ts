import { ledgerStore } from "#shared/adapters/ledger-deps";
import { loadConfig } from "#shared/config";
import { apiHandler } from "#shared/http/api-handler";
import { json } from "#shared/http/responses";
import { parseSubmissionQuery } from "#shared/ledger/queries";

const deps = { store: ledgerStore(loadConfig()) };

/** A municipality sees only its own submissions, whatever it asks for; officers see all. */
export const handler = apiHandler("user", async (event, { principal }) => {
  const filter = parseSubmissionQuery(event.queryStringParameters ?? {});
  if (principal.kind === "municipality") filter.kommunkod = principal.kommunkod;
  const submissions = await deps.store.listSubmissions(filter);
  return json(200, { submissions });
});
