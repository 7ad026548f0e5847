import { genitiveEn, genitiveSv } from "../../../shared/forms/language.ts";
import { get } from "../api.ts";
import { h } from "../dom.ts";
import { daysLeft, kindText, kronor, longDate, statusBadge } from "../format.ts";
import { lang } from "../i18n.ts";
import { boot, setMunicipality } from "../layout.ts";
import { pageFile } from "../pages.ts";
import type { OwnPosition, ProgrammeView } from "../types.ts";

/** The municipality's grants: own allocation, deadlines with days left, and every submission's status. */
const sv = () => lang() === "sv";

function deadlineRow(label: string, date: string | null | undefined): HTMLElement[] {
  if (!date) return [];
  const left = daysLeft(date);
  return [
    h("dt", {}, label),
    h(
      "dd",
      {},
      longDate(date),
      " ",
      h(
        "span",
        { class: left.passed ? "days passed" : left.urgent ? "days urgent" : "days" },
        `(${left.text})`,
      ),
    ),
  ];
}

/** Whether the report must say the programme's survey (enkät) has been answered. */
function surveyRow(p: ProgrammeView): HTMLElement[] {
  return [
    h("dt", {}, sv() ? "Enkät" : "Survey"),
    h(
      "dd",
      { "data-field": "survey" },
      p.surveyRequired
        ? sv()
          ? "Krävs: kommunen ska ha besvarat enkäten när den ekonomiska redovisningen lämnas."
          : "Required: the municipality must have answered the survey when it submits the financial report."
        : sv()
          ? "Krävs inte för detta bidrag."
          : "Not required for this grant.",
    ),
  ];
}

function submissionsList(own: OwnPosition): HTMLElement | null {
  const items = [
    ...own.requisitions.map((r) => ({
      ...r,
      label: `${kindText("requisition")} – ${kindText(r.grantKind)}`,
    })),
    ...own.reports.map((r) => ({ ...r, label: kindText("report") })),
  ];
  if (items.length === 0) return h("p", {}, sv() ? "Inget inskickat ännu." : "Nothing sent yet.");
  return h(
    "table",
    { class: "table" },
    h("caption", {}, sv() ? "Inskickat" : "Sent"),
    h(
      "thead",
      {},
      h(
        "tr",
        {},
        h("th", { scope: "col" }, sv() ? "Referens" : "Reference"),
        h("th", { scope: "col" }, sv() ? "Avser" : "Concerns"),
        h("th", { scope: "col", class: "num" }, sv() ? "Belopp" : "Amount"),
        h("th", { scope: "col" }, "Status"),
      ),
    ),
    h(
      "tbody",
      {},
      items.map((s) =>
        h(
          "tr",
          {},
          h(
            "td",
            {},
            h("a", { href: `${pageFile("submission")}?id=${encodeURIComponent(s.id)}` }, s.reference),
          ),
          h("td", {}, s.label),
          h("td", { class: "num" }, kronor(s.amount)),
          h("td", {}, statusBadge(s.status)),
        ),
      ),
    ),
  );
}

function actions(p: ProgrammeView, own: OwnPosition): HTMLElement {
  const links: HTMLElement[] = [];
  const open = daysLeft(p.deadlines.requisition).passed === false && !own.lapsed;
  const baseTaken = own.requisitions.some((r) => r.grantKind === "base" && r.status !== "returned");
  const extraTaken = own.requisitions.some((r) => r.grantKind === "model-extra" && r.status !== "returned");
  const q = `?programme=${encodeURIComponent(p.id)}`;
  if (open && !baseTaken && own.remaining > 0) {
    links.push(
      h(
        "a",
        { class: "button", href: `${pageFile("requisition")}${q}` },
        sv() ? "Rekvirera bidraget" : "Requisition the grant",
      ),
    );
  }
  if (open && own.modelExtra > 0 && baseTaken && !extraTaken) {
    links.push(
      h(
        "a",
        { class: "button", href: `${pageFile("requisition")}${q}&kind=model-extra` },
        sv() ? "Rekvirera extra medel" : "Requisition the extra funds",
      ),
    );
  }
  const reported = own.reports.some((r) => r.status !== "returned");
  if (p.deadlines.report && baseTaken && !reported) {
    links.push(
      h(
        "a",
        { class: "button button-secondary", href: `${pageFile("report")}${q}` },
        sv() ? "Lämna ekonomisk redovisning" : "Submit the financial report",
      ),
    );
  }
  if (!open && !baseTaken) {
    links.push(
      h(
        "p",
        { class: "notice notice-warning" },
        sv()
          ? "Sista dag för rekvisition har passerat. Rätten till bidraget har förfallit."
          : "The last day to requisition has passed. The right to the grant has lapsed.",
      ),
    );
  }
  return h("div", { class: "actions" }, links);
}

