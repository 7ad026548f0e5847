import { allRecipients, recipientLabel } from "../../../shared/recipients/registry.ts";
import { get } from "../api.ts";
import { contactForm } from "../contacts/contact-form.ts";
import type { ContactEntry } from "../contacts/entry.ts";
import { registerTable } from "../contacts/register-table.ts";
import { h, param } from "../dom.ts";
import { dateTime } from "../format.ts";
import { m, type Texts } from "../i18n.ts";
import { boot, errorPanel, setTitle } from "../layout.ts";
import { pageFile } from "../pages.ts";

/** The contact register: who at each municipality gets announcements, reminders and returns. */
const TEXT = {
  municipality: { sv: "Kommun", en: "Municipality" },
  choose: { sv: "Välj kommun", en: "Choose a municipality" },
  show: { sv: "Visa", en: "Show" },
  intro: {
    sv: "Utskick, påminnelser och återsändningar går till registratorn och, om den finns, kontaktpersonen för statsbidrag. Kommunens organisationsnummer, när det finns här, måste stå på kommunens blanketter.",
    en: "Announcements, reminders and returns go to the registry and, where there is one, the contact person for state grants. The municipality's organisation number, once it is here, must be the one on its forms.",
  },
  changed: (when: string) => ({ sv: `Senast ändrad ${when}`, en: `Last changed ${when}` }),
  changedBy: (when: string, by: string) => ({
    sv: `Senast ändrad ${when} av ${by}`,
    en: `Last changed ${when} by ${by}`,
  }),
} satisfies Texts;

function lastChanged(e: ContactEntry): string {
  if (!e.updatedAt) return "";
  const when = dateTime(e.updatedAt);
  return m(e.updatedBy?.email ? TEXT.changedBy(when, e.updatedBy.email) : TEXT.changed(when));
}

await boot("contacts", "officer", async ({ main }) => {
  const municipalities = [...allRecipients()].sort((a, b) => a.name.localeCompare(b.name, "sv"));
  const chosen = param("kommun") ?? "";
  const picker = h(
    "form",
    { class: "filters", method: "get", action: pageFile("contacts") },
    h(
      "div",
      { class: "field" },
      h("label", { for: "kommun" }, m(TEXT.municipality)),
      h(
        "select",
        { id: "kommun", name: "kommun" },
        h("option", { value: "" }, m(TEXT.choose)),
        municipalities.map((mu) =>
          h("option", { value: mu.code, selected: mu.code === chosen }, recipientLabel(mu.code)),
        ),
      ),
    ),
    h("button", { type: "submit", class: "button button-secondary" }, m(TEXT.show)),
  );
  main.append(h("p", { class: "lead" }, m(TEXT.intro)), picker);
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
      updated.textContent = lastChanged(e);
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
