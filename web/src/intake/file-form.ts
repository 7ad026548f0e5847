import { ApiError, api, get } from "../api.ts";
import { announce, h } from "../dom.ts";
import { statusText } from "../format.ts";
import { m, type Texts } from "../i18n.ts";
import { errorPanel } from "../layout.ts";
import { pageFile } from "../pages.ts";
import { scanName } from "./scan-preview.ts";
import type { IntakeCandidate, IntakeItem } from "./types.ts";

const TEXT = {
  title: { sv: "Koppla till en inlämning", en: "File to a submission" },
  reference: { sv: "Inlämningens referens", en: "The submission's reference" },
  referenceHint: {
    sv: "Står på blanketten och i kvittot, till exempel SB-2022-1281-R1.",
    en: "On the form and the receipt, for example SB-2022-1281-R1.",
  },
  scan: { sv: "Skanning att koppla", en: "Scan to file" },
  which: {
    sv: "Referensen finns i flera bidrag. Vilken inlämning?",
    en: "The reference is in several programmes. Which submission?",
  },
  find: { sv: "Koppla…", en: "File…" },
  noReference: { sv: "Ange inlämningens referens.", en: "Enter the submission's reference." },
  notFound: (ref: string) => ({
    sv: `Ingen inlämning hos er myndighet har referensen ${ref}.`,
    en: `No submission of your agency has the reference ${ref}.`,
  }),
  candidate: (c: IntakeCandidate) => ({
    sv: `${c.reference}, ${c.municipality} (${c.kommunkod}), ${c.programmeTitle}: ${statusText(c.status)}`,
    en: `${c.reference}, ${c.municipality} (${c.kommunkod}), ${c.programmeTitle}: ${statusText(c.status)}`,
  }),
  confirm: (scan: string, c: IntakeCandidate) => ({
    sv: `Koppla ${scan} till ${c.reference}, ${c.municipality} kommun (${c.programmeTitle})? Skanningen granskas sedan som en uppladdning av originalet.`,
    en: `File ${scan} to ${c.reference}, ${c.municipality} (${c.programmeTitle})? The scan is then checked like an upload of the original.`,
  }),
  yes: (ref: string) => ({ sv: `Ja, koppla till ${ref}`, en: `Yes, file to ${ref}` }),
  cancel: { sv: "Avbryt", en: "Cancel" },
  filed: (ref: string, municipality: string) => ({
    sv: `Kopplat till ${ref} (${municipality}). Skanningen granskas nu som en uppladdning av originalet.`,
    en: `Filed to ${ref} (${municipality}). The scan is now checked like an upload of the original.`,
  }),
  open: (ref: string) => ({ sv: `Öppna ${ref}`, en: `Open ${ref}` }),
} satisfies Texts;

/**
 * Files a waiting message's scan to the submission the officer names by its reference: the
 * reference is looked up first (GET /intake/{id}/candidates, the officer's own agency only), the
 * officer confirms the submission and municipality by name, and only then is it filed. The
 * reference the QR code gave, if any, is filled in.
 */
