/**
 * What the QR code on each printed page of a Bilaga 2 form says: which submission, which version
 * (its reference, which changes with each corrected version) and which page of how many.
 *
 *   SB1/SB-2022-1281-R1/0F8FAD5BD9CB469FA16570867728950E/1/2
 *
 * Only QR alphanumeric characters (upper case, digits, "-" and "/") and at most 60 of them (99
 * pages), so the code always fits version 3 with error correction M. The reference alone is not unique (two programmes of one year each have
 * an R1 of a municipality), so the submission id is there too, as its 32 hex digits.
 */
export interface FormCode {
  submissionId: string;
  reference: string;
  page: number;
  pages: number;
}

const PREFIX = "SB1";
const UUID = /^([0-9a-f]{8})-([0-9a-f]{4})-([0-9a-f]{4})-([0-9a-f]{4})-([0-9a-f]{12})$/i;
const PAYLOAD = /^SB1\/(SB-\d{4}-\d{4}-[RME]\d{1,3})\/([0-9A-F]{32})\/(\d{1,2})\/(\d{1,2})$/;

export function encodeFormCode(code: FormCode): string {
  const id = UUID.exec(code.submissionId);
  if (!id) throw new Error("a form code needs the submission's UUID");
  if (!Number.isInteger(code.page) || code.page < 1 || code.page > code.pages || code.pages > 99)
    throw new Error(`page ${code.page} of ${code.pages} cannot be printed in a form code`);
  const hex = id.slice(1).join("").toUpperCase();
  return `${PREFIX}/${code.reference}/${hex}/${code.page}/${code.pages}`;
}

/** The form code in a decoded QR text, or undefined when it is none of ours (or damaged). */
export function parseFormCode(text: string): FormCode | undefined {
  const match = PAYLOAD.exec(text.trim());
  if (!match) return undefined;
  const [, reference = "", hex = "", page = "", pages = ""] = match;
  const code = {
    reference,
    submissionId: [hex.slice(0, 8), hex.slice(8, 12), hex.slice(12, 16), hex.slice(16, 20), hex.slice(20)]
      .join("-")
      .toLowerCase(),
    page: Number(page),
    pages: Number(pages),
  };
  return code.page >= 1 && code.page <= code.pages ? code : undefined;
}
