import type { FieldError } from "../../../shared/errors.ts";
import { allMunicipalities } from "../../../shared/municipalities/registry.ts";
import { ApiError, api, get } from "../api.ts";
import { h, param } from "../dom.ts";
import { FormKit } from "../form-kit/form-kit.ts";
import type { Value } from "../form-kit/types.ts";
import { dateTime } from "../format.ts";
import { lang } from "../i18n.ts";
import { boot, errorPanel, setTitle } from "../layout.ts";
import { pageFile } from "../pages.ts";

/** The contact register: who at each municipality gets announcements, reminders and returns. */
const sv = () => lang() === "sv";

interface ContactEntry {
  kommunkod: string;
  kommun: string;
  registryEmail?: string;
  contact?: { name: string; email: string };
  updatedAt?: string;
  updatedBy?: { email?: string; kind: string };
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const fieldError = (path: string, sv: string, en: string): FieldError => ({
  path,
  code: "INVALID_EMAIL",
  message: { sv, en },
});

function contactForm(entry: ContactEntry, onSaved: (entry: ContactEntry) => void): HTMLElement {
  const kit = new FormKit({
    toInput: (v: Record<string, Value>) => {
      const name = String(v["contact.name"] ?? "").trim();
      const email = String(v["contact.email"] ?? "").trim();
      return {
        registryEmail: String(v.registryEmail ?? "").trim(),
        contact: name || email ? { name, email } : null,
      };
    },
    validate: (input) => {
      const errors: FieldError[] = [];
      if (!EMAIL.test(String(input.registryEmail)))
        errors.push(
          fieldError(
            "registryEmail",
            "Ange registratorns e-postadress.",
            "Enter the registry's e-mail address.",
          ),
        );
      const contact = input.contact as { name: string; email: string } | null;
      if (contact) {
        if (!contact.name)
          errors.push(
            fieldError(
              "contact.name",
              "Ange namnet, eller töm båda fälten.",
              "Enter the name, or clear both fields.",
            ),
          );
        if (!EMAIL.test(contact.email))
          errors.push(
            fieldError("contact.email", "Ange en giltig e-postadress.", "Enter a valid e-mail address."),
          );
      }
      return errors;
    },
  });
  kit.init({
    registryEmail: entry.registryEmail ?? "",
    "contact.name": entry.contact?.name ?? "",
    "contact.email": entry.contact?.email ?? "",
  });
  const result = h("div", { role: "status", id: "contact-result" });
  const form = h(
    "form",
    { novalidate: true, id: "contact-form" },
    kit.summary,
    kit.field({
      path: "registryEmail",
      kind: "email",
      label: { sv: "Registratorns e-post", en: "Registry e-mail" },
      hint: {
        sv: "Kommunens officiella adress för inkommande handlingar.",
        en: "The municipality's official address for incoming documents.",
      },
    }),
    kit.field({
      path: "contact.name",
      kind: "text",
      label: { sv: "Kontaktperson för statsbidrag", en: "Contact person for state grants" },
      optional: true,
    }),
    kit.field({
      path: "contact.email",
      kind: "email",
      label: { sv: "Kontaktpersonens e-post", en: "Contact person's e-mail" },
      optional: true,
    }),
    h("div", { class: "actions" }, h("button", { type: "submit", class: "button" }, sv() ? "Spara" : "Save")),
    result,
  );
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (!kit.check()) return;
    try {
      const saved = await api<ContactEntry>("PUT", `/contacts/${encodeURIComponent(entry.kommunkod)}`, {
        body: kit.input(),
      });
      result.replaceChildren(
        h("div", { class: "notice notice-success" }, h("p", {}, sv() ? "Sparat." : "Saved.")),
      );
      onSaved(saved);
    } catch (error) {
      if (error instanceof ApiError && error.errors.length > 0) kit.showServerErrors(error.errors);
      else result.replaceChildren(errorPanel(error));
    }
  });
  return form;
}

