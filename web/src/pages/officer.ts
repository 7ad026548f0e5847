import "../zod-setup.ts";
import { isIsoDate } from "../../../shared/dates.ts";
import type { OpenResult } from "../../../shared/deadlines/announce.ts";
import type { FieldError } from "../../../shared/errors.ts";
import { findProgramme } from "../../../shared/programmes/catalogue.ts";
import { ApiError, api, apiFetch, get, post } from "../api.ts";
import { today } from "../config.ts";
import { append, download, h, param } from "../dom.ts";
import { parseAmount } from "../form-kit/amount.ts";
import { FormKit } from "../form-kit/form-kit.ts";
import { onValidSubmit } from "../form-kit/on-valid-submit.ts";
import type { Value } from "../form-kit/types.ts";
import { dateTime, kindText, kronor, STATUS, statusBadge } from "../format.ts";
import { lang, m } from "../i18n.ts";
import { boot, errorPanel, setTitle } from "../layout.ts";
import { pageFile } from "../pages.ts";
import type { ProgrammeSummary, ProgrammeView, Submission } from "../types.ts";

/**
 * The officer's overview of one programme: whether it is open (and opening it, which announces it
 * to every municipality), sums that add up to the programme's total, the submissions
 * (filterable), the CSV export, and registration of repayments.
 */
const sv = () => lang() === "sv";

interface Tally {
  amount: number;
  municipalities: number;
}
interface Overview {
  programmeId: string;
  title: string;
  asOf: string;
  total: number;
  allocated: Tally & { base: number; modelExtra: number };
  requisitioned: Tally & { base: number; modelExtra: number };
  lapsed: Tally & { whole: number };
  notYetRequisitioned: Tally;
  paid: Tally;
  reported: Tally;
  unspent: Tally;
  repaymentDue: Tally & { overdue: number };
  repaid: Tally;
  reportOverdue: Tally;
  reclaimListed: Tally;
  balanced: boolean;
}

const fieldError = (path: string, sv: string, en: string): FieldError => ({
  path,
  code: "INVALID",
  message: { sv, en },
});

function overviewTable(o: Overview): HTMLElement {
  const row = (label: string, t: Tally, extra?: string) =>
    h(
      "tr",
      {},
      h("th", { scope: "row" }, label, extra ? h("span", { class: "small" }, ` ${extra}`) : null),
      h("td", { class: "num" }, kronor(t.amount)),
      h("td", { class: "num" }, String(t.municipalities)),
    );
  const sum = o.requisitioned.amount + o.lapsed.amount + o.notYetRequisitioned.amount;
  const head = h(
    "thead",
    {},
    h(
      "tr",
      {},
      h("th", { scope: "col" }, sv() ? "Del" : "Part"),
      h("th", { scope: "col", class: "num" }, sv() ? "Belopp" : "Amount"),
      h("th", { scope: "col", class: "num" }, sv() ? "Kommuner" : "Municipalities"),
    ),
  );
  return h(
    "section",
    { "aria-labelledby": "overview-title" },
    h("h2", { id: "overview-title" }, sv() ? "Summering" : "Summary"),
    h(
      "p",
      { class: "small" },
      `${sv() ? "Per" : "As of"} ${/^\d{4}-\d{2}-\d{2}$/.test(o.asOf) ? o.asOf : dateTime(o.asOf)}`,
    ),
    h(
      "table",
      { class: "table", id: "overview-split" },
      h("caption", {}, sv() ? "Tilldelningen fördelad" : "The allocation, split"),
      head,
      h(
        "tbody",
        {},
        row(sv() ? "Rekvirerat" : "Requisitioned", o.requisitioned),
        row(sv() ? "Förfallet vid sista dag" : "Lapsed at the deadline", o.lapsed),
        row(sv() ? "Ännu inte rekvirerat" : "Not yet requisitioned", o.notYetRequisitioned),
      ),
      h(
        "tfoot",
        {},
        h(
          "tr",
          {},
          h("th", { scope: "row" }, sv() ? "Summa = tilldelat" : "Total = allocated"),
          h("td", { class: "num", id: "overview-sum" }, kronor(sum)),
          h("td", { class: "num" }, String(o.allocated.municipalities)),
        ),
      ),
    ),
    h(
      "p",
      {
        id: "overview-balance",
        class: o.balanced && sum === o.total ? "notice notice-success" : "notice notice-error",
      },
      o.balanced && sum === o.total
        ? sv()
          ? `Summan stämmer med bidragets totala belopp ${kronor(o.total)} (varav extra medel för modellkommuner ${kronor(o.allocated.modelExtra)}).`
          : `The sum matches the programme's total of ${kronor(o.total)} (of which model municipality extra ${kronor(o.allocated.modelExtra)}).`
        : sv()
          ? `Summan stämmer inte med bidragets totala belopp ${kronor(o.total)}.`
          : `The sum does not match the programme's total of ${kronor(o.total)}.`,
    ),
    h(
      "table",
      { class: "table" },
      h(
        "caption",
        {},
        sv() ? "Utbetalning, redovisning och återbetalning" : "Payment, reporting and repayment",
      ),
      head.cloneNode(true),
      h(
        "tbody",
        {},
        row(sv() ? "Utbetalt" : "Paid", o.paid),
        row(sv() ? "Redovisat (erhållet bidrag)" : "Reported (grant received)", o.reported),
        row(sv() ? "Ej förbrukat enligt redovisningarna" : "Unspent according to the reports", o.unspent),
        row(
          sv() ? "Återstår att återbetala" : "Still to be repaid",
          o.repaymentDue,
          o.repaymentDue.overdue
            ? sv()
              ? `(${o.repaymentDue.overdue} försenade)`
              : `(${o.repaymentDue.overdue} overdue)`
            : undefined,
        ),
        row(sv() ? "Återbetalt" : "Repaid", o.repaid),
        row(sv() ? "Redovisning försenad" : "Report overdue", o.reportOverdue),
        row(sv() ? "Listade för återkrav" : "Listed for reclaim", o.reclaimListed),
      ),
    ),
  );
}

