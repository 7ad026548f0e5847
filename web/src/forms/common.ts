import type { Recipient } from "../../../shared/forms/index.ts";
import { ApiError, post } from "../api.ts";
import { config } from "../config.ts";
import { h } from "../dom.ts";
import type { FieldDef, FormKit, Value } from "../form-kit.ts";
import { type Msg, m } from "../i18n.ts";
import { errorPanel } from "../layout.ts";
import { pageFile } from "../pages.ts";
import type { Receipt } from "../types.ts";
import { rememberUpload } from "../upload/slot.ts";

/** Pieces both Bilaga 2 forms share: the contact section and the agreement fields. */
export function section(id: string, title: Msg, intro: Msg | null, ...children: HTMLElement[]): HTMLElement {
  return h(
    "section",
    { class: "form-section", "aria-labelledby": `${id}-title` },
    h("h2", { id: `${id}-title` }, m(title)),
    intro ? h("p", { class: "section-intro" }, m(intro)) : null,
    ...children,
  );
}

export const RECIPIENT_FIELDS: FieldDef[] = [
  {
    path: "recipient.name",
    kind: "text",
    label: { sv: "Bidragsmottagare (kommunens namn)", en: "Recipient (name of the municipality)" },
    autocomplete: "organization",
  },
  {
    path: "recipient.organisationNumber",
    kind: "text",
    label: { sv: "Organisationsnummer", en: "Organisation number" },
    hint: { sv: "Tio siffror, t.ex. 212000-1173.", en: "Ten digits, e.g. 212000-1173." },
    width: "s",
  },
  {
    path: "recipient.contactPerson",
    kind: "text",
    label: { sv: "Kontaktperson", en: "Contact person" },
    autocomplete: "name",
  },
  {
    path: "recipient.postalAddress.street",
    kind: "text",
    label: { sv: "Postadress", en: "Postal address" },
    autocomplete: "address-line1",
  },
  {
    path: "recipient.postalAddress.postalCode",
    kind: "text",
    label: { sv: "Postnummer", en: "Postal code" },
    hint: { sv: "Fem siffror, t.ex. 221 00.", en: "Five digits, e.g. 221 00." },
    autocomplete: "postal-code",
    width: "xs",
  },
  {
    path: "recipient.postalAddress.city",
    kind: "text",
    label: { sv: "Ort", en: "City" },
    autocomplete: "address-level2",
    width: "m",
  },
  {
    path: "recipient.phone",
    kind: "tel",
    label: { sv: "Telefon", en: "Phone" },
    hint: { sv: "Med riktnummer, t.ex. 046-35 50 00.", en: "With area code, e.g. 046-35 50 00." },
    autocomplete: "tel",
    width: "m",
  },
  { path: "recipient.fax", kind: "tel", label: { sv: "Fax", en: "Fax" }, optional: true, width: "m" },
  {
    path: "recipient.email",
    kind: "email",
    label: { sv: "E-post", en: "E-mail" },
    hint: {
      sv: "Hit skickar vi kvittot och besked om inlämningen.",
      en: "We send the receipt and news about the submission here.",
    },
    autocomplete: "email",
  },
];

export const AGREEMENT_FIELDS: FieldDef[] = [
  {
    path: "grant.agreementTitle",
    kind: "textarea",
    label: { sv: "Överenskommelsens benämning", en: "Title of the agreement" },
  },
  {
    path: "grant.agreementDiarienummer",
    kind: "text",
    label: { sv: "Överenskommelsens diarienummer", en: "Case reference of the agreement" },
    hint: {
      sv: "Står på överenskommelsen, t.ex. S2022/01234/SOF.",
      en: "On the agreement, e.g. S2022/01234/SOF.",
    },
    width: "m",
  },
  {
    path: "grant.decisionDiarienummer",
    kind: "text",
    label: { sv: "Regeringsbeslutets diarienummer", en: "Case reference of the government decision" },
    hint: { sv: "Står på beslutet, t.ex. S2022/01235/SOF.", en: "On the decision, e.g. S2022/01235/SOF." },
    width: "m",
  },
];

export const PERIOD_FIELDS: FieldDef[] = [
  {
    path: "grant.period.from",
    kind: "date",
    label: { sv: "Period från", en: "Period from" },
    hint: { sv: "ÅÅÅÅ-MM-DD", en: "YYYY-MM-DD" },
    width: "s",
  },
  {
    path: "grant.period.to",
    kind: "date",
    label: { sv: "Period till", en: "Period to" },
    hint: { sv: "ÅÅÅÅ-MM-DD", en: "YYYY-MM-DD" },
    width: "s",
  },
];

