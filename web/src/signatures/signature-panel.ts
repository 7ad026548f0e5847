import { h } from "../dom.ts";
import { dateTime } from "../format.ts";
import { type Msg, m, type Texts } from "../i18n.ts";
import type { SignatureReason, SignatureResult, SignatureSummary } from "../types.ts";

/**
 * What the upload check found about the digital signatures of a PDF original, in words: one block
 * per signature with its status, signer, signing time and issuer, and for officers the
 * serialNumber (in Sweden the personnummer; the API gives it to officers only). Revocation is
 * not checked, and the panel says so.
 */
const TEXT = {
  title: { sv: "Digital signatur", en: "Digital signature" },
  summary: {
    none: { sv: "Filen har ingen digital signatur.", en: "The file has no digital signature." },
    verified: {
      sv: "Verifierad: signaturen är obruten och utfärdad av en betrodd utfärdare.",
      en: "Verified: the signature is intact and issued by a trusted issuer.",
    },
    untrusted: {
      sv: "Ej betrodd: signaturen är obruten, men certifikatet kommer inte från en betrodd utfärdare eller var inte giltigt vid signeringen.",
      en: "Untrusted: the signature is intact, but the certificate is not from a trusted issuer or was not valid when signing.",
    },
    invalid: {
      sv: "Ogiltig: filen har ändrats efter signeringen eller signaturen går inte att kontrollera.",
      en: "Invalid: the file was changed after signing or the signature cannot be checked.",
    },
    partial: {
      sv: "Delvis: signaturen täcker inte hela filen; något har lagts till efter signeringen.",
      en: "Partial: the signature does not cover the whole file; something was added after signing.",
    },
  },
  status: {
    verified: { sv: "Verifierad", en: "Verified" },
    untrusted: { sv: "Ej betrodd utfärdare", en: "Untrusted issuer" },
    invalid: { sv: "Ogiltig", en: "Invalid" },
    partial: { sv: "Täcker inte hela filen", en: "Does not cover the whole file" },
  },
  signature: (n: number) => ({ sv: `Signatur ${n}`, en: `Signature ${n}` }),
  statusLabel: { sv: "Status", en: "Status" },
  signer: { sv: "Undertecknare", en: "Signer" },
  signedAt: { sv: "Signerad (enligt undertecknaren)", en: "Signed (as the signer states)" },
  issuer: { sv: "Utfärdare", en: "Issuer" },
  serialNumber: { sv: "Personnummer (serienummer)", en: "Personal identity number (serialNumber)" },
  why: { sv: "Orsak", en: "Reason" },
  unknown: { sv: "okänd", en: "unknown" },
  revocation: {
    sv: "Spärrkontroll görs inte (OCSP/CRL): ett återkallat certifikat kan ändå visas som verifierat.",
    en: "Revocation is not checked (OCSP/CRL): a revoked certificate may still show as verified.",
  },
} satisfies Record<string, Texts | Msg | ((n: number) => Msg)>;

const REASON: Record<SignatureReason, Msg> = {
  BYTE_RANGE_INVALID: {
    sv: "Signaturens byteintervall ramar inte in signaturen.",
    en: "The signature's byte range does not frame the signature.",
  },
  UNPARSABLE_CMS: { sv: "Signaturdata går inte att läsa.", en: "The signature data cannot be read." },
  SIGNER_CERT_MISSING: {
    sv: "Undertecknarens certifikat saknas i signaturen.",
    en: "The signer's certificate is missing from the signature.",
  },
  UNSUPPORTED_ALGORITHM: { sv: "Algoritmen godtas inte.", en: "The algorithm is not accepted." },
  DIGEST_MISMATCH: {
    sv: "Filen har ändrats efter signeringen.",
    en: "The file was changed after signing.",
  },
  SIGNATURE_MISMATCH: {
    sv: "Signaturen stämmer inte med certifikatets nyckel.",
    en: "The signature does not match the certificate's key.",
  },
  NOT_WHOLE_DOCUMENT: {
    sv: "Innehåll efter signaturen är inte signerat.",
    en: "Content after the signature is not signed.",
  },
  CERT_EXPIRED_AT_SIGNING: {
    sv: "Certifikatet var inte giltigt vid signeringen.",
    en: "The certificate was not valid when signing.",
  },
  CHAIN_UNTRUSTED: {
    sv: "Certifikatet kommer inte från en betrodd utfärdare.",
    en: "The certificate is not from a trusted issuer.",
  },
  TOO_MANY_SIGNATURES: {
    sv: "Fler signaturer än vad som kontrolleras.",
    en: "More signatures than are checked.",
  },
};

export type SignatureViewer = "officer" | "municipality";

/** The rows shown for one signature, as [label, value] in the current language. */
export function signatureRows(s: SignatureResult, viewer: SignatureViewer): [label: string, value: string][] {
  const rows: [string, string][] = [
    [m(TEXT.statusLabel), m(TEXT.status[s.status])],
    [m(TEXT.signer), s.signerName ?? m(TEXT.unknown)],
    [m(TEXT.signedAt), s.signedAt ? dateTime(s.signedAt) : m(TEXT.unknown)],
    [m(TEXT.issuer), s.issuer ?? m(TEXT.unknown)],
  ];
  // The API gives the serialNumber to officers only; the page does not show it to anyone else.
  if (viewer === "officer" && s.serialNumber) rows.push([m(TEXT.serialNumber), s.serialNumber]);
  if (s.reason) rows.push([m(TEXT.why), m(REASON[s.reason])]);
  return rows;
}

/** The file's status in words. */
export function signatureSummaryText(summary: SignatureSummary): string {
  return m(TEXT.summary[summary.status]);
}

/** The panel, or null when the check did not look at signatures (not a PDF, or checked before). */
export function signaturePanel(
  summary: SignatureSummary | undefined,
  viewer: SignatureViewer,
): HTMLElement | null {
  if (!summary) return null;
  const many = summary.signatures.length > 1;
  return h(
    "section",
    {
      class: "signature-panel",
      id: "signature-panel",
      "aria-labelledby": "signature-title",
      "data-status": summary.status,
    },
    h("h3", { id: "signature-title" }, m(TEXT.title)),
    h("p", { id: "signature-summary" }, signatureSummaryText(summary)),
    summary.signatures.flatMap((s, i) => [
      many ? h("h4", {}, m(TEXT.signature(i + 1))) : null,
      h(
        "dl",
        { class: "facts signature", "data-status": s.status },
        signatureRows(s, viewer).flatMap(([dt, dd]) => [h("dt", {}, dt), h("dd", {}, dd)]),
      ),
    ]),
    summary.signatures.length > 0 ? h("p", { class: "small" }, m(TEXT.revocation)) : null,
  );
}
