import { h } from "../dom.ts";
import { statusText } from "../format.ts";
import { m, type Texts } from "../i18n.ts";
import { pageFile } from "../pages.ts";
import type { OwnPosition } from "../types.ts";

const TEXT = {
  title: { sv: "Redovisningen är redan inlämnad", en: "The report has already been sent" },
  sent: {
    sv: "Kommunen har lämnat ekonomisk redovisning för bidraget: ",
    en: "The municipality has sent its financial report for this grant: ",
  },
  correct: {
    sv: "Om handläggaren skickar tillbaka den rättar ni den från inlämningens sida.",
    en: "If the officer returns it, you correct it from the submission's page.",
  },
  toGrants: { sv: "Till våra statsbidrag", en: "To our grants" },
} satisfies Texts;

/** One report per programme: once one is in (and not returned), the page points to it instead. */
export function alreadyReported(report: OwnPosition["reports"][number]): HTMLElement {
  return h(
    "div",
    { class: "notice notice-info", id: "already-reported" },
    h("h2", {}, m(TEXT.title)),
    h(
      "p",
      {},
      m(TEXT.sent),
      h("a", { href: `${pageFile("submission")}?id=${encodeURIComponent(report.id)}` }, report.reference),
      ` (${statusText(report.status)}).`,
    ),
    h("p", {}, m(TEXT.correct)),
    h("p", {}, h("a", { href: pageFile("programmes") }, m(TEXT.toGrants))),
  );
}
