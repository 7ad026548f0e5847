import { h } from "../dom.ts";
import { m, type Texts } from "../i18n.ts";
import type { SubmissionDetail } from "../types.ts";

const TEXT = {
  title: { sv: "QR-kod på skanningen", en: "QR code on the scan" },
  look: { sv: "Att kontrollera: ", en: "To check: " },
} satisfies Texts;

/**
 * What the original's QR codes said (the API words it: shared/submissions/form-code-text.ts): a
 * plain note when they match, a warning for the officer to look at the scan when they do not.
 */
export function scanMatchNote(detail: Pick<SubmissionDetail, "scanMatch">): HTMLElement | null {
  const match = detail.scanMatch;
  if (!match) return null;
  return h(
    "div",
    {
      class: match.needsLook ? "notice notice-warning scan-match" : "notice notice-info scan-match",
      id: "scan-match",
      "data-result": match.result,
    },
    h("strong", {}, `${m(TEXT.title)}: `),
    match.needsLook ? m(TEXT.look) : "",
    m(match.message),
  );
}
