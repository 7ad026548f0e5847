import { formatKronor } from "../../money.ts";
import { type RenderedMail, type Row, render } from "./layout.ts";

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
}

const kindSv = (kind: SubmissionFacts["kind"]) =>
  kind === "report" ? "ekonomisk redovisning" : "rekvisition";
const kindEn = (kind: SubmissionFacts["kind"]) => (kind === "report" ? "financial report" : "requisition");

function factRows(f: SubmissionFacts): Row[] {
  const rows: Row[] = [
    ["Referens", f.reference],
    ["Bidrag", f.programmeTitle],
    ["Kommun", `${f.kommun} (${f.kommunkod})`],
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
    [`Frågor besvaras av ${f.receivingAgency}. Ange alltid referensen.`],
  );
}

/** The municipality's receipt once the signed original has been accepted. */
export function receiptMail(f: SubmissionFacts & { sha256: string }): RenderedMail {
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
            ? `Ej förbrukade medel, ${formatKronor(f.unspent)}, ska återbetalas${f.repaymentDeadline ? ` senast ${f.repaymentDeadline}` : ""}.`
            : "Redovisningen visar inga ej förbrukade medel att återbetala.",
        ];
  return render(
    `Kvitto: ${kindSv(f.kind)} ${f.reference} mottagen`,
    [
      `Vi har tagit emot ${kindSv(f.kind)} ${f.reference} med undertecknat original.`,
      `(English: we have received ${kindEn(f.kind)} ${f.reference} with its signed original.)`,
    ],
    [...factRows(f), ["SHA-256 för originalet", f.sha256]],
    [...next, "Spara detta kvitto."],
  );
}

/** To the programme's officers: the same facts plus the submission id to look it up. */
export function officerNotificationMail(f: SubmissionFacts & { sha256: string }): RenderedMail {
  return render(
    `Ny ${kindSv(f.kind)}: ${f.kommun} ${f.reference}`,
    [`${f.kommun} har lämnat ${kindSv(f.kind)} med undertecknat original.`],
    [...factRows(f), ["SHA-256 för originalet", f.sha256], ["Inlämnings-id", f.submissionId]],
    ["Granska inlämningen i statsbidrag."],
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
    [],
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
      `Lämna en rättad version som ersätter den återsända (POST /submissions/${f.submissionId}/corrections i statsbidrag) och ladda upp dess undertecknade original${f.requestedAttachment === "bank-statement" ? " och kontoutdraget som bilaga" : ""}. Den rättade versionen får ett nytt versionsnummer i referensen.`,
      `Frågor besvaras av ${f.receivingAgency}. Ange alltid referensen.`,
    ],
  );
}