/** The whole register, filterable as you type; each row leads to its entry. */
async function registerTable(): Promise<HTMLElement> {
  const { contacts } = await get<{ contacts: ContactEntry[] }>("/contacts");
  const sorted = [...contacts].sort((a, b) => a.kommun.localeCompare(b.kommun, "sv"));
  const rows = sorted.map((c) => ({
    text: `${c.kommun} ${c.kommunkod} ${c.registryEmail ?? ""} ${c.contact?.name ?? ""} ${c.contact?.email ?? ""}`.toLocaleLowerCase(
      "sv",
    ),
    row: h(
      "tr",
      {},
      h(
        "td",
        {},
        h("a", { href: `${pageFile("contacts")}?kommun=${c.kommunkod}` }, `${c.kommun} (${c.kommunkod})`),
      ),
      h("td", {}, c.registryEmail ?? "—"),
      h("td", {}, c.contact ? `${c.contact.name}, ${c.contact.email}` : "—"),
      h("td", { class: "nowrap" }, c.updatedAt ? dateTime(c.updatedAt) : "—"),
    ),
  }));
  const count = h("p", { role: "status", id: "register-count" });
  const search = h("input", {
    id: "register-search",
    type: "search",
    class: "input width-m",
    "aria-describedby": "register-count",
  });
  const apply = () => {
    const q = search.value.trim().toLocaleLowerCase("sv");
    let shown = 0;
    for (const r of rows) {
      r.row.hidden = q !== "" && !r.text.includes(q);
      if (!r.row.hidden) shown++;
    }
    count.textContent = sv()
      ? `${shown} av ${rows.length} kommuner visas.`
      : `${shown} of ${rows.length} municipalities shown.`;
  };
  search.addEventListener("input", apply);
  apply();
  return h(
    "section",
    { "aria-labelledby": "register-title" },
    h("h2", { id: "register-title" }, sv() ? "Registret" : "The register"),
    h(
      "div",
      { class: "field" },
      h(
        "label",
        { for: "register-search" },
        sv() ? "Sök kommun, kod eller adress" : "Search municipality, code or address",
      ),
      search,
    ),
    count,
    h(
      "div",
      { class: "table-scroll" },
      h(
        "table",
        { class: "table", id: "register" },
        h("caption", { class: "visually-hidden" }, sv() ? "Kontaktregistret" : "The contact register"),
        h(
          "thead",
          {},
          h(
            "tr",
            {},
            h("th", { scope: "col" }, sv() ? "Kommun" : "Municipality"),
            h("th", { scope: "col" }, sv() ? "Registrator" : "Registry"),
            h("th", { scope: "col" }, sv() ? "Kontaktperson" : "Contact person"),
            h("th", { scope: "col" }, sv() ? "Ändrad" : "Changed"),
          ),
        ),
        h(
          "tbody",
          {},
          rows.map((r) => r.row),
        ),
      ),
    ),
  );
}

await boot("contacts", "officer", async ({ main }) => {
  const municipalities = [...allMunicipalities()].sort((a, b) => a.name.localeCompare(b.name, "sv"));
  const chosen = param("kommun") ?? "";
  const picker = h(
    "form",
    { class: "filters", method: "get", action: pageFile("contacts") },
    h(
      "div",
      { class: "field" },
      h("label", { for: "kommun" }, sv() ? "Kommun" : "Municipality"),
      h(
        "select",
        { id: "kommun", name: "kommun" },
        h("option", { value: "" }, sv() ? "Välj kommun" : "Choose a municipality"),
        municipalities.map((mu) =>
          h(
            "option",
            { value: mu.kommunkod, selected: mu.kommunkod === chosen },
            `${mu.name} (${mu.kommunkod})`,
          ),
        ),
      ),
    ),
    h("button", { type: "submit", class: "button button-secondary" }, sv() ? "Visa" : "Show"),
  );
  main.append(
    h(
      "p",
      { class: "lead" },
      sv()
        ? "Utskick, påminnelser och återsändningar går till registratorn och, om den finns, kontaktpersonen för statsbidrag."
        : "Announcements, reminders and returns go to the registry and, where there is one, the contact person for state grants.",
    ),
    picker,
  );
  if (!chosen) {
    main.append(await registerTable());
    return;
  }
  const area = h("section", { "aria-labelledby": "entry-title" });
  main.append(area);
  try {
    const entry = await get<ContactEntry>(`/contacts/${encodeURIComponent(chosen)}`);
    setTitle("contacts", entry.kommun);
    const updated = h("p", { class: "small", id: "contact-updated" });
    const showUpdated = (e: ContactEntry) => {
      updated.textContent = e.updatedAt
        ? `${sv() ? "Senast ändrad" : "Last changed"} ${dateTime(e.updatedAt)}${e.updatedBy?.email ? ` ${sv() ? "av" : "by"} ${e.updatedBy.email}` : ""}`
        : "";
    };
    showUpdated(entry);
    area.append(
      h("h2", { id: "entry-title" }, `${entry.kommun} (${entry.kommunkod})`),
      updated,
      contactForm(entry, showUpdated),
    );
  } catch (error) {
    area.append(h("h2", { id: "entry-title" }, chosen), errorPanel(error));
  }
});
