import * as z from "zod/mini";
import type { Actor } from "../audit.ts";
import { type FieldError, NotFoundError, ValidationError } from "../errors.ts";
import { fieldError, isSimpleCode } from "../forms/codes.ts";
import { normaliseOrganisationNumber } from "../forms/rules/organisation-number.ts";
import { organisationNumberOfCallerProblem, recipientCaller } from "../forms/rules/recipient-identity.ts";
import { allRecipients, recipientByCode } from "../recipients/registry.ts";
import type { ContactDeps } from "./deps.ts";
import type { ContactEntry } from "./model.ts";

function requireRecipient(code: string) {
  const r = recipientByCode(code);
  if (!r)
    throw new NotFoundError({
      sv: "Ingen kommun, region eller organisation med den koden.",
      en: "No municipality, region or organisation with that code.",
    });
  return r;
}

/** Every recipient (municipalities, regions, organisations), with its register entry where there is one. */
export async function listContacts(deps: ContactDeps) {
  const entries = new Map((await deps.contacts.listContacts()).map((e) => [e.kommunkod, e]));
  return allRecipients().map((r) => entries.get(r.code) ?? { kommunkod: r.code, kommun: r.name });
}

export async function getContact(deps: ContactDeps, kommunkod: string) {
  const r = requireRecipient(kommunkod);
  return (await deps.contacts.getContact(kommunkod)) ?? { kommunkod, kommun: r.name };
}

/** An address as the register accepts it (also in the CSV import). */
export const contactEmail = z.email().check(z.maxLength(254));

/**
 * A recipient's organisation number as the register accepts it (also in the CSV import): by the
 * very rule a form's recipient is checked by, so a number on record can always be matched.
 */
export function organisationNumberProblem(code: string, value: string) {
  const caller = recipientCaller(code);
  return caller ? organisationNumberOfCallerProblem(caller, value) : undefined;
}

/**
 * The body for one recipient's entry: its organisation number is checked against that recipient's
 * kind. Kept normalised (NNNNNN-NNNN), so the comparison with a form's number is exact; "" or
 * null: none.
 */
const contactBodyFor = (code: string) =>
  z.strictObject({
    registryEmail: contactEmail,
    contact: z.optional(
      z.nullable(
        z.strictObject({
          name: z.string().check(z.trim(), z.minLength(1), z.maxLength(200)),
          email: contactEmail,
        }),
      ),
    ),
    organisationNumber: z.optional(
      z.nullable(
        z.pipe(
          z.string().check(z.trim(), z.maxLength(20), (ctx) => {
            const problem = ctx.value === "" ? undefined : organisationNumberProblem(code, ctx.value);
            if (problem)
              ctx.issues.push({
                code: "custom",
                input: ctx.value,
                message: problem,
                params: { code: problem },
              });
          }),
          z.transform((value: string) => (value === "" ? undefined : normaliseOrganisationNumber(value))),
        ),
      ),
    ),
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
  const m = requireRecipient(kommunkod);
  const parsed = contactBodyFor(kommunkod).safeParse(body);
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
