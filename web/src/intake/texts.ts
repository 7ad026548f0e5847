import type { SenderAuth } from "../../../shared/intake/sender-auth.ts";
import type { Msg } from "../i18n.ts";

/** What the officer reads of SES's verdict on the sender (shared/intake/sender-auth.ts). */
export function senderAuthText(auth: SenderAuth | undefined): Msg {
  const detail = auth
    ? [
        auth.spf ? `SPF ${auth.spf}` : "",
        auth.dkim ? `DKIM ${auth.dkim}` : "",
        auth.dmarc ? `DMARC ${auth.dmarc}` : "",
      ]
        .filter(Boolean)
        .join(", ")
    : "";
  const suffix = detail ? ` (${detail})` : "";
  switch (auth?.result) {
    case "pass":
      return { sv: `Bekräftad${suffix}`, en: `Verified${suffix}` };
    case "fail":
      return {
        sv: `Inte bekräftad${suffix}: adressen kan vara förfalskad`,
        en: `Not verified${suffix}: the address may be forged`,
      };
    case "not-checked":
      return { sv: "Inte kontrollerad (lokal miljö)", en: "Not checked (local stage)" };
    default:
      return {
        sv: "Ingen bedömning från e-posttjänsten: adressen kan vara förfalskad",
        en: "No verdict from the mail service: the address may be forged",
      };
  }
}

/** "application/pdf" → "PDF", for a list a person reads. */
export function typeName(contentType: string): string {
  return (contentType.split("/")[1] ?? contentType).toUpperCase();
}
