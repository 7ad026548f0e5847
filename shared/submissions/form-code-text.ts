import type { Message } from "../errors.ts";
import type { FormCodeMatch } from "./model.ts";

/** "1–2", or "1, 3": the pages whose code was read. */
const pageList = (pages: number[]) =>
  pages.length > 1 && pages.every((p, i) => i === 0 || p === (pages[i - 1] ?? 0) + 1)
    ? `${pages[0]}–${pages.at(-1)}`
    : pages.join(", ");

/**
 * What the scan's QR codes said, in words for the officer and the municipality; `needsLook` when
 * nobody can tell from the codes that this is the signed form of this version (the officer checks).
 */
export function formCodeView(
  match: FormCodeMatch,
  reference: string,
): FormCodeMatch & {
  needsLook: boolean;
  message: Message;
} {
  return { ...match, needsLook: match.result !== "matched", message: formCodeMessage(match, reference) };
}

function formCodeMessage(match: FormCodeMatch, reference: string): Message {
  if (match.result === "matched") {
    const pages = pageList(match.pages);
    return {
      sv: `QR-koden stämmer: blanketten för ${reference}, sida ${pages} av ${match.of}, med underskriftssidan.`,
      en: `The QR code matches: the form for ${reference}, page ${pages} of ${match.of}, signature page included.`,
    };
  }
  switch (match.reason) {
    case "no-code":
      return {
        sv: "Ingen QR-kod kunde läsas i skanningen. Handläggaren kontrollerar att det är rätt blankett.",
        en: "No QR code could be read in the scan. The officer checks that it is the right form.",
      };
    case "no-images":
      return {
        sv: "PDF-filen har inga skannade sidor (till exempel en digitalt underskriven fil), så det finns ingen QR-kod att läsa.",
        en: "The PDF has no scanned pages (a digitally signed file, for example), so there is no QR code to read.",
      };
    case "unsupported-images":
      return {
        sv: "Skanningens bilder är sparade som fax (CCITT) eller JBIG2, som QR-koden inte läses ur. Handläggaren kontrollerar blanketten.",
        en: "The scan's images are stored as fax (CCITT) or JBIG2, which the QR code is not read from. The officer checks the form.",
      };
    case "signature-page-unread":
      return {
        sv: `QR-koden lästes på sida ${pageList(match.pages ?? [])} av ${match.of} men inte på sidan med underskriften. Handläggaren kontrollerar att den finns med.`,
        en: `The QR code was read on page ${pageList(match.pages ?? [])} of ${match.of} but not on the page with the signature. The officer checks that it is there.`,
      };
  }
}
