import { h } from "../dom.ts";
import { m, type Texts } from "../i18n.ts";
import type { SubmissionDetail } from "../types.ts";
import { uploadWidget } from "../upload/widget.ts";
import { type Situation, scanningOf } from "./situation.ts";

const TEXT = {
  title: { sv: "Ladda upp kontoutdrag", en: "Upload a bank statement" },
  asked: (reference: string) => ({
    sv: `Handläggaren begärde ett kontoutdrag när ${reference} skickades tillbaka. Ladda upp det här som PDF, JPEG, PNG eller TIFF.`,
    en: `The officer asked for a bank statement when ${reference} was returned. Upload it here as a PDF, JPEG, PNG or TIFF.`,
  }),
} satisfies Texts;

/**
 * Upload areas for the bank statements officers asked for and have not got yet, while the request
 * is open (situation.ts): one per type, on this version (a file on the returned version or on its
 * correction counts for the request).
 */
export function requestedUploads(
  detail: SubmissionDetail,
  situation: Situation,
  onUpdate: (d: SubmissionDetail) => void,
): HTMLElement[] {
  const first = situation.openRequests[0];
  if (!first) return [];
  return [
    h(
      "section",
      { "aria-labelledby": "requested-title", class: "panel", id: "requested-upload" },
      h("h2", { id: "requested-title" }, m(TEXT.title)),
      h("p", {}, m(TEXT.asked(first.requestedBy.reference))),
      uploadWidget({
        submissionId: detail.submission.id,
        type: "bank-statement",
        waitingFor: scanningOf(situation, "bank-statement"),
        onUpdate,
      }),
    ),
  ];
}
