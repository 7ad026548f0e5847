import * as z from "zod/mini";
import type { Actor } from "../audit.ts";
import { type FieldError, NotFoundError, ValidationError } from "../errors.ts";
import { fieldError, isSimpleCode } from "../forms/codes.ts";
import { normaliseOrganisationNumber } from "../forms/rules/organisation-number.ts";
import { organisationNumberOfKindProblem } from "../forms/rules/recipient-identity.ts";
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
export const contactEmail = z.email().check(z.maxLength(254));

/**
 * A municipality's organisation number as the register accepts it (also in the CSV import): by
 * the very rule a form's recipient is checked by, so a number on record can always be matched.
 */
export const organisationNumberProblem = (value: string) =>
  organisationNumberOfKindProblem("municipality", value);

/** Kept normalised (NNNNNN-NNNN), so the comparison with a form's number is exact; "" or null: none. */
const organisationNumberField = z.optional(
  z.nullable(
    z.pipe(
      z.string().check(z.trim(), z.maxLength(20), (ctx) => {
        const code = ctx.value === "" ? undefined : organisationNumberProblem(ctx.value);
        if (code) ctx.issues.push({ code: "custom", input: ctx.value, message: code, params: { code } });
      }),
      z.transform((value: string) => (value === "" ? undefined : normaliseOrganisationNumber(value))),
    ),
  ),
);

const contactBody = z.strictObject({
  registryEmail: contactEmail,
  contact: z.optional(
    z.nullable(
      z.strictObject({
        name: z.string().check(z.trim(), z.minLength(1), z.maxLength(200)),
        email: contactEmail,
      }),
    ),
  ),
  organisationNumber: organisationNumberField,
});

function bodyError(issue: z.core.$ZodIssue): FieldError {
  const path = issue.path.join(".");
  if (path === "organisationNumber") {
    const code: unknown = issue.code === "custom" ? issue.params?.code : undefined;
    // Anything but the rule's own verdict (a number sent as a number, say) is a malformed number.
    return fieldError(path, isSimpleCode(code) ? code : "INVALID_ORGANISATION_NUMBER");
  }
  return {
    path,
    code:
      issue.path.at(-1) === "email" || issue.path[0] === "registryEmail"
        ? "INVALID_EMAIL"
        : "INVALID_CONTACT",
    message: { sv: "Ogiltig kontaktuppgift.", en: "Invalid contact details." },
  };
}

/**
 * PUT /contacts/{kommunkod}: replaces the entry. `contact: null` (or leaving it out) removes the
 * person; `organisationNumber: null` (or "", or leaving it out) removes the number.
 */
export async function putContact(deps: ContactDeps, actor: Actor, kommunkod: string, body: unknown) {
  const m = requireMunicipality(kommunkod);
  const parsed = contactBody.safeParse(body);
  if (!parsed.success) throw new ValidationError(parsed.error.issues.map(bodyError));
  const at = deps.clock.now().toISOString();
  const previous = await deps.contacts.getContact(kommunkod);
  const entry: ContactEntry = {
    kommunkod,
    kommun: m.name,
    registryEmail: parsed.data.registryEmail,
    ...(parsed.data.contact ? { contact: parsed.data.contact } : {}),
    ...(parsed.data.organisationNumber ? { organisationNumber: parsed.data.organisationNumber } : {}),
    updatedAt: at,
    updatedBy: actor,
  };
  await deps.contacts.saveContact(entry, {
    at,
    actor,
    action: "contact.updated",
    details: {
      kommunkod,
      before: previous
        ? {
            registryEmail: previous.registryEmail,
            contact: previous.contact,
            organisationNumber: previous.organisationNumber,
          }
        : null,
      after: {
        registryEmail: entry.registryEmail,
        contact: entry.contact,
        organisationNumber: entry.organisationNumber,
      },
    },
  });
  return entry;
}
