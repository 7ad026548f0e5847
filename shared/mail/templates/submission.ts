import { formatKronor } from "../../money.ts";
import { headerSafe, type RenderedMail, type Row, render } from "./layout.ts";

/** Mails about one submission: registered, received, refused, returned, and the officers' notice. */
export interface SubmissionFacts {
  reference: string;
  submissionId: string;
  kind: "requisition" | "report";
  programmeTitle: string;
  kommun: string;
  kommunkod: string;
  amount: number;
  unspent?: number;
  receivedAtLocal: string;
  reportDeadline: string | null;
  repaymentDeadline: string | null;
  receivingAgency: string;
  /** Where unspent funds go, once the programme names its account. */
  repayment?: { bankgiro: string; reference: string };
  /** The municipality's page for the submission, and the officers' review page. */
  municipalityLink?: string;
  /** The municipality's page for the submission, opened to download the filled-in form. */
  formLink?: string;
  officerLink?: string;
}

/** Where the reader acts: the page when there is a link, its name otherwise. */
const onPage = (link: string | undefined, words: string) =>
  link ? `${words}: ${link}` : `${words} i statsbidrag.`;

const kindSv = (kind: SubmissionFacts["kind"]) =>
  kind === "report" ? "ekonomisk redovisning" : "rekvisition";
const kindEn = (kind: SubmissionFacts["kind"]) => (kind === "report" ? "financial report" : "requisition");

function factRows(f: SubmissionFacts): Row[] {
  const rows: Row[] = [
    ["Referens", f.reference],
    ["Bidrag", f.programmeTitle],
    ["Bidragsmottagare", `${f.kommun} (${f.kommunkod})`],
    [f.kind === "report" ? "Erhållet bidrag" : "Rekvirerat belopp", formatKronor(f.amount)],
  ];
  if (f.unspent !== undefined) rows.push(["Ej förbrukade medel att återbetala", formatKronor(f.unspent)]);
  rows.push(["Mottagen (svensk tid)", f.receivedAtLocal]);
  return rows;
}

/** Sent when the form is accepted: the reference, and that the signed original is still needed. */
export function registeredMail(f: SubmissionFacts): RenderedMail {
  return render(
    `Registrerad: ${kindSv(f.kind)} ${f.reference} – ladda upp undertecknat original`,
    [
      `Er ${kindSv(f.kind)} för ${f.kommun} är registrerad med referens ${f.reference}.`,
      "Skriv ut blanketten, låt behörig företrädare underteckna den och ladda upp en skanning av originalet. Inlämningen är komplett först när originalet har tagits emot.",
      `(English: your ${kindEn(f.kind)} is registered as ${f.reference}; please upload the scan of the signed original.)`,
    ],
    factRows(f),
    [
      ...(f.formLink && f.municipalityLink
        ? [
            `Hämta den ifyllda blanketten (PDF) att skriva ut och underteckna: ${f.formLink}`,
            `Ladda upp skanningen av alla sidor: ${f.municipalityLink}`,
          ]
        : [onPage(f.municipalityLink, "Skriv ut blanketten och ladda upp originalet")]),
      `Frågor besvaras av ${f.receivingAgency}. Ange alltid referensen.`,
    ],
  );
}

/**
 * A digital signature on the original that the upload check verified (trusted chain, intact,
 * whole document): who signed, and when by the signer's own claim. Never the serialNumber
 * (personnummer): mail is not for it.
 */
export interface VerifiedSigner {
  signerName: string;
  /** The signing time in Stockholm local time ("2022-11-30 14:05:09"), when the signature has one. */
  signedAtLocal?: string;
}

/** One row per verified signature: the name from the certificate, on one line and bounded. */
function signerRows(signers: readonly VerifiedSigner[] | undefined): Row[] {
  return (signers ?? []).map((s) => [
    "Digital signatur verifierad",
    `${headerSafe(s.signerName)}${s.signedAtLocal ? `, signerad ${s.signedAtLocal} (svensk tid)` : ""}`,
  ]);
}