type Opening = NonNullable<ProgrammeView["opening"]>;

function openedNotice(opening: Opening): HTMLElement {
  return h(
    "p",
    { class: "notice notice-success", id: "opening-state" },
    sv()
      ? `Bidraget är öppnat (${dateTime(opening.openedAt)}, ${opening.openedBy}). Kommunerna har fått utskicket med sin tilldelning, och påminnelser går ut före sista dag.`
      : `The grant is open (${dateTime(opening.openedAt)}, ${opening.openedBy}). The municipalities have been sent the announcement with their allocation, and reminders go out before the deadline.`,
  );
}

function openedResult(r: OpenResult): HTMLElement {
  const lines = sv()
    ? [
        r.opened ? "Bidraget är öppnat." : "Bidraget var redan öppnat; bara det som saknades skickades.",
        `${r.announced} kommuner fick utskicket nu${r.alreadyAnnounced ? `, ${r.alreadyAnnounced} hade fått det tidigare` : ""}.`,
        r.unreachable.length
          ? `${r.unreachable.length} kommuner saknar adress i kontaktregistret och fick inget: ${r.unreachable.join(", ")}.`
          : "",
      ]
    : [
        r.opened ? "The grant is open." : "The grant was open already; only what was missing was sent.",
        `${r.announced} municipalities were sent the announcement now${r.alreadyAnnounced ? `, ${r.alreadyAnnounced} had it before` : ""}.`,
        r.unreachable.length
          ? `${r.unreachable.length} municipalities have no address in the contact register and got nothing: ${r.unreachable.join(", ")}.`
          : "",
      ];
  return h(
    "div",
    { class: "notice notice-success", id: "opening-outcome", tabindex: "-1" },
    lines.filter(Boolean).map((line) => h("p", {}, line)),
    r.unreachable.length
      ? h(
          "p",
          {},
          h("a", { href: pageFile("contacts") }, sv() ? "Till kontaktregistret" : "To the contact register"),
        )
      : null,
  );
}

/** POST /programmes/{id}/open: opens once; called again, it only sends the announcements still missing. */
const openProgramme = (programme: ProgrammeSummary) =>
  post<OpenResult>(`/programmes/${encodeURIComponent(programme.id)}/open`);

function showOutcome(result: HTMLElement, answer: OpenResult): void {
  const outcome = openedResult(answer);
  result.replaceChildren(outcome);
  outcome.focus();
}

/**
 * Once open: a municipality that had no address when the programme was opened gets its
 * announcement when the officer sends what is missing, after adding the address. Nothing is sent
 * twice, so this needs no confirmation.
 */
