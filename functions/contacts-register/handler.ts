import { officerDeps } from "#shared/adapters/dynamodb/officer-store";
import { loadConfig } from "#shared/config";
import { getContact, listContacts, putContact } from "#shared/contacts/register";
import { actorOf } from "#shared/submissions/common";
import { apiHandler } from "../commons/api-handler.ts";
import { json } from "../commons/responses.ts";

const deps = officerDeps(loadConfig());

/** GET /contacts, GET /contacts/{kommunkod}, PUT /contacts/{kommunkod}: the officers' contact register. */
export const handler = apiHandler("officer", async (event, { principal, body }) => {
  const kommunkod = event.pathParameters?.kommunkod;
  if (kommunkod === undefined) return json(200, { contacts: await listContacts(deps) });
  if (event.requestContext.http.method === "PUT") {
    return json(200, await putContact(deps, actorOf(principal), kommunkod, body));
  }
  return json(200, await getContact(deps, kommunkod));
});
