import type { FieldError } from "../../../shared/errors.ts";
import { fieldError } from "../../../shared/forms/codes.ts";
import {
  organisationNumberOfCallerProblem,
  recipientCaller,
} from "../../../shared/forms/rules/recipient-identity.ts";
import { api } from "../api.ts";
import { h } from "../dom.ts";
import { FormKit } from "../form-kit/form-kit.ts";
import { onValidSubmit } from "../form-kit/on-valid-submit.ts";
import { invalid } from "../form-kit/simple-checks.ts";
import type { Value } from "../form-kit/types.ts";
import { m, type Texts } from "../i18n.ts";
import type { ContactEntry } from "./entry.ts";

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

const TEXT = {
  registryMissing: { sv: "Ange registratorns e-postadress.", en: "Enter the registry's e-mail address." },
  nameMissing: { sv: "Ange namnet, eller töm båda fälten.", en: "Enter the name, or clear both fields." },
  emailInvalid: { sv: "Ange en giltig e-postadress.", en: "Enter a valid e-mail address." },
  registry: { sv: "Registratorns e-post", en: "Registry e-mail" },
  registryHint: {
    sv: "Kommunens officiella adress för inkommande handlingar.",
    en: "The municipality's official address for incoming documents.",
  },
  contactName: { sv: "Kontaktperson för statsbidrag", en: "Contact person for state grants" },
  contactEmail: { sv: "Kontaktpersonens e-post", en: "Contact person's e-mail" },
  organisationNumber: { sv: "Organisationsnummer", en: "Organisation number" },
  organisationNumberHint: {
    sv: "Kommunens organisationsnummer, 212000-NNNN. När det finns här måste kommunens rekvisitioner och redovisningar ange just det numret.",
    en: "The municipality's organisation number, 212000-NNNN. Once it is here, the municipality's requisitions and reports must give exactly this number.",
  },
  save: { sv: "Spara", en: "Save" },
  saved: { sv: "Sparat.", en: "Saved." },
} satisfies Texts;

/**
 * One municipality's entry: the registry's address (required) and, optionally, a contact
 * person's and the municipality's organisation number.
 */
export function contactForm(entry: ContactEntry, onSaved: (entry: ContactEntry) => void): HTMLElement {
  const caller = recipientCaller(entry.kommunkod);
  const kit = new FormKit({
    toInput: (v: Record<string, Value>) => {
      const name = String(v["contact.name"] ?? "").trim();
      const email = String(v["contact.email"] ?? "").trim();
      const organisationNumber = String(v.organisationNumber ?? "").trim();
      return {
        registryEmail: String(v.registryEmail ?? "").trim(),
        contact: name || email ? { name, email } : null,
        organisationNumber: organisationNumber || null,
      };
    },
    validate: (input) => {
      const errors: FieldError[] = [];
      if (!EMAIL.test(String(input.registryEmail)))
        errors.push(invalid("registryEmail", TEXT.registryMissing, "INVALID_EMAIL"));
      const contact = input.contact as { name: string; email: string } | null;
      if (contact) {
        if (!contact.name) errors.push(invalid("contact.name", TEXT.nameMissing, "INVALID_EMAIL"));
        if (!EMAIL.test(contact.email))
          errors.push(invalid("contact.email", TEXT.emailInvalid, "INVALID_EMAIL"));
      }
      // The API's own rule, so the officer sees the same message the API would give.
      const number = input.organisationNumber;
      const problem =
        typeof number === "string" && caller ? organisationNumberOfCallerProblem(caller, number) : undefined;
      if (problem) errors.push(fieldError("organisationNumber", problem));
      return errors;
    },
  });
  kit.init({
    registryEmail: entry.registryEmail ?? "",
    "contact.name": entry.contact?.name ?? "",
    "contact.email": entry.contact?.email ?? "",
    organisationNumber: entry.organisationNumber ?? "",
  });
  const result = h("div", { role: "status", id: "contact-result" });
  const form = h(
    "form",
    { novalidate: true, id: "contact-form" },
    kit.summary,
    kit.field({ path: "registryEmail", kind: "email", label: TEXT.registry, hint: TEXT.registryHint }),
    kit.field({ path: "contact.name", kind: "text", label: TEXT.contactName, optional: true }),
    kit.field({ path: "contact.email", kind: "email", label: TEXT.contactEmail, optional: true }),
    kit.field({
      path: "organisationNumber",
      kind: "text",
      label: TEXT.organisationNumber,
      hint: TEXT.organisationNumberHint,
      optional: true,
      width: "s",
    }),
    h("div", { class: "actions" }, h("button", { type: "submit", class: "button" }, m(TEXT.save))),
    result,
  );
  onValidSubmit(form, kit, result, async () => {
    const saved = await api<ContactEntry>("PUT", `/contacts/${encodeURIComponent(entry.kommunkod)}`, {
      body: kit.input(),
    });
    // Show the number as the register keeps it (NNNNNN-NNNN), whatever was typed.
    kit.set("organisationNumber", saved.organisationNumber ?? "");
    result.replaceChildren(h("div", { class: "notice notice-success" }, h("p", {}, m(TEXT.saved))));
    onSaved(saved);
  });
  return form;
}
