import { h } from "../dom.ts";
import { daysLeft, longDate, requestText, statusReasonText } from "../format.ts";
import { m, type Texts } from "../i18n.ts";
import { pageFile } from "../pages.ts";
import type { ProgrammeView, SubmissionDetail } from "../types.ts";
import { formPage } from "./form-link.ts";

/**
 * "What is still required?": the steps from sending the form to the officer's decision, any file
 * an officer asked for, and (for a requisition) the financial report that comes after.
 */
type Step = { done: boolean; current: boolean; text: string; detail?: HTMLElement | string };

const TEXT = {
  title: { sv: "Vad återstår?", en: "What is still required?" },
  done: { sv: "Klart: ", en: "Done: " },
  toDo: { sv: "Återstår: ", en: "To do: " },
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
  reason: (reason: string) => ({ sv: `Motivering: ${reason}`, en: `Reason: ${reason}` }),
  report: (by: string, left: string) => ({
    sv: `Lämna ekonomisk redovisning senast ${by} (${left}).`,
    en: `Submit the financial report by ${by} (${left}).`,
  }),
  toReport: { sv: "Till redovisningen", en: "To the report" },
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

function steps(detail: SubmissionDetail, view: ProgrammeView | undefined): Step[] {
  const s = detail.submission;
  const st = s.status;
  const uploaded = st === "received" || st === "approved" || st === "returned";
  const decided = st === "approved";
  const list: Step[] = [
    { done: true, current: false, text: m(TEXT.sent) },
    { done: uploaded, current: !uploaded, text: m(TEXT.sign) },
    {
      done: uploaded,
      current: !uploaded,
      text: m(TEXT.upload),
      ...(st === "original-rejected" ? { detail: m(TEXT.refused(statusReasonText(detail))) } : {}),
    },
    {
      done: decided,
      current: st === "received" || st === "returned",
      text: m(st === "returned" ? TEXT.returned : TEXT.review),
      ...(st === "returned" && s.statusReason ? { detail: m(TEXT.reason(s.statusReason)) } : {}),
    },
    ...detail.requests.map(requestStep),
  ];
  const reportDue = view?.deadlines.report;
  if (s.kind === "requisition" && reportDue) {
    const reported = (view?.own?.reports ?? []).some((r) => r.status !== "returned");
    list.push({
      done: reported,
      current: decided && !reported,
      text: m(TEXT.report(longDate(reportDue), daysLeft(reportDue).text)),
      ...(decided && !reported
        ? {
            detail: h(
              "a",
              { href: formPage(s).replace(pageFile("requisition"), pageFile("report")) },
              m(TEXT.toReport),
            ),
          }
        : {}),
    });
  }
  return list;
}

export function stepList(detail: SubmissionDetail, view: ProgrammeView | undefined): HTMLElement {
  return h(
    "section",
    { "aria-labelledby": "todo-title" },
    h("h2", { id: "todo-title" }, m(TEXT.title)),
    h(
      "ol",
      { class: "steps" },
      steps(detail, view).map((step) =>
        h(
          "li",
          { class: step.done ? "step done" : step.current ? "step current" : "step" },
          h("span", { class: "visually-hidden" }, m(step.done ? TEXT.done : TEXT.toDo)),
          step.text,
          step.detail ? h("p", { class: "step-detail" }, step.detail) : null,
        ),
      ),
    ),
  );
}
