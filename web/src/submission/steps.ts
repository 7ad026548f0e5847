import { h } from "../dom.ts";
import { ATTACHMENT_STATUS, daysLeft, kronor, longDate, requestText, statusReasonText } from "../format.ts";
import { m, type Texts } from "../i18n.ts";
import { pageFile } from "../pages.ts";
import { stands } from "../standing.ts";
import type { ProgrammeView, SubmissionDetail } from "../types.ts";
import { formPage } from "./form-link.ts";
import type { Situation } from "./situation.ts";

/**
 * "What is still required?": the steps from sending the form to the officer's decision, any file
 * an officer asked for, and for a requisition its payment and the financial report that comes
 * after it. Each step's state is read off the submission's one state. A submission that was
 * refused, replaced or has lapsed has nothing left to do, and says so.
 */
type Step = {
  done: boolean;
  current: boolean;
  text: string;
  detail?: HTMLElement | string;
  /** The detail is news, not a problem (a file being scanned, a link). */
  neutral?: boolean;
};

const TEXT = {
  title: { sv: "Vad återstår?", en: "What is still required?" },
  done: { sv: "Klart: ", en: "Done: " },
  toDo: { sv: "Återstår: ", en: "To do: " },
  nothing: {
    sv: "Ingenting återstår för den här inlämningen.",
    en: "Nothing is left to do for this submission.",
  },
  requested: (what: string) => ({ sv: `Begärd bilaga: ${what}.`, en: `Requested attachment: ${what}.` }),
  refused: (why: string) => ({
    sv: `Senaste filen godtogs inte: ${why}`,
    en: `The last file was not accepted: ${why}`,
  }),
  sent: { sv: "Blanketten är inskickad.", en: "The form has been sent." },
  sign: {
    sv: "Skriv ut den ifyllda blanketten (PDF) och låt behörig företrädare skriva under.",
    en: "Print the filled-in form (PDF) and have an authorised representative sign it.",
  },
  upload: {
    sv: "Ladda upp en skanning av den underskrivna blanketten.",
    en: "Upload a scan of the signed form.",
  },
  returned: {
    sv: "Handläggaren har skickat tillbaka inlämningen. Rätta uppgifterna och skicka in igen.",
    en: "The officer has returned the submission. Correct it and send it again.",
  },
  review: { sv: "Handläggaren granskar och beslutar.", en: "The officer reviews and decides." },
  approved: { sv: "Handläggaren har godkänt inlämningen.", en: "The officer has approved the submission." },
  reason: (reason: string) => ({ sv: `Motivering: ${reason}`, en: `Reason: ${reason}` }),
  payment: {
    sv: "Myndigheten betalar ut bidraget och registrerar utbetalningen.",
    en: "The agency pays the grant and records the payment.",
  },
  paid: (amount: string, on: string) => ({
    sv: `Utbetalt: ${amount} den ${on}.`,
    en: `Paid: ${amount} on ${on}.`,
  }),
  report: (by: string, left: string, paid: boolean) => ({
    sv: `Lämna ekonomisk redovisning senast ${by} (${left})${paid ? "" : ", när bidraget är utbetalt"}.`,
    en: `Submit the financial report by ${by} (${left})${paid ? "" : ", once the grant has been paid"}.`,
  }),
  toReport: { sv: "Till redovisningen", en: "To the report" },
  repay: (amount: string, by: string) => ({
    sv: `Betala tillbaka ej förbrukade medel, ${amount}, senast ${by}.`,
    en: `Repay the unspent funds, ${amount}, by ${by}.`,
  }),
} satisfies Texts;

/** A file an officer asked for: done once one of that type was accepted after the request. */
function requestStep(r: SubmissionDetail["requests"][number]): Step {
  return {
    done: r.received,
    current: !r.received,
    text: m(TEXT.requested(requestText(r))),
    ...(r.lastRefusal ? { detail: m(TEXT.refused(m(r.lastRefusal.message))) } : {}),
  };
}