/** The municipality's receipt once the signed original has been accepted. */
export function receiptMail(
  f: SubmissionFacts & { sha256: string; verifiedSigners?: readonly VerifiedSigner[] },
): RenderedMail {
  const next =
    f.kind === "requisition"
      ? [
          `Nästa steg: ${f.receivingAgency} granskar rekvisitionen och betalar ut beloppet.`,
          f.reportDeadline
            ? `Ekonomisk redovisning ska lämnas senast ${f.reportDeadline}; medel som inte förbrukats återbetalas senast ${f.repaymentDeadline ?? f.reportDeadline}.`
            : `Ekonomisk redovisning lämnas vid den tid som ${f.receivingAgency} anger.`,
        ]
      : [
          f.unspent && f.unspent > 0
            ? `Ej förbrukade medel, ${formatKronor(f.unspent)}, ska återbetalas${f.repaymentDeadline ? ` senast ${f.repaymentDeadline}` : ""}${f.repayment ? ` till bankgiro ${f.repayment.bankgiro}, med referens (OCR) ${f.repayment.reference}` : ` till ${f.receivingAgency}`}.`
            : "Redovisningen visar inga ej förbrukade medel att återbetala.",
        ];
  return render(
    `Kvitto: ${kindSv(f.kind)} ${f.reference} mottagen`,
    [
      `Vi har tagit emot ${kindSv(f.kind)} ${f.reference} med undertecknat original.`,
      `(English: we have received ${kindEn(f.kind)} ${f.reference} with its signed original.)`,
      ...(f.verifiedSigners?.length
        ? [
            "Originalets digitala signatur har verifierats mot en betrodd utfärdare; spärrkontroll (OCSP/CRL) görs inte. (English: the original's digital signature was verified against a trusted issuer; revocation is not checked.)",
          ]
        : []),
    ],
    [...factRows(f), ["SHA-256 för originalet", f.sha256], ...signerRows(f.verifiedSigners)],
    [...next, "Spara detta kvitto."],
  );
}

/**
 * To the programme's officers: the same facts, what the check found that they must weigh (a
 * verified digital signature and its signer; whether the scan's QR code matched or the original
 * needs a look), and the link to review it.
 */
export function officerNotificationMail(
  f: SubmissionFacts & {
    sha256: string;
    verifiedSigners?: readonly VerifiedSigner[];
    scanMatched?: boolean | undefined;
  },
): RenderedMail {
  const scanRow: Row[] =
    f.scanMatched === undefined
      ? []
      : [
          [
            "QR-kod",
            f.scanMatched
              ? "stämmer med inlämningen, med underskriftssidan"
              : "ingen som visar underskriftssidan: titta på originalet",
          ],
        ];
  return render(
    `Ny ${kindSv(f.kind)}: ${f.kommun} ${f.reference}`,
    [
      `${f.kommun} har lämnat ${kindSv(f.kind)} med undertecknat original.`,
      ...(f.verifiedSigners?.length
        ? ["Originalets digitala signatur har verifierats mot en betrodd utfärdare (utan spärrkontroll)."]
        : []),
    ],
    [...factRows(f), ["SHA-256 för originalet", f.sha256], ...scanRow, ...signerRows(f.verifiedSigners)],
    [onPage(f.officerLink, "Granska inlämningen")],
  );
}

/** The scan could not be accepted: say why and what to do. */
export function originalRejectedMail(
  f: SubmissionFacts & { reasonSv: string; reasonEn: string; attachmentType?: "original" | "bank-statement" },
): RenderedMail {
  const bankStatement = f.attachmentType === "bank-statement";
  return render(
    `${bankStatement ? "Kontoutdraget" : "Originalet"} kunde inte tas emot: ${f.reference}`,
    [
      `Den uppladdade filen för ${f.reference} kunde inte tas emot: ${f.reasonSv}`,
      bankStatement
        ? "Ladda upp kontoutdraget igen som PDF, JPEG, PNG eller TIFF."
        : "Ladda upp en ny skanning av det undertecknade originalet som PDF, JPEG, PNG eller TIFF.",
      `(English: the uploaded ${bankStatement ? "bank statement" : "file"} could not be accepted: ${f.reasonEn} Please upload ${bankStatement ? "it again" : "a new scan"}.)`,
    ],
    factRows(f),
    [onPage(f.municipalityLink, "Ladda upp på nytt")],
  );
}

const ATTACHMENT_SV = {
  original: "ett nytt undertecknat original",
  "bank-statement": "ett kontoutdrag",
} as const;

