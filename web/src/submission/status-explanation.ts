import { h } from "../dom.ts";
import { kronor, longDate, statusReasonText } from "../format.ts";
import { m, type Texts } from "../i18n.ts";
import { pageFile } from "../pages.ts";
import type { ProgrammeView, Submission, SubmissionDetail } from "../types.ts";

/**
 * One paragraph under the status badge that says what the state means for the municipality, with
 * what belongs to it: the officer's reason (returned, refused), the payment (paid), the version
 * that replaced this one (replaced). Every state has its own text; none is left to a default.
 */
const TEXT = {
  "awaiting-original": {
    sv: "Blanketten är inskickad. Skriv ut den, låt behörig företrädare skriva under och ladda upp en skanning.",
    en: "The form has been sent. Print it, have an authorised representative sign it and upload a scan.",
  },
  "original-rejected": {
    sv: "Den uppladdade skanningen godtogs inte. Ladda upp en ny skanning av den underskrivna blanketten.",
    en: "The uploaded scan was not accepted. Upload a new scan of the signed form.",
  },
  received: {
    sv: "Det underskrivna originalet är mottaget. Handläggaren granskar och beslutar.",
    en: "The signed original has been received. The officer reviews it and decides.",
  },
  approvedRequisition: {
    sv: "Rekvisitionen är godkänd. Myndigheten betalar ut bidraget och registrerar utbetalningen.",
    en: "The requisition has been approved. The agency pays the grant and records the payment.",
  },
  approvedReport: { sv: "Redovisningen är godkänd.", en: "The report has been approved." },
  repay: (amount: string, by: string | undefined) => ({
    sv: `Ej förbrukade medel, ${amount}, ska betalas tillbaka${by ? ` senast ${by}` : ""}.`,
    en: `Unspent funds, ${amount}, are to be repaid${by ? ` by ${by}` : ""}.`,
  }),
  returned: {
    sv: "Handläggaren har skickat tillbaka inlämningen för rättelse. Rätta uppgifterna och skicka in igen.",
    en: "The officer has returned the submission for correction. Correct it and send it again.",
  },
  replaced: {
    sv: "Den här versionen är ersatt av en rättad version. Det som händer nu sker med den.",
    en: "This version has been replaced by a corrected version. What happens next happens there.",
  },
  showReplacement: (reference: string) => ({ sv: `Visa ${reference}`, en: `Show ${reference}` }),
  theCorrection: { sv: "den rättade versionen", en: "the corrected version" },
  refused: {
    sv: "Handläggaren har avslagit rekvisitionen. Inget mer ska göras med den.",
    en: "The officer has refused the requisition. Nothing more is to be done with it.",
  },
  paid: (amount: string, on: string) => ({
    sv: `Bidraget är utbetalt: ${amount} den ${on}.`,
    en: `The grant has been paid: ${amount} on ${on}.`,
  }),
  paidUnknown: { sv: "Bidraget är utbetalt.", en: "The grant has been paid." },
  lapsed: {
    sv: "Rekvisitionen rättades inte inom respittiden och har förfallit, liksom reservationen av bidraget.",
    en: "The requisition was not corrected within the grace period and has lapsed, as has the reservation of the grant.",
  },
  reason: (reason: string) => ({ sv: `Motivering: ${reason}`, en: `Reason: ${reason}` }),
  refusal: (reason: string) => ({ sv: `Orsak: ${reason}`, en: `Reason: ${reason}` }),
} satisfies Texts;

/** The reference of the version that replaced `s`, when the programme lists it. */
function replacementReference(s: Submission, view: ProgrammeView | undefined): string | undefined {
  const own = view?.own;
  return [...(own?.requisitions ?? []), ...(own?.reports ?? [])].find((x) => x.id === s.replacedBy)
    ?.reference;
}

function replacementLink(s: Submission, view: ProgrammeView | undefined): HTMLElement | null {
  if (!s.replacedBy) return null;
  const reference = replacementReference(s, view);
  return h(
    "a",
    { href: `${pageFile("submission")}?id=${encodeURIComponent(s.replacedBy)}`, id: "replacement-link" },
    reference ? m(TEXT.showReplacement(reference)) : m(TEXT.showReplacement(m(TEXT.theCorrection))),
  );
}

/** The main text and what goes with it, by state. */
function parts(detail: SubmissionDetail, view: ProgrammeView | undefined): (string | HTMLElement | null)[] {
  const s = detail.submission;
  const reason = s.statusReason ? m(TEXT.reason(s.statusReason)) : null;
  switch (s.status) {
    case "awaiting-original":
      return [m(TEXT["awaiting-original"])];
    case "original-rejected":
      return [m(TEXT["original-rejected"]), m(TEXT.refusal(statusReasonText(detail)))];
    case "received":
      return [m(TEXT.received)];
    // The proposal is the agency's internal step: to the municipality the requisition is approved.
    case "payment-proposed":
    case "approved": {
      if (s.kind === "requisition") return [m(TEXT.approvedRequisition)];
      const due = s.unspent ?? 0;
      const by = view?.deadlines.repayment;
      return [
        m(TEXT.approvedReport),
        due > 0 ? m(TEXT.repay(kronor(due), by ? longDate(by) : undefined)) : null,
      ];
    }
    case "returned":
      return [m(TEXT.returned), reason];
    case "replaced":
      return [m(TEXT.replaced), replacementLink(s, view)];
    case "refused":
      return [m(TEXT.refused), reason];
    case "paid":
      return [
        s.payment ? m(TEXT.paid(kronor(s.payment.amount), longDate(s.payment.paidOn))) : m(TEXT.paidUnknown),
      ];
    case "lapsed":
      return [m(TEXT.lapsed)];
  }
}

const TONE: Record<Submission["status"], string> = {
  "awaiting-original": "notice-info",
  "original-rejected": "notice-error",
  received: "notice-info",
  approved: "notice-success",
  "payment-proposed": "notice-success",
  returned: "notice-warning",
  replaced: "notice-info",
  refused: "notice-error",
  paid: "notice-success",
  lapsed: "notice-warning",
};

export function statusExplanation(detail: SubmissionDetail, view: ProgrammeView | undefined): HTMLElement {
  return h(
    "div",
    { class: `notice ${TONE[detail.submission.status]}`, id: "status-explanation" },
    parts(detail, view)
      .filter((part) => part !== null)
      .map((part) => h("p", {}, part)),
  );
}
