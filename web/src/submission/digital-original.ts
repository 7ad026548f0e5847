import type { DigitalOriginal, DigitalSigner } from "../../../shared/submissions/model.ts";
import { h } from "../dom.ts";
import { dateTime } from "../format.ts";
import { type Msg, m } from "../i18n.ts";

const TEXT = {
  signed: (who: string): Msg => ({
    sv: `Digitalt signerad av ${who}, verifierad — ersätter inskannad underskrift.`,
    en: `Digitally signed by ${who}, verified — stands in for a signed scan.`,
  }),
  and: { sv: " och ", en: " and " },
  unknown: { sv: "okänd undertecknare", en: "an unknown signer" },
};

/** "Anna Andersson, 2022-11-20 10:00": the name from the certificate and the signer's own time. */
function signerText(s: DigitalSigner): string {
  const name = s.signerName ?? m(TEXT.unknown);
  return s.signedAt ? `${name}, ${dateTime(s.signedAt)}` : name;
}

/**
 * The original was our own form, digitally signed with signatures that all verified, and the
 * programme took it instead of a scan (shared/submissions/digital-original.ts). Names and times
 * only: the API's record of it never carries a personnummer.
 */
export function digitalOriginalNote(digital: DigitalOriginal | undefined): HTMLElement | null {
  if (!digital) return null;
  return h(
    "div",
    { class: "notice notice-info digital-original", id: "digital-original" },
    digitalOriginalText(digital),
  );
}

/** The note's words, in the reader's language. */
export function digitalOriginalText(digital: DigitalOriginal): string {
  const who = digital.signers.map(signerText).join(m(TEXT.and)) || m(TEXT.unknown);
  return m(TEXT.signed(who));
}