/** An officer returned a submission: why, what to add, and how to send the corrected version. */
export function returnedMail(
  f: SubmissionFacts & { reason: string; requestedAttachment?: "original" | "bank-statement" },
): RenderedMail {
  const rows = factRows(f);
  rows.push(["Skäl", f.reason]);
  if (f.requestedAttachment) rows.push(["Begärd bilaga", ATTACHMENT_SV[f.requestedAttachment]]);
  return render(
    `Återsänd för komplettering: ${kindSv(f.kind)} ${f.reference}`,
    [
      `${f.receivingAgency} har granskat ${kindSv(f.kind)} ${f.reference} och återsänder den för komplettering.`,
      `Skäl: ${f.reason}`,
      `(English: your ${kindEn(f.kind)} ${f.reference} was returned for correction. Reason: ${f.reason})`,
    ],
    rows,
    [
      `Lämna en rättad version som ersätter den återsända och ladda upp dess undertecknade original${f.requestedAttachment === "bank-statement" ? " och kontoutdraget som bilaga" : ""}. Den rättade versionen får ett nytt versionsnummer i referensen.`,
      onPage(f.municipalityLink, "Rätta och skicka in"),
      `Frågor besvaras av ${f.receivingAgency}. Ange alltid referensen.`,
    ],
  );
}

/** An officer approved: what happens next. */
export function approvedMail(f: SubmissionFacts): RenderedMail {
  return render(
    `Godkänd: ${kindSv(f.kind)} ${f.reference}`,
    [
      `${f.receivingAgency} har godkänt ${kindSv(f.kind)} ${f.reference}.`,
      f.kind === "requisition"
        ? "Beloppet betalas ut till det bank- eller plusgiro som rekvisitionen anger."
        : "Redovisningen är godkänd.",
      `(English: ${f.receivingAgency} has approved ${kindEn(f.kind)} ${f.reference}.)`,
    ],
    factRows(f),
    [
      onPage(f.municipalityLink, "Se inlämningen"),
      `Frågor besvaras av ${f.receivingAgency}. Ange alltid referensen.`,
    ],
  );
}

/** An officer refused a requisition (avslag): why, and that the reservation is released. */
export function refusedMail(f: SubmissionFacts & { reason: string }): RenderedMail {
  return render(
    `Avslag: ${kindSv(f.kind)} ${f.reference}`,
    [
      `${f.receivingAgency} har avslagit ${kindSv(f.kind)} ${f.reference}.`,
      `Skäl: ${f.reason}`,
      `(English: ${f.receivingAgency} has refused ${kindEn(f.kind)} ${f.reference}. Reason: ${f.reason})`,
    ],
    [...factRows(f), ["Skäl", f.reason]],
    [
      onPage(f.municipalityLink, "Se inlämningen"),
      `Frågor besvaras av ${f.receivingAgency}. Ange alltid referensen.`,
    ],
  );
}

/** The agency registered the payment of an approved requisition. */
export function paymentMail(f: SubmissionFacts & { paid: number; paidOn: string }): RenderedMail {
  return render(
    `Utbetalning: ${f.reference}, ${formatKronor(f.paid)}`,
    [
      `${f.receivingAgency} har betalat ut ${formatKronor(f.paid)} för ${kindSv(f.kind)} ${f.reference} den ${f.paidOn}.`,
      `(English: ${f.receivingAgency} paid ${formatKronor(f.paid)} for ${f.reference} on ${f.paidOn}.)`,
    ],
    [...factRows(f), ["Utbetalt", formatKronor(f.paid)], ["Utbetalningsdag", f.paidOn]],
    [
      f.reportDeadline
        ? `Ekonomisk redovisning lämnas senast ${f.reportDeadline}; den stäms av mot denna utbetalning.`
        : "Den ekonomiska redovisningen stäms av mot denna utbetalning.",
      onPage(f.municipalityLink, "Se inlämningen"),
    ],
  );
}

/** A returned requisition was not corrected within the grace period: it lapsed with the right. */
export function returnedLapsedMail(f: SubmissionFacts & { graceEnds: string }): RenderedMail {
  return render(
    `Förfallen: ${kindSv(f.kind)} ${f.reference}`,
    [
      `${kindSv(f.kind)} ${f.reference} återsändes för komplettering men rättades inte senast ${f.graceEnds}. Rätten till den del av bidraget som den gällde har förfallit.`,
      `(English: ${kindEn(f.kind)} ${f.reference} was returned and not corrected by ${f.graceEnds}; the right to that part of the grant has lapsed.)`,
    ],
    factRows(f),
    [
      onPage(f.municipalityLink, "Se inlämningen"),
      `Frågor besvaras av ${f.receivingAgency}. Ange alltid referensen.`,
    ],
  );
}
