import { ledgerStore } from "#shared/adapters/ledger-deps";
import { loadConfig } from "#shared/config";
import { NotFoundError } from "#shared/errors";
import { apiHandler } from "#shared/http/api-handler";
import { assertMayRead } from "#shared/http/principal";
import { json } from "#shared/http/responses";

const deps = { store: ledgerStore(loadConfig()) };

export const handler = apiHandler("user", async (event, { principal }) => {
  const detail = await deps.store.getSubmissionDetail(event.pathParameters?.id ?? "");
  if (!detail) throw new NotFoundError();
  assertMayRead(principal, detail.submission.kommunkod);
  return json(200, detail);
});
