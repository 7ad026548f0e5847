import { may } from "../../../shared/submissions/lifecycle.ts";
import { ApiError, post } from "../api.ts";
import { h } from "../dom.ts";
import { FormKit } from "../form-kit/form-kit.ts";
import { invalid } from "../form-kit/simple-checks.ts";
import type { Value } from "../form-kit/types.ts";
import { type Msg, m, type Texts } from "../i18n.ts";
import { errorPanel } from "../layout.ts";
import type { Submission } from "../types.ts";
import { confirmStep } from "./confirm-step.ts";

/** What an officer may ask for on a return; the form's "none" sends no request. */
const REQUESTABLE = ["bank-statement", "original"] as const;

type Decision = "approve" | "return" | "refuse";

const TEXT = {
  title: { sv: "Beslut", en: "Decision" },
  choose: { sv: "Välj ett beslut.", en: "Choose a decision." },
  reasonTooShort: {
    sv: "Ange ett skäl som kommunen kan förstå (minst 3 tecken).",
    en: "Give a reason the municipality can understand (at least 3 characters).",
  },
  reason: { sv: "Skäl", en: "Reason" },
  reasonHint: {
    sv: "Vid återsändning: skriv vad som ska rättas, så att kommunen kan göra det. Vid avslag: skriv varför rekvisitionen avslås. Kommunen får skälet med e-post.",
    en: "For a return: say what is to be corrected, so the municipality can do it. For a refusal: say why the requisition is refused. The municipality gets the reason by e-mail.",
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
  refuse: { sv: "Avslå", en: "Refuse" },
  refuseHint: {
    sv: "Rekvisitionen avslås med ett skäl och kan inte rättas. Reservationen av bidraget släpps, så kommunen kan rekvirera på nytt före sista dag.",
    en: "The requisition is refused with a reason and cannot be corrected. The reservation of the grant is released, so the municipality may requisition again before the deadline.",
  },
  save: { sv: "Spara beslut", en: "Save decision" },
  confirmApprove: (reference: string) => ({
    sv: `Godkänna ${reference}? Beslutet går inte att ändra, och kommunen får besked med e-post.`,
    en: `Approve ${reference}? The decision cannot be changed, and the municipality is told by e-mail.`,
  }),
  confirmRefuse: (reference: string) => ({
    sv: `Avslå ${reference}? Avslaget går inte att ångra; kommunen får skälet med e-post.`,
    en: `Refuse ${reference}? The refusal cannot be undone; the municipality gets the reason by e-mail.`,
  }),
  yesApprove: { sv: "Ja, godkänn", en: "Yes, approve" },
  yesRefuse: { sv: "Ja, avslå", en: "Yes, refuse" },
} satisfies Texts;

/** What the page says once the decision is stored. */
const SAVED: Record<Decision, Msg> = {
  approve: {
    sv: "Beslutet är sparat: godkänd. Kommunen får besked med e-post.",
    en: "The decision has been saved: approved. The municipality is told by e-mail.",
  },
  return: {
    sv: "Beslutet är sparat: återsänd för rättelse. Kommunen får skälet med e-post.",
    en: "The decision has been saved: returned for correction. The municipality gets the reason by e-mail.",
  },
  refuse: {
    sv: "Beslutet är sparat: avslagen. Kommunen får skälet med e-post.",
    en: "The decision has been saved: refused. The municipality gets the reason by e-mail.",
  },
};

/** The decisions the lifecycle allows now: approve and return a received submission, refuse a requisition. */
export function decisionsFor(s: Pick<Submission, "status" | "kind">): Decision[] {
  return (["approve", "return", "refuse"] as const).filter((d) => may(s, d));
}

/** Approve and refuse cannot be taken back: they are confirmed first. A return can be corrected. */
const needsConfirmation = (d: unknown): d is "approve" | "refuse" => d === "approve" || d === "refuse";

/**
 * Approve, return with a reason (optionally asking for a bank statement or a new signed original),
 * or refuse a requisition with a reason: only what the lifecycle allows in the current state.
 * `saved` is called with the message to show once the decision is stored.
 */
export function decisionForm(s: Submission, saved: (message: Msg) => void): HTMLElement | null {
  const choices = decisionsFor(s);
  if (choices.length === 0) return null;
  const requested = (v: Record<string, Value>) => REQUESTABLE.find((type) => type === v.requestedAttachment);
  // The reason belongs to a return or a refusal, the request to a return only; they show when chosen.
  const reasonBlock = h("div", { id: "reason-block" });
  const returnBlock = h("div", { id: "return-block" });
  const show = (decision: Value | undefined) => {
    reasonBlock.hidden = decision !== "return" && decision !== "refuse";
    returnBlock.hidden = decision !== "return";
  };
  const kit = new FormKit({
    toInput: (v: Record<string, Value>) => {
      const type = requested(v);
      const reason = String(v.reason ?? "");
      if (v.decision === "return")
        return { decision: "return", reason, ...(type ? { requestedAttachment: type } : {}) };
      if (v.decision === "refuse") return { decision: "refuse", reason };
      return { decision: v.decision || undefined };
    },
    onChange: (v) => show(v.decision),
    validate: (input) => {
      if (!choices.includes(input.decision as Decision)) return [invalid("decision", TEXT.choose)];
      if (input.decision !== "approve" && String(input.reason ?? "").trim().length < 3)
        return [invalid("reason", TEXT.reasonTooShort)];
      return [];
    },
  });
  kit.init({
    decision: choices.length === 1 ? (choices[0] ?? "") : "",
    reason: "",
    requestedAttachment: "none",
  });
  reasonBlock.append(
    kit.field({ path: "reason", kind: "textarea", label: TEXT.reason, hint: TEXT.reasonHint }),
  );
  returnBlock.append(
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
  show(kit.values.decision);
  const options = {
    approve: { value: "approve", label: TEXT.approve },
    return: { value: "return", label: TEXT.return, hint: TEXT.returnHint },
    refuse: { value: "refuse", label: TEXT.refuse, hint: TEXT.refuseHint },
  };
  const result = h("div", { role: "status" });
  const decideButton = h("button", { type: "submit", class: "button", id: "decide" }, m(TEXT.save));

  const send = async () => {
    const input = kit.input();
    try {
      await post(`/submissions/${encodeURIComponent(s.id)}/decision`, input);
      saved(SAVED[input.decision as Decision]);
    } catch (error) {
      confirm.close();
      if (error instanceof ApiError && error.errors.length > 0) kit.showServerErrors(error.errors);
      else result.replaceChildren(errorPanel(error));
    }
  };
  const confirm = confirmStep("decide-confirm", () => decideButton, send);

  const form = h(
    "form",
    { novalidate: true, id: "decision-form" },
    kit.summary,
    kit.field({
      path: "decision",
      kind: "radio",
      legend: TEXT.title,
      options: choices.map((c) => options[c]),
    }),
    reasonBlock,
    returnBlock,
    h("div", { class: "actions" }, decideButton),
    confirm.panel,
    result,
  );
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    if (!kit.check()) return;
    const decision = kit.values.decision;
    if (!needsConfirmation(decision)) {
      void send();
      return;
    }
    confirm.ask(
      m(decision === "approve" ? TEXT.confirmApprove(s.reference) : TEXT.confirmRefuse(s.reference)),
      m(decision === "approve" ? TEXT.yesApprove : TEXT.yesRefuse),
    );
  });
  return h(
    "section",
    { "aria-labelledby": "decision-title", class: "panel", id: "decision" },
    h("h2", { id: "decision-title" }, m(TEXT.title)),
    form,
  );
}