function sendMissing(programme: ProgrammeSummary): HTMLElement[] {
  const result = h("div", { id: "send-missing-result", role: "status" });
  const button = h(
    "button",
    { type: "button", class: "button button-secondary", id: "send-missing" },
    sv() ? "Skicka utskicket som saknas" : "Send the missing announcements",
  );
  button.addEventListener("click", async () => {
    if (button.getAttribute("aria-disabled") === "true") return;
    button.setAttribute("aria-disabled", "true");
    result.textContent = sv() ? "Skickar…" : "Sending…";
    try {
      showOutcome(result, await openProgramme(programme));
    } catch (error) {
      result.replaceChildren(errorPanel(error));
    } finally {
      button.removeAttribute("aria-disabled");
    }
  });
  return [
    h(
      "p",
      { class: "hint" },
      sv()
        ? "Kommuner som saknade adress i kontaktregistret när bidraget öppnades har inte fått utskicket. Lägg in adressen och skicka det som saknas; ingen kommun får det två gånger."
        : "Municipalities without an address in the contact register when the grant was opened were not sent the announcement. Add the address and send what is missing; no municipality gets it twice.",
    ),
    h("div", { class: "actions" }, button),
    result,
  ];
}

/**
 * Opening announces the programme to every municipality, which cannot be taken back: the button
 * asks once more before it calls the API, and is not there when the programme is open already or
 * can no longer be opened (its requisition deadline has passed).
 */
function openingSection(programme: ProgrammeSummary, opening: Opening | null): HTMLElement {
  const title = h("h2", { id: "opening-title" }, sv() ? "Öppning och utskick" : "Opening and announcement");
  const section = h("section", { "aria-labelledby": "opening-title", id: "opening" }, title);
  if (opening) {
    section.append(openedNotice(opening));
    if (programme.daysLeftToRequisition >= 0) section.append(...sendMissing(programme));
    return section;
  }
  if (programme.daysLeftToRequisition < 0) {
    section.append(
      h(
        "p",
        { class: "notice notice-warning", id: "opening-state" },
        sv()
          ? "Bidraget öppnades aldrig, och sista dag för rekvisition har passerat: det kan inte längre öppnas."
          : "The grant was never opened, and the last day to requisition has passed: it can no longer be opened.",
      ),
    );
    return section;
  }
  const count = findProgramme(programme.id)?.allocations.length;
  const municipalities = count ? `${count} ` : "";
  const state = h(
    "p",
    { id: "opening-state" },
    sv()
      ? "Bidraget är inte öppnat. När det öppnas får varje kommun ett e-postutskick med sin tilldelning, sista dag och hur man rekvirerar; sedan påminner systemet före sista dag."
      : "The grant is not open. Opening it sends every municipality an e-mail with its allocation, the deadline and how to requisition; the system then sends reminders before the deadline.",
  );
  const result = h("div", { id: "opening-result", role: "status" });
  const openButton = h(
    "button",
    {
      type: "button",
      class: "button",
      id: "open-programme",
      "aria-expanded": "false",
      "aria-controls": "open-confirm",
    },
    sv() ? "Öppna bidraget" : "Open the grant",
  );
  const question = h(
    "p",
    { id: "open-confirm-text", tabindex: "-1" },
    sv()
      ? `Öppna ${programme.title}? ${municipalities}kommuner får utskicket nu, och det går inte att ta tillbaka.`
      : `Open ${programme.title}? ${municipalities}municipalities are sent the announcement now, and it cannot be taken back.`,
  );
  const confirmButton = h(
    "button",
    { type: "button", class: "button", id: "open-confirm-yes" },
    sv() ? "Ja, öppna och skicka utskicket" : "Yes, open and send the announcement",
  );
  const cancelButton = h(
    "button",
    { type: "button", class: "button button-secondary", id: "open-confirm-no" },
    sv() ? "Avbryt" : "Cancel",
  );
  const confirm = h(
    "div",
    {
      class: "panel",
      id: "open-confirm",
      role: "group",
      "aria-labelledby": "open-confirm-text",
      hidden: true,
    },
    question,
    h("div", { class: "actions" }, confirmButton, cancelButton),
  );
  const ask = (open: boolean) => {
    confirm.hidden = !open;
    openButton.setAttribute("aria-expanded", String(open));
    (open ? question : openButton).focus();
  };
  openButton.addEventListener("click", () => ask(true));
  cancelButton.addEventListener("click", () => ask(false));
  let busy = false;
  confirmButton.addEventListener("click", async () => {
    if (busy) return;
    busy = true;
    confirmButton.setAttribute("aria-disabled", "true");
    result.textContent = sv() ? "Öppnar och skickar utskicket…" : "Opening and sending the announcement…";
    try {
      const answer = await openProgramme(programme);
      // Open now: the button and the question go; what happened stays, and takes focus.
      section.replaceChildren(title, result);
      showOutcome(result, answer);
    } catch (error) {
      result.replaceChildren(errorPanel(error));
      ask(false);
    } finally {
      busy = false;
      confirmButton.removeAttribute("aria-disabled");
    }
  });
  section.append(state, h("div", { class: "actions" }, openButton), confirm, result);
  return section;
}

