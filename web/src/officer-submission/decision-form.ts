import { post } from "../api.ts";
import { h } from "../dom.ts";
import { FormKit } from "../form-kit/form-kit.ts";
import { onValidSubmit } from "../form-kit/on-valid-submit.ts";
import { invalid } from "../form-kit/simple-checks.ts";
import type { Value } from "../form-kit/types.ts";
import { m, type Texts } from "../i18n.ts";
import type { Submission } from "../types.ts";

/** What an officer may ask for on a return; the form's "none" sends no request. */
const REQUESTABLE = ["bank-statement", "original"] as const;

const TEXT = {
  title: { sv: "Beslut", en: "Decision" },
  choose: { sv: "Välj godkänn eller skicka tillbaka.", en: "Choose approve or return." },
  reasonTooShort: {
    sv: "Ange ett skäl som kommunen kan rätta efter (minst 3 tecken).",
    en: "Give a reason the municipality can act on (at least 3 characters).",
  },
  reason: { sv: "Skäl", en: "Reason" },
  reasonHint: {
    sv: "Skriv vad som ska rättas, så att kommunen kan göra det.",
    en: "Say what is to be corrected, so the municipality can do it.",
  },
  request: { sv: "Begär en handling", en: "Ask for a document" },
  requestHint: {
    sv: "Det som begärs visas för kommunen som något som återstår och står i e-postmeddelandet.",
    en: "What is asked for is shown to the municipality as still required and is in the e-mail.",
  },
  noDocument: { sv: "Ingen handling", en: "No document" },
  bankStatement: { sv: "Begär kontoutdrag", en: "Request bank statement" },
  bankStatementHint: {
    sv: "Kommunen laddar upp ett kontoutdrag som visar kontot i uppgifterna för utbetalning.",
    en: "The municipality uploads a bank statement showing the account in the payment details.",
  },
  original: { sv: "Begär nytt underskrivet original", en: "Request a new signed original" },
  originalHint: {
    sv: "Kommer med den rättade versionens skannade blankett.",
    en: "Comes with the corrected version's scanned form.",
  },
  approve: { sv: "Godkänn", en: "Approve" },
  return: { sv: "Skicka tillbaka för rättelse", en: "Return for correction" },
  returnHint: {
    sv: "Kommunen får skälet med e-post och kan skicka in en rättad version.",
    en: "The municipality gets the reason by e-mail and can send a corrected version.",
  },
  save: { sv: "Spara beslut", en: "Save decision" },
} satisfies Texts;

/** Approve, or return with a reason (optionally asking for a bank statement or a new signed original). */
export function decisionForm(s: Submission, reload: () => void): HTMLElement {
  const requested = (v: Record<string, Value>) => REQUESTABLE.find((type) => type === v.requestedAttachment);
  // Reason and request belong to a return only; they show once "return" is chosen.
  const returnBlock = h("div", { id: "return-block" });
  const kit = new FormKit({
    toInput: (v: Record<string, Value>) => {
      const type = requested(v);
      return v.decision === "return"
        ? {
            decision: "return",
            reason: String(v.reason ?? ""),
            ...(type ? { requestedAttachment: type } : {}),
          }
        : { decision: v.decision || undefined };
    },
    onChange: (v) => {
      returnBlock.hidden = v.decision !== "return";
    },
    validate: (input) => {
      if (input.decision !== "approve" && input.decision !== "return")
        return [invalid("decision", TEXT.choose)];
      if (input.decision === "return" && String(input.reason ?? "").trim().length < 3)
        return [invalid("reason", TEXT.reasonTooShort)];
      return [];
    },
  });
  kit.init({ decision: "", reason: "", requestedAttachment: "none" });
  returnBlock.append(
    kit.field({ path: "reason", kind: "textarea", label: TEXT.reason, hint: TEXT.reasonHint }),
    kit.field({
      path: "requestedAttachment",
      kind: "radio",
      legend: TEXT.request,
      hint: TEXT.requestHint,
      options: [
        { value: "none", label: TEXT.noDocument },
        { value: "bank-statement", label: TEXT.bankStatement, hint: TEXT.bankStatementHint },
        { value: "original", label: TEXT.original, hint: TEXT.originalHint },
      ],
    }),
  );
  returnBlock.hidden = kit.values.decision !== "return";
  const result = h("div", { role: "status" });
  const form = h(
    "form",
    { novalidate: true, id: "decision-form" },
    kit.summary,
    kit.field({
      path: "decision",
      kind: "radio",
      legend: TEXT.title,
      options: [
        { value: "approve", label: TEXT.approve },
        { value: "return", label: TEXT.return, hint: TEXT.returnHint },
      ],
    }),
    returnBlock,
    h(
      "div",
      { class: "actions" },
      h("button", { type: "submit", class: "button", id: "decide" }, m(TEXT.save)),
    ),
    result,
  );
  onValidSubmit(form, kit, result, async () => {
    await post(`/submissions/${encodeURIComponent(s.id)}/decision`, kit.input());
    reload();
  });
  return h(
    "section",
    { "aria-labelledby": "decision-title", class: "panel" },
    h("h2", { id: "decision-title" }, m(TEXT.title)),
    form,
  );
}