function card(p: ProgrammeView): HTMLElement {
  const own = p.own;
  const id = `programme-${p.id}`;
  return h(
    "article",
    { class: "card", "aria-labelledby": id },
    h("h2", { id }, p.title),
    h(
      "p",
      { class: "meta" },
      `${p.grantingAgency} · ${sv() ? "mottagande myndighet" : "receiving agency"} ${p.receivingAgency}`,
    ),
    own
      ? h(
          "dl",
          { class: "facts" },
          h("dt", {}, sv() ? "Vår tilldelning" : "Our allocation"),
          h("dd", { class: "amount" }, kronor(own.allocation)),
          own.modelExtra > 0
            ? h("dt", {}, sv() ? "Extra medel som modellkommun" : "Model municipality extra")
            : null,
          own.modelExtra > 0 ? h("dd", { class: "amount" }, kronor(own.modelExtra)) : null,
          h("dt", {}, sv() ? "Rekvirerat" : "Requisitioned"),
          h("dd", {}, kronor(own.requisitioned + own.modelExtraRequisitioned)),
          own.repaymentDue ? h("dt", {}, sv() ? "Att återbetala" : "To repay") : null,
          own.repaymentDue ? h("dd", {}, kronor(own.repaymentDue)) : null,
          ...deadlineRow(
            sv() ? "Sista dag för rekvisition" : "Last day to requisition",
            p.deadlines.requisition,
          ),
          ...deadlineRow(
            sv() ? "Rekvirera helst före" : "Preferably requisition before",
            p.deadlines.preferredRequisition,
          ),
          ...deadlineRow(sv() ? "Ekonomisk redovisning senast" : "Financial report due", p.deadlines.report),
          ...deadlineRow(sv() ? "Återbetalning senast" : "Repayment due", p.deadlines.repayment),
          ...surveyRow(p),
        )
      : h(
          "p",
          {},
          sv()
            ? "Kommunen har ingen tilldelning i detta bidrag."
            : "The municipality has no allocation in this grant.",
        ),
    own ? submissionsList(own) : null,
    own && own.allocation + own.modelExtra > 0 ? actions(p, own) : null,
  );
}

await boot("programmes", "municipality", async ({ main }) => {
  const { programmes } = await get<{ programmes: ProgrammeView[] }>("/programmes");
  const kommun = programmes.find((p) => p.own?.kommun)?.own?.kommun;
  if (kommun) {
    setMunicipality(kommun);
    const heading = main.querySelector("h1");
    if (heading)
      heading.textContent = sv() ? `${genitiveSv(kommun)} statsbidrag` : `${genitiveEn(kommun)} state grants`;
  }
  // Newest first: the open programme is the one that matters.
  const sorted = [...programmes].sort((a, b) => b.year - a.year);
  main.append(
    h(
      "p",
      { class: "lead" },
      sv()
        ? "Här ser ni kommunens tilldelning i varje statsbidrag, vilka datum som gäller och hur det går med det ni skickat in."
        : "Here you see the municipality's allocation in each grant, the dates that apply and how your submissions are doing.",
    ),
    ...sorted.map(card),
  );
});