function submissionsSection(programmeId: string): HTMLElement {
  const status = h(
    "select",
    { id: "filter-status", name: "status" },
    h("option", { value: "" }, sv() ? "Alla" : "All"),
    Object.entries(STATUS).map(([value, label]) =>
      h("option", { value, selected: param("status") === value }, m(label)),
    ),
  );
  const kind = h(
    "select",
    { id: "filter-kind", name: "kind" },
    h("option", { value: "" }, sv() ? "Alla" : "All"),
    h("option", { value: "requisition", selected: param("kind") === "requisition" }, kindText("requisition")),
    h("option", { value: "report", selected: param("kind") === "report" }, kindText("report")),
  );
  const kommun = h("input", {
    id: "filter-kommun",
    name: "kommun",
    class: "input width-xs",
    inputmode: "numeric",
    value: param("kommun") ?? "",
    "aria-describedby": "filter-kommun-hint",
  });
  const body = h("tbody", {});
  const more = h(
    "button",
    { type: "button", class: "button button-secondary", hidden: true },
    sv() ? "Visa fler" : "Show more",
  );
  const count = h("p", { role: "status", id: "filter-count" });
  let cursor: string | undefined;
  let shown = 0;

  const load = async (reset: boolean) => {
    if (reset) {
      body.replaceChildren();
      cursor = undefined;
      shown = 0;
    }
    const query = new URLSearchParams({ limit: "50" });
    if (status.value) query.set("status", status.value);
    if (kind.value) query.set("kind", kind.value);
    if (/^\d{4}$/.test(kommun.value.trim())) query.set("kommun", kommun.value.trim());
    if (cursor) query.set("cursor", cursor);
    try {
      const page = await get<{ submissions: Submission[]; nextCursor?: string }>(
        `/programmes/${encodeURIComponent(programmeId)}/submissions?${query}`,
      );
      for (const s of page.submissions) {
        body.append(
          h(
            "tr",
            {},
            h(
              "td",
              { class: "nowrap" },
              h(
                "a",
                { href: `${pageFile("officer-submission")}?id=${encodeURIComponent(s.id)}` },
                s.reference,
              ),
            ),
            h("td", {}, `${s.kommun} (${s.kommunkod})`),
            h("td", {}, kindText(s.kind), s.grantKind ? ` – ${kindText(s.grantKind)}` : ""),
            h("td", { class: "num" }, kronor(s.amount)),
            h("td", {}, s.receivedAtLocal),
            h(
              "td",
              {},
              statusBadge(s.status),
              s.late ? h("span", { class: "small" }, sv() ? " (försenad)" : " (late)") : null,
            ),
          ),
        );
      }
      shown += page.submissions.length;
      cursor = page.nextCursor;
      more.hidden = !cursor;
      count.textContent = sv() ? `${shown} inlämningar visas.` : `${shown} submissions shown.`;
    } catch (error) {
      count.replaceChildren(errorPanel(error));
    }
  };
  more.addEventListener("click", () => void load(false));
  const form = h(
    "form",
    { class: "filters", id: "filters" },
    h("div", { class: "field" }, h("label", { for: "filter-status" }, "Status"), status),
    h("div", { class: "field" }, h("label", { for: "filter-kind" }, sv() ? "Typ" : "Type"), kind),
    h(
      "div",
      { class: "field" },
      h("label", { for: "filter-kommun" }, sv() ? "Kommunkod" : "Municipality code"),
      h(
        "p",
        { class: "hint", id: "filter-kommun-hint" },
        sv() ? "Fyra siffror, t.ex. 1281." : "Four digits, e.g. 1281.",
      ),
      kommun,
    ),
    h("button", { type: "submit", class: "button button-secondary" }, sv() ? "Filtrera" : "Filter"),
  );
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    void load(true);
  });
  void load(true);
  return h(
    "section",
    { "aria-labelledby": "list-title" },
    h("h2", { id: "list-title" }, sv() ? "Inlämningar" : "Submissions"),
    form,
    count,
    h(
      "div",
      { class: "table-scroll" },
      h(
        "table",
        { class: "table", id: "submissions" },
        h("caption", { class: "visually-hidden" }, sv() ? "Inlämningar" : "Submissions"),
        h(
          "thead",
          {},
          h(
            "tr",
            {},
            h("th", { scope: "col" }, sv() ? "Referens" : "Reference"),
            h("th", { scope: "col" }, sv() ? "Kommun" : "Municipality"),
            h("th", { scope: "col" }, sv() ? "Typ" : "Type"),
            h("th", { scope: "col", class: "num" }, sv() ? "Belopp" : "Amount"),
            h("th", { scope: "col" }, sv() ? "Inkom" : "Received"),
            h("th", { scope: "col" }, "Status"),
          ),
        ),
        body,
      ),
    ),
    more,
  );
}

