import { z } from "zod";
import type { Actor } from "../audit.ts";
import { NotFoundError, ValidationError } from "../errors.ts";
import { allMunicipalities, municipalityByCode } from "../municipalities/registry.ts";
import type { ContactDeps } from "./deps.ts";
import type { ContactEntry } from "./model.ts";

function requireMunicipality(kommunkod: string) {
  const m = municipalityByCode(kommunkod);
  if (!m)
    throw new NotFoundError({ sv: "Ingen kommun med den koden.", en: "No municipality with that code." });
  return m;
}

/** Every municipality, with its register entry where there is one. */
export async function listContacts(deps: ContactDeps) {
  const entries = new Map((await deps.contacts.listContacts()).map((e) => [e.kommunkod, e]));
  return allMunicipalities().map(
    (m) => entries.get(m.kommunkod) ?? { kommunkod: m.kommunkod, kommun: m.name },
  );
}

export async function getContact(deps: ContactDeps, kommunkod: string) {
  const m = requireMunicipality(kommunkod);
  return (await deps.contacts.getContact(kommunkod)) ?? { kommunkod, kommun: m.name };
}

/** An address as the register accepts it (also in the CSV import). */
export const contactEmail = z.email().max(254);
const contactBody = z.strictObject({
  registryEmail: contactEmail,
  contact: z
    .strictObject({ name: z.string().trim().min(1).max(200), email: contactEmail })
    .nullable()
    .optional(),
});

/** PUT /contacts/{kommunkod}: replaces the entry; `contact: null` (or leaving it out) removes the person. */
export async function putContact(deps: ContactDeps, actor: Actor, kommunkod: string, body: unknown) {
  const m = requireMunicipality(kommunkod);
  const parsed = contactBody.safeParse(body);
  if (!parsed.success) {
    throw new ValidationError(
      parsed.error.issues.map((i) => ({
        path: i.path.join("."),
        code:
          i.path.at(-1) === "email" || i.path[0] === "registryEmail" ? "INVALID_EMAIL" : "INVALID_CONTACT",
        message: { sv: "Ogiltig kontaktuppgift.", en: "Invalid contact details." },
      })),
    );
  }
  const at = deps.clock.now().toISOString();
  const previous = await deps.contacts.getContact(kommunkod);
  const entry: ContactEntry = {
    kommunkod,
    kommun: m.name,
    registryEmail: parsed.data.registryEmail,
    ...(parsed.data.contact ? { contact: parsed.data.contact } : {}),
    updatedAt: at,
    updatedBy: actor,
  };
  await deps.contacts.saveContact(entry, {
    at,
    actor,
    action: "contact.updated",
    details: {
      kommunkod,
      before: previous ? { registryEmail: previous.registryEmail, contact: previous.contact } : null,
      after: { registryEmail: entry.registryEmail, contact: entry.contact },
    },
  });
  return entry;
}
