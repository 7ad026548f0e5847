import { actorOf } from "#shared/auth/principal";
import { contactDeps } from "#shared/composition-root";
import { getContact, listContacts, putContact } from "#shared/contacts/register";
import { apiHandler, pathParam } from "../commons/api-handler.ts";
import { json } from "../commons/responses.ts";

const deps = contactDeps();

/** The officers' contact register. */
export const handler = apiHandler("contacts-register", {
  "GET /contacts": async () => json(200, { contacts: await listContacts(deps) }),
  "GET /contacts/{kommunkod}": async (event) =>
    json(200, await getContact(deps, pathParam(event, "kommunkod"))),
  "PUT /contacts/{kommunkod}": async (event, { principal, body }) =>
    json(200, await putContact(deps, actorOf(principal), pathParam(event, "kommunkod"), body)),
});