function exportSection(programmeId: string): HTMLElement {
  const status = h("span", { class: "form-status", role: "status" });
  return h(
    "section",
    { "aria-labelledby": "export-title" },
    h("h2", { id: "export-title" }, sv() ? "Export" : "Export"),
    h(
      "p",
      {},
      sv()
        ? "En rad per kommun med tilldelning, rekvisition, utbetalning, redovisning och återbetalning. Semikolonavgränsad för Excel."
        : "One row per municipality with allocation, requisition, payment, report and repayment. Semicolon-separated for Excel.",
    ),
    h(
      "div",
      { class: "actions" },
      h(
        "button",
        {
          type: "button",
          class: "button button-secondary",
          id: "export-csv",
          onclick: async () => {
            status.textContent = sv() ? "Hämtar…" : "Fetching…";
            try {
              // The export needs the bearer token, so it is fetched and saved rather than linked.
              const res = await apiFetch("GET", `/programmes/${encodeURIComponent(programmeId)}/export.csv`);
              download(
                new Uint8Array(await res.arrayBuffer()),
                `${programmeId}.csv`,
                "text/csv;charset=utf-8",
              );
              status.textContent = sv() ? "CSV-filen är nedladdad." : "The CSV file has been downloaded.";
            } catch (error) {
              status.textContent = error instanceof ApiError ? m(error.userMessage) : String(error);
            }
          },
        },
        sv() ? "Ladda ner CSV" : "Download CSV",
      ),
      status,
    ),
  );
}