export function fileForm(item: IntakeItem, onDone: (notice: HTMLElement) => void): HTMLElement {
  const base = `intake-${item.id}-file`;
  const refId = `${base}-reference`;
  const errorId = `${refId}-error`;
  const input = h("input", {
    id: refId,
    name: "reference",
    class: "input width-m",
    autocomplete: "off",
    spellcheck: "false",
    "aria-describedby": `${refId}-hint`,
    value: item.reference ?? "",
  });
  const error = h("p", { class: "field-error", id: errorId, hidden: true });
  const refField = h(
    "div",
    { class: "field" },
    h("label", { for: refId }, m(TEXT.reference)),
    h("p", { class: "hint", id: `${refId}-hint` }, m(TEXT.referenceHint)),
    error,
    input,
  );
  const scanSelect =
    item.scans.length > 1
      ? h(
          "select",
          { id: `${base}-scan`, name: "scan" },
          item.scans.map((s) => h("option", { value: String(s.index) }, scanName(s))),
        )
      : null;
  const choices = h("div", { id: `${base}-choices` });
  const question = h("p", { id: `${base}-question`, tabindex: "-1" });
  const yes = h("button", { type: "button", class: "button", id: `${base}-yes` });
  const no = h(
    "button",
    { type: "button", class: "button button-secondary", id: `${base}-no` },
    m(TEXT.cancel),
  );
  const confirm = h(
    "div",
    {
      class: "panel confirm",
      role: "group",
      "aria-labelledby": question.id,
      hidden: true,
      id: `${base}-confirm`,
    },
    question,
    h("div", { class: "actions" }, yes, no),
  );
  const result = h("div", { id: `${base}-result` });
  const findButton = h("button", { type: "submit", class: "button", id: `${base}-find` }, m(TEXT.find));
  const form = h(
    "form",
    { novalidate: true, id: base, "aria-labelledby": `${base}-title` },
    h("h3", { id: `${base}-title` }, m(TEXT.title)),
    refField,
    scanSelect
      ? h("div", { class: "field" }, h("label", { for: scanSelect.id }, m(TEXT.scan)), scanSelect)
      : null,
    choices,
    h("div", { class: "actions" }, findButton),
    confirm,
    result,
  );

  const showError = (text: string | undefined) => {
    error.hidden = !text;
    error.textContent = text ?? "";
    refField.classList.toggle("has-error", Boolean(text));
    if (text) {
      input.setAttribute("aria-invalid", "true");
      input.setAttribute("aria-describedby", `${errorId} ${refId}-hint`);
      input.focus();
    } else {
      input.removeAttribute("aria-invalid");
      input.setAttribute("aria-describedby", `${refId}-hint`);
    }
  };
  const scanIndex = () => (scanSelect ? Number((scanSelect as HTMLSelectElement).value) : 0);
  const chosenScan = () => item.scans.find((s) => s.index === scanIndex()) ?? item.scans[0];
  let chosen: IntakeCandidate | undefined;
  let candidates: IntakeCandidate[] = [];

  const ask = (c: IntakeCandidate) => {
    chosen = c;
    const scan = chosenScan();
    question.textContent = m(TEXT.confirm(scan ? scanName(scan) : "", c));
    yes.textContent = m(TEXT.yes(c.reference));
    confirm.hidden = false;
    question.focus();
  };
  const closeConfirm = () => {
    confirm.hidden = true;
    findButton.focus();
  };
  no.addEventListener("click", closeConfirm);
  confirm.addEventListener("keydown", (event) => {
    if (event.key === "Escape") closeConfirm();
  });

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    result.replaceChildren();
    confirm.hidden = true;
    const reference = (input as HTMLInputElement).value.trim().toUpperCase();
    if (!reference) {
      showError(m(TEXT.noReference));
      return;
    }
    // A choice among several already listed for this reference: confirm that one.
    const picked = choices.querySelector<HTMLInputElement>("input[type=radio]:checked");
    const listed = candidates.find((c) => c.id === picked?.value && c.reference === reference);
    if (listed) {
      showError(undefined);
      ask(listed);
      return;
    }
    choices.replaceChildren();
    try {
      ({ candidates } = await get<{ candidates: IntakeCandidate[] }>(
        `/intake/${encodeURIComponent(item.id)}/candidates?reference=${encodeURIComponent(reference)}`,
      ));
    } catch (err) {
      const fieldError = err instanceof ApiError ? err.errors.find((e) => e.path === "reference") : undefined;
      if (fieldError) showError(m(fieldError.message));
      else result.replaceChildren(errorPanel(err));
      return;
    }
    const [only] = candidates;
    if (!only) {
      showError(m(TEXT.notFound(reference)));
      return;
    }
    showError(undefined);
    if (candidates.length === 1) {
      ask(only);
      return;
    }
    choices.replaceChildren(
      h(
        "fieldset",
        { class: "field" },
        h("legend", {}, m(TEXT.which)),
        h(
          "div",
          { class: "choices" },
          candidates.map((c, i) =>
            h(
              "div",
              { class: "choice" },
              h("input", { type: "radio", name: `${base}-candidate`, id: `${base}-c${i}`, value: c.id }),
              h("label", { for: `${base}-c${i}` }, m(TEXT.candidate(c))),
            ),
          ),
        ),
      ),
    );
    choices.querySelector<HTMLInputElement>("input")?.focus();
  });

  let busy = false;
  yes.addEventListener("click", async () => {
    if (busy || !chosen) return;
    busy = true;
    yes.setAttribute("aria-disabled", "true");
    const target = chosen;
    try {
      await api("POST", `/intake/${encodeURIComponent(item.id)}/file`, {
        body: { submissionId: target.id, scan: scanIndex() },
      });
      const text = m(TEXT.filed(target.reference, target.municipality));
      announce(text);
      onDone(
        h(
          "div",
          { class: "notice notice-success", tabindex: "-1", id: `intake-${item.id}-done` },
          h("p", {}, text),
          h(
            "p",
            {},
            h(
              "a",
              { href: `${pageFile("officer-submission")}?id=${encodeURIComponent(target.id)}` },
              m(TEXT.open(target.reference)),
            ),
          ),
        ),
      );
    } catch (err) {
      confirm.hidden = true;
      result.replaceChildren(errorPanel(err));
      findButton.focus();
    } finally {
      busy = false;
      yes.removeAttribute("aria-disabled");
    }
  });
  return form;
}
