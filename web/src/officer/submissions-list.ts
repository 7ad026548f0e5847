import { allRecipients, recipientLabel, resolveRecipient } from "../../../shared/recipients/registry.ts";
import { get } from "../api.ts";
import { h, param } from "../dom.ts";
import { kindText, kronor, STATUS, statusBadge } from "../format.ts";
import { m, type Texts } from "../i18n.ts";
import { errorPanel } from "../layout.ts";
import { pageFile } from "../pages.ts";
import type { Submission } from "../types.ts";

/**
 * The programme's submissions, newest first, 50 at a time: filterable by status, kind and
 * municipality code (the filters start from the address, so a filtered list can be linked to).
 */
const TEXT = {
  all: { sv: "Alla", en: "All" },
  more: { sv: "Visa fler", en: "Show more" },
  late: { sv: " (försenad)", en: " (late)" },
  unmatched: { sv: " (QR-koden ej läst: kontrollera skanningen)", en: " (QR code not read: check the scan)" },
  shown: (count: number) => ({
    sv: `${count} ${count === 1 ? "inlämning visas" : "inlämningar visas"}.`,
    en: `${count} ${count === 1 ? "submission" : "submissions"} shown.`,
  }),
  type: { sv: "Typ", en: "Type" },
  kommunkod: { sv: "Bidragsmottagare", en: "Recipient" },
  kommunkodHint: {
    sv: "Namn eller kommunkod, t.ex. Lund eller 1281.",
    en: "Name or code, e.g. Lund or 1281.",
  },
  unknownKommun: (text: string) => ({
    sv: `Ingen kommun heter eller har koden "${text}". Välj bland förslagen.`,
    en: `No municipality is called or has the code "${text}". Choose from the suggestions.`,
  }),
  filter: { sv: "Filtrera", en: "Filter" },
  title: { sv: "Inlämningar", en: "Submissions" },
  reference: { sv: "Referens", en: "Reference" },
  municipality: { sv: "Bidragsmottagare", en: "Recipient" },
  amount: { sv: "Belopp", en: "Amount" },
  received: { sv: "Inkom", en: "Received" },
} satisfies Texts;

function submissionRow(s: Submission): HTMLElement {
  return h(
    "tr",
    {},
    h(
      "td",
      { class: "nowrap" },
      h("a", { href: `${pageFile("officer-submission")}?id=${encodeURIComponent(s.id)}` }, s.reference),
    ),
    h("td", {}, `${s.kommun} (${s.kommunkod})`),
    h("td", {}, kindText(s.kind), s.grantKind ? ` – ${kindText(s.grantKind)}` : ""),
    h("td", { class: "num" }, kronor(s.amount)),
    h("td", {}, s.receivedAtLocal),
    h(
      "td",
      {},
      statusBadge(s.status),
      s.late ? h("span", { class: "small" }, m(TEXT.late)) : null,
      // An original accepted without a matching QR code: the officer compares the scan by eye.
      s.original?.formCode && s.original.formCode.result !== "matched"
        ? h("span", { class: "small scan-unmatched" }, m(TEXT.unmatched))
        : null,
    ),
  );
}

export function submissionsList(programmeId: string): HTMLElement {
  const status = h(
    "select",
    { id: "filter-status", name: "status" },
    h("option", { value: "" }, m(TEXT.all)),
    Object.entries(STATUS).map(([value, label]) =>
      h("option", { value, selected: param("status") === value }, m(label)),
    ),
  );
  const kind = h(
    "select",
    { id: "filter-kind", name: "kind" },
    h("option", { value: "" }, m(TEXT.all)),
    h("option", { value: "requisition", selected: param("kind") === "requisition" }, kindText("requisition")),
    h("option", { value: "report", selected: param("kind") === "report" }, kindText("report")),
  );
  const kommun = h("input", {
    id: "filter-kommun",
    name: "kommun",
    class: "input width-s",
    list: "filter-kommun-list",
    autocomplete: "off",
    value: param("kommun") ?? "",
    "aria-describedby": "filter-kommun-hint filter-kommun-error",
  });
  const suggestions = h(
    "datalist",
    { id: "filter-kommun-list" },
    allRecipients().map((r) => h("option", { value: recipientLabel(r.code) })),
  );
  const kommunError = h("p", { class: "field-error", id: "filter-kommun-error", hidden: true });
  /** "Lund", "lund", "1281" or a suggestion "Lund (1281)": the code; "" for no filter; undefined if unknown. */
  const kommunkod = (): string | undefined => {
    const text = kommun.value.trim();
    if (text === "") return "";
    const suggested = /\((\d{4})\)$/.exec(text)?.[1];
    return resolveRecipient(suggested ?? text)?.code;
  };
  const body = h("tbody", {});
  const more = h("button", { type: "button", class: "button button-secondary", hidden: true }, m(TEXT.more));
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
    const code = kommunkod();
    if (code) query.set("kommun", code);
    if (cursor) query.set("cursor", cursor);
    try {
      const page = await get<{ submissions: Submission[]; nextCursor?: string }>(
        `/programmes/${encodeURIComponent(programmeId)}/submissions?${query}`,
      );
      body.append(...page.submissions.map(submissionRow));
      shown += page.submissions.length;
      cursor = page.nextCursor;
      more.hidden = !cursor;
      count.textContent = m(TEXT.shown(shown));
    } catch (error) {
      count.replaceChildren(errorPanel(error));
    }
  };
  more.addEventListener("click", () => void load(false));
  const form = h(
    "form",
    { class: "filters", id: "filters" },
    h("div", { class: "field" }, h("label", { for: "filter-status" }, "Status"), status),
    h("div", { class: "field" }, h("label", { for: "filter-kind" }, m(TEXT.type)), kind),
    h(
      "div",
      { class: "field" },
      h("label", { for: "filter-kommun" }, m(TEXT.kommunkod)),
      h("p", { class: "hint", id: "filter-kommun-hint" }, m(TEXT.kommunkodHint)),
      kommunError,
      kommun,
      suggestions,
    ),
    h("button", { type: "submit", class: "button button-secondary" }, m(TEXT.filter)),
  );
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    // An unknown name is said, never silently dropped (which would list every municipality).
    const known = kommunkod() !== undefined;
    kommunError.textContent = known ? "" : m(TEXT.unknownKommun(kommun.value.trim()));
    kommunError.hidden = known;
    kommun.setAttribute("aria-invalid", String(!known));
    if (known) void load(true);
    else kommun.focus();
  });
  void load(true);
  return h(
    "section",
    { "aria-labelledby": "list-title" },
    h("h2", { id: "list-title" }, m(TEXT.title)),
    form,
    count,
    h(
      "div",
      { class: "table-scroll" },
      h(
        "table",
        { class: "table", id: "submissions" },
        h("caption", { class: "visually-hidden" }, m(TEXT.title)),
        h(
          "thead",
          {},
          h(
            "tr",
            {},
            h("th", { scope: "col" }, m(TEXT.reference)),
            h("th", { scope: "col" }, m(TEXT.municipality)),
            h("th", { scope: "col" }, m(TEXT.type)),
            h("th", { scope: "col", class: "num" }, m(TEXT.amount)),
            h("th", { scope: "col" }, m(TEXT.received)),
            h("th", { scope: "col" }, "Status"),
          ),
        ),
        body,
      ),
    ),
    more,
  );
}