function repaymentSection(programmeId: string, onDone: () => void): HTMLElement {
  const programme = findProgramme(programmeId);
  const kit = new FormKit({
    toInput: (v: Record<string, Value>) => ({
      kommunkod: String(v.kommunkod ?? ""),
      amount: parseAmount(String(v.amount ?? "")),
      date: String(v.date ?? ""),
    }),
    validate: (input) => {
      const errors: FieldError[] = [];
      if (!/^\d{4}$/.test(String(input.kommunkod)))
        errors.push(fieldError("kommunkod", "Välj kommun.", "Choose a municipality."));
      if (typeof input.amount !== "number" || input.amount <= 0)
        errors.push(
          fieldError(
            "amount",
            "Ange beloppet i hela kronor, större än 0.",
            "Enter the amount in whole kronor, more than 0.",
          ),
        );
      if (!isIsoDate(String(input.date)))
        errors.push(fieldError("date", "Ange ett datum ÅÅÅÅ-MM-DD.", "Enter a date YYYY-MM-DD."));
      else if (String(input.date) > today())
        errors.push(
          fieldError(
            "date",
            "Datumet får inte vara senare än i dag.",
            "The date must not be later than today.",
          ),
        );
      return errors;
    },
  });
  kit.init({ kommunkod: "", amount: "", date: today() });
  const result = h("div", { role: "status", id: "repayment-result" });
  const form = h(
    "form",
    { novalidate: true, id: "repayment-form" },
    kit.summary,
    kit.field({
      path: "kommunkod",
      kind: "select",
      label: { sv: "Kommun", en: "Municipality" },
      options: [
        { value: "", label: sv() ? "Välj kommun" : "Choose a municipality" },
        ...(programme?.allocations ?? [])
          .slice()
          .sort((a, b) => a.kommun.localeCompare(b.kommun, "sv"))
          .map((a) => ({ value: a.kommunkod, label: `${a.kommun} (${a.kommunkod})` })),
      ],
    }),
    kit.field({
      path: "amount",
      kind: "amount",
      label: { sv: "Återbetalt belopp (kr)", en: "Amount repaid (SEK)" },
    }),
    kit.field({
      path: "date",
      kind: "date",
      label: { sv: "Datum då pengarna kom in", en: "Date the money arrived" },
      hint: { sv: "ÅÅÅÅ-MM-DD", en: "YYYY-MM-DD" },
    }),
    h(
      "div",
      { class: "actions" },
      h(
        "button",
        { type: "submit", class: "button" },
        sv() ? "Registrera återbetalning" : "Record repayment",
      ),
    ),
    result,
  );
  let key = crypto.randomUUID();
  onValidSubmit(form, kit, result, async () => {
    const answer = await api<{ repaid: number; outstanding: number; replayed: boolean }>(
      "POST",
      `/programmes/${encodeURIComponent(programmeId)}/repayments`,
      { body: kit.input(), idempotencyKey: key },
    );
    key = crypto.randomUUID();
    result.replaceChildren(
      h(
        "div",
        { class: "notice notice-success" },
        h(
          "p",
          {},
          sv()
            ? `Registrerat. Återbetalt totalt ${kronor(answer.repaid)}; kvar att återbetala ${kronor(answer.outstanding)}.`
            : `Recorded. Repaid in total ${kronor(answer.repaid)}; still to repay ${kronor(answer.outstanding)}.`,
        ),
      ),
    );
    onDone();
  });
  return h(
    "section",
    { "aria-labelledby": "repayment-title" },
    h("h2", { id: "repayment-title" }, sv() ? "Registrera återbetalning" : "Record a repayment"),
    form,
  );
}

await boot("officer", "officer", async ({ main }) => {
  const { programmes } = await get<{ programmes: ProgrammeSummary[] }>("/programmes");
  const sorted = [...programmes].sort((a, b) => b.year - a.year);
  const chosen = sorted.find((p) => p.id === param("programme")) ?? sorted[0];
  if (!chosen) return;
  setTitle("officer", chosen.title);
  const picker = h(
    "form",
    { class: "filters", method: "get", action: pageFile("officer") },
    h(
      "div",
      { class: "field" },
      h("label", { for: "programme" }, sv() ? "Bidrag" : "Grant"),
      h(
        "select",
        { id: "programme", name: "programme" },
        sorted.map((p) => h("option", { value: p.id, selected: p.id === chosen.id }, p.title)),
      ),
    ),
    h("button", { type: "submit", class: "button button-secondary" }, sv() ? "Visa" : "Show"),
  );
  // Whether it is open is the programme's own answer to an officer.
  const opening = await get<ProgrammeView>(`/programmes/${encodeURIComponent(chosen.id)}`).then(
    (view) => openingSection(chosen, view.opening ?? null),
    (error: unknown) => errorPanel(error),
  );
  const overviewArea = h("div", { id: "overview" });
  const loadOverview = async () => {
    try {
      const o = await get<Overview>(`/programmes/${encodeURIComponent(chosen.id)}/overview`);
      overviewArea.replaceChildren(overviewTable(o));
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
      h("dt", {}, sv() ? "Totalt" : "Total"),
      h("dd", {}, kronor(chosen.totalBase + chosen.modelExtraTotal)),
      h("dt", {}, sv() ? "Sista dag för rekvisition" : "Last day to requisition"),
      h("dd", {}, chosen.deadlines.requisition),
      chosen.deadlines.report ? h("dt", {}, sv() ? "Redovisning senast" : "Report due") : null,
      chosen.deadlines.report ? h("dd", {}, chosen.deadlines.report) : null,
    ),
    opening,
    overviewArea,
    submissionsSection(chosen.id),
    exportSection(chosen.id),
    repaymentSection(chosen.id, () => void loadOverview()),
  ]);
  await loadOverview();
});