export const SIGNATURE_FIELDS: FieldDef[] = [
  {
    path: "signature.signatory",
    kind: "text",
    label: { sv: "Namnförtydligande för den som skriver under", en: "Printed name of the signatory" },
    hint: {
      sv: "Behörig företrädare för kommunen. Underskriften görs för hand på den utskrivna blanketten.",
      en: "An authorised representative of the municipality. The signature is made by hand on the printed form.",
    },
    autocomplete: "name",
  },
  {
    path: "signature.date",
    kind: "date",
    label: { sv: "Datum för underskrift", en: "Date of signature" },
    hint: { sv: "ÅÅÅÅ-MM-DD", en: "YYYY-MM-DD" },
    width: "s",
  },
];

export function fields(kit: FormKit, defs: FieldDef[]): HTMLElement[] {
  return defs.map((d) => kit.field(d));
}

/** Text values → the recipient JSON (fax left out when empty). */
export function recipientInput(v: Record<string, Value>): Record<string, unknown> {
  const s = (path: string) => String(v[path] ?? "");
  const fax = s("recipient.fax").trim();
  return {
    name: s("recipient.name"),
    organisationNumber: s("recipient.organisationNumber"),
    contactPerson: s("recipient.contactPerson"),
    postalAddress: {
      street: s("recipient.postalAddress.street"),
      postalCode: s("recipient.postalAddress.postalCode"),
      city: s("recipient.postalAddress.city"),
    },
    phone: s("recipient.phone"),
    ...(fax ? { fax } : {}),
    email: s("recipient.email"),
  };
}

export function recipientValues(r: Partial<Recipient> | undefined): Record<string, Value> {
  if (!r) return {};
  const out: Record<string, Value> = {};
  const put = (path: string, value: string | undefined) => {
    if (value !== undefined) out[path] = value;
  };
  put("recipient.name", r.name);
  put("recipient.organisationNumber", r.organisationNumber);
  put("recipient.contactPerson", r.contactPerson);
  put("recipient.postalAddress.street", r.postalAddress?.street);
  put("recipient.postalAddress.postalCode", r.postalAddress?.postalCode);
  put("recipient.postalAddress.city", r.postalAddress?.city);
  put("recipient.phone", r.phone);
  put("recipient.fax", r.fax);
  put("recipient.email", r.email);
  return out;
}

/** "1 530 608" for an amount field's text. */
export function amountText(amount: number | undefined): string {
  return amount === undefined ? "" : amount.toString().replace(/\B(?=(\d{3})+(?!\d))/g, " ");
}

/**
 * Sends a Bilaga 2 form: a new submission, or the corrected version of a returned one. On success
 * the page moves to the receipt; API errors land on their fields. The idempotency key is the
 * page's, so a double click or a retry after a network error never submits twice.
 */
export function wireSubmit(options: {
  form: HTMLFormElement;
  kit: FormKit;
  submitButton: HTMLElement;
  status: HTMLElement;
  sv: boolean;
  path: () => string;
  idempotencyKey: string;
}): void {
  const { form, kit, submitButton, status, sv } = options;
  let sending = false;
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (sending || !kit.check()) return;
    sending = true;
    submitButton.setAttribute("aria-disabled", "true");
    status.textContent = sv ? "Skickar…" : "Sending…";
    try {
      const receipt = await post<Receipt>(options.path(), kit.input(), options.idempotencyKey);
      rememberUpload(receipt.id, receipt.upload);
      kit.clearDraft();
      location.assign(`${pageFile("submission")}?id=${encodeURIComponent(receipt.id)}&new=1`);
    } catch (error) {
      status.textContent = "";
      kit.showServerErrors(
        error instanceof ApiError
          ? error.errors.length > 0
            ? error.errors
            : [{ path: "", code: error.code, message: error.userMessage }]
          : [{ path: "", code: "UNKNOWN", message: { sv: String(error), en: String(error) } }],
      );
    } finally {
      sending = false;
      submitButton.removeAttribute("aria-disabled");
    }
  });
}

/**
 * The officer's small forms (decision, payment, repayment): on a valid submit, `send`; a refusal
 * with field errors marks the fields, anything else is shown in `result`.
 */
export function onValidSubmit(
  form: HTMLFormElement,
  kit: FormKit,
  result: HTMLElement,
  send: () => Promise<void>,
): void {
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (!kit.check()) return;
    try {
      await send();
    } catch (error) {
      if (error instanceof ApiError && error.errors.length > 0) kit.showServerErrors(error.errors);
      else result.replaceChildren(errorPanel(error));
    }
  });
}

/** Local stage only: a button that fills the form with the shared sample data, for trying it out. */
export function exampleFiller(
  kit: FormKit,
  values: () => Record<string, Value>,
  sv: boolean,
): HTMLElement | null {
  if (!config().devSignIn) return null;
  return h(
    "p",
    { class: "dev-tools" },
    h(
      "button",
      {
        type: "button",
        class: "button button-secondary",
        id: "fill-example",
        onclick: () => kit.setAll(values()),
      },
      sv ? "Fyll i exempeluppgifter (bara lokalt)" : "Fill in example data (local only)",
    ),
  );
}
