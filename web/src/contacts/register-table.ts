import { get } from "../api.ts";
import { h } from "../dom.ts";
import { dateTime } from "../format.ts";
import { m, type Texts } from "../i18n.ts";
import { pageFile } from "../pages.ts";
import type { ContactEntry } from "./entry.ts";

const TEXT = {
  shown: (shown: number, all: number) => ({
    sv: `${shown} av ${all} bidragsmottagare visas.`,
    en: `${shown} of ${all} recipients shown.`,
  }),
  title: { sv: "Registret", en: "The register" },
  search: {
    sv: "Sök kommun, kod, adress eller organisationsnummer",
    en: "Search municipality, code, address or organisation number",
  },
  caption: { sv: "Kontaktregistret", en: "The contact register" },
  municipality: { sv: "Kommun", en: "Municipality" },
  registry: { sv: "Registrator", en: "Registry" },
  contactPerson: { sv: "Kontaktperson", en: "Contact person" },
  organisationNumber: { sv: "Organisationsnummer", en: "Organisation number" },
  changed: { sv: "Ändrad", en: "Changed" },
} satisfies Texts;

/** The whole register, filterable as you type; each row leads to its entry. */
export async function registerTable(): Promise<HTMLElement> {
  const { contacts } = await get<{ contacts: ContactEntry[] }>("/contacts");
  const sorted = [...contacts].sort((a, b) => a.kommun.localeCompare(b.kommun, "sv"));
  const rows = sorted.map((c) => ({
    text: [c.kommun, c.kommunkod, c.registryEmail, c.contact?.name, c.contact?.email, c.organisationNumber]
      .filter(Boolean)
      .join(" ")
      .toLocaleLowerCase("sv"),
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
      h("td", { class: "nowrap" }, c.organisationNumber ?? "—"),
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
    count.textContent = m(TEXT.shown(shown, rows.length));
  };
  search.addEventListener("input", apply);
  apply();
  return h(
    "section",
    { "aria-labelledby": "register-title" },
    h("h2", { id: "register-title" }, m(TEXT.title)),
    h("div", { class: "field" }, h("label", { for: "register-search" }, m(TEXT.search)), search),
    count,
    h(
      "div",
      { class: "table-scroll" },
      h(
        "table",
        { class: "table", id: "register" },
        h("caption", { class: "visually-hidden" }, m(TEXT.caption)),
        h(
          "thead",
          {},
          h(
            "tr",
            {},
            h("th", { scope: "col" }, m(TEXT.municipality)),
            h("th", { scope: "col" }, m(TEXT.registry)),
            h("th", { scope: "col" }, m(TEXT.contactPerson)),
            h("th", { scope: "col" }, m(TEXT.organisationNumber)),
            h("th", { scope: "col" }, m(TEXT.changed)),
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