/** Sign, upload: done once the original is in; while a file is scanned, the upload step says so. */
function originalSteps(detail: SubmissionDetail, situation: Situation): Step[] {
  const st = detail.submission.status;
  const awaiting = situation.uploadOriginal;
  const scanning = situation.scanning.some((a) => a.type === "original");
  return [
    { done: !awaiting, current: awaiting && !scanning, text: m(TEXT.sign) },
    {
      done: !awaiting,
      current: awaiting,
      text: m(TEXT.upload),
      ...(scanning
        ? { detail: m(ATTACHMENT_STATUS.scanning), neutral: true }
        : st === "original-rejected"
          ? { detail: m(TEXT.refused(statusReasonText(detail))) }
          : {}),
    },
  ];
}

function decisionStep(detail: SubmissionDetail): Step {
  const s = detail.submission;
  if (s.status === "returned") {
    return {
      done: false,
      current: true,
      text: m(TEXT.returned),
      ...(s.statusReason ? { detail: m(TEXT.reason(s.statusReason)) } : {}),
    };
  }
  const decided = s.status === "approved" || s.status === "paid";
  return { done: decided, current: s.status === "received", text: m(decided ? TEXT.approved : TEXT.review) };
}

/** A requisition goes on to its payment and then to the financial report, which accounts for it. */
function requisitionSteps(detail: SubmissionDetail, view: ProgrammeView | undefined): Step[] {
  const s = detail.submission;
  const paid = s.status === "paid";
  const list: Step[] = [
    {
      done: paid,
      current: s.status === "approved",
      text:
        paid && s.payment
          ? m(TEXT.paid(kronor(s.payment.amount), longDate(s.payment.paidOn)))
          : m(TEXT.payment),
    },
  ];
  const reportDue = view?.deadlines.report;
  if (reportDue) {
    const reported = (view?.own?.reports ?? []).some((r) => stands(r) && r.status !== "returned");
    list.push({
      done: reported,
      current: paid && !reported,
      text: m(TEXT.report(longDate(reportDue), daysLeft(reportDue).text, paid)),
      ...(paid && !reported
        ? {
            detail: h(
              "a",
              { href: formPage(s).replace(pageFile("requisition"), pageFile("report")) },
              m(TEXT.toReport),
            ),
            neutral: true,
          }
        : {}),
    });
  }
  return list;
}

/** An approved report leaves the repayment of unspent funds, if there are any. */
function reportSteps(detail: SubmissionDetail, view: ProgrammeView | undefined): Step[] {
  const s = detail.submission;
  const due = s.unspent ?? 0;
  const by = view?.deadlines.repayment;
  if (due <= 0 || !by) return [];
  const repaid = (view?.own?.repaid ?? 0) >= due;
  return [
    {
      done: repaid,
      current: s.status === "approved" && !repaid,
      text: m(TEXT.repay(kronor(due), longDate(by))),
    },
  ];
}

export function steps(
  detail: SubmissionDetail,
  view: ProgrammeView | undefined,
  situation: Situation,
): Step[] {
  const s = detail.submission;
  return [
    { done: true, current: false, text: m(TEXT.sent) },
    ...originalSteps(detail, situation),
    decisionStep(detail),
    ...detail.requests.map(requestStep),
    ...(s.kind === "requisition" ? requisitionSteps(detail, view) : reportSteps(detail, view)),
  ];
}

/** Replaced, refused and lapsed submissions have nothing left; a paid one still has its report. */
const nothingLeft = (detail: SubmissionDetail, situation: Situation) =>
  situation.final && detail.submission.status !== "paid";

export function stepList(
  detail: SubmissionDetail,
  view: ProgrammeView | undefined,
  situation: Situation,
): HTMLElement {
  return h(
    "section",
    { "aria-labelledby": "todo-title" },
    h("h2", { id: "todo-title" }, m(TEXT.title)),
    nothingLeft(detail, situation)
      ? h("p", { id: "nothing-left" }, m(TEXT.nothing))
      : h(
          "ol",
          { class: "steps" },
          steps(detail, view, situation).map((step) =>
            h(
              "li",
              { class: step.done ? "step done" : step.current ? "step current" : "step" },
              h("span", { class: "visually-hidden" }, m(step.done ? TEXT.done : TEXT.toDo)),
              step.text,
              step.detail
                ? h("p", { class: step.neutral ? "step-detail neutral" : "step-detail" }, step.detail)
                : null,
            ),
          ),
        ),
  );
}
