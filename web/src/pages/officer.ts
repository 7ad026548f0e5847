import "../zod-setup.ts";
import { get } from "../api.ts";
import { append, h, param } from "../dom.ts";
import { kronor } from "../format.ts";
import { m, type Texts } from "../i18n.ts";
import { boot, errorPanel, setTitle } from "../layout.ts";
import { allocationsForm } from "../officer/allocations-form.ts";
import { closeForm } from "../officer/close-form.ts";
import { csvExport } from "../officer/csv-export.ts";
import { factsForm } from "../officer/facts-form.ts";
import { openingSection } from "../officer/opening-section.ts";
import { type Overview, overviewTable } from "../officer/overview-table.ts";
import { questionsForm } from "../officer/questions-form.ts";
import { repaymentForm } from "../officer/repayment-form.ts";
import { submissionsList } from "../officer/submissions-list.ts";
import { pageFile } from "../pages.ts";
import type { ProgrammeSummary, ProgrammeView } from "../types.ts";

/**
 * The officer's overview of one programme: whether it is open (and opening it, which announces it
 * to every municipality), sums that add up to the programme's total, the submissions
 * (filterable), the CSV export, and registration of repayments.
 */
const TEXT = {
  grant: { sv: "Bidrag", en: "Grant" },
  show: { sv: "Visa", en: "Show" },
  total: { sv: "Totalt", en: "Total" },
  deadline: { sv: "Sista dag för rekvisition", en: "Last day to requisition" },
  reportDue: { sv: "Redovisning senast", en: "Report due" },
} satisfies Texts;

await boot("officer", "officer", async ({ main }) => {
  const { programmes } = await get<{ programmes: ProgrammeSummary[] }>("/programmes");
  const sorted = [...programmes].sort((a, b) => b.year - a.year);
  const asked = param("programme");
  // A programme published a moment ago may not be in the list yet (each function keeps the list
  // for a minute), but it is there when asked for by id.
  const chosen =
    sorted.find((p) => p.id === asked) ??
    (asked
      ? await get<ProgrammeSummary>(`/programmes/${encodeURIComponent(asked)}`).catch(() => undefined)
      : undefined) ??
    sorted[0];
  if (chosen && !sorted.includes(chosen)) sorted.unshift(chosen);
  if (!chosen) return;
  setTitle("officer", chosen.title);
  const picker = h(
    "form",
    { class: "filters", method: "get", action: pageFile("officer") },
    h(
      "div",
      { class: "field" },
      h("label", { for: "programme" }, m(TEXT.grant)),
      h(
        "select",
        { id: "programme", name: "programme" },
        sorted.map((p) => h("option", { value: p.id, selected: p.id === chosen.id }, p.title)),
      ),
    ),
    h("button", { type: "submit", class: "button button-secondary" }, m(TEXT.show)),
  );
  // Whether it is open, and whom it reaches, is the programme's own answer to an officer.
  let view: ProgrammeView | undefined;
  let viewError: unknown;
  try {
    view = await get<ProgrammeView>(`/programmes/${encodeURIComponent(chosen.id)}`);
  } catch (error) {
    viewError = error;
  }
  const recipients = view?.recipients ?? [];
  const opening = view ? openingSection(chosen, view.opening ?? null, recipients) : errorPanel(viewError);
  const overviewArea = h("div", { id: "overview" });
  const repaymentArea = h("div", { id: "repayment-area" });
  let repaymentShown = false;
  const loadOverview = async () => {
    try {
      const o = await get<Overview>(`/programmes/${encodeURIComponent(chosen.id)}/overview`);
      overviewArea.replaceChildren(overviewTable(o));
      // Built once, from who owes as the page opened: rebuilding it would wipe the receipt of a
      // repayment just recorded (the API refuses a repayment nobody owes anyway).
      if (!repaymentShown) {
        repaymentArea.replaceChildren(repaymentForm(chosen.id, o.owing, () => void loadOverview()));
        repaymentShown = true;
      }
    } catch (error) {
      overviewArea.replaceChildren(errorPanel(error));
    }
  };
  append(main, [
    picker,
    h("h2", { class: "programme-title" }, chosen.title),
    h(
      "dl",
      { class: "facts" },
      h("dt", {}, m(TEXT.total)),
      h("dd", {}, kronor(chosen.totalBase + chosen.modelExtraTotal)),
      h("dt", {}, m(TEXT.deadline)),
      h("dd", {}, chosen.deadlines.requisition),
      chosen.deadlines.report ? h("dt", {}, m(TEXT.reportDue)) : null,
      chosen.deadlines.report ? h("dd", {}, chosen.deadlines.report) : null,
    ),
    opening,
    overviewArea,
    submissionsList(chosen.id),
    csvExport(chosen.id),
    repaymentArea,
    // A closed programme's facts and questions no longer change (PATCH answers 409).
    ...(chosen.closed
      ? []
      : [factsForm(chosen, () => undefined), allocationsForm(chosen), questionsForm(chosen)]),
    closeForm(chosen),
  ]);
  await loadOverview();
});
