import { PDFDocument, StandardFonts } from "pdf-lib";
import { type FormKind, pdfLabel, sectionTitle } from "../../../shared/forms/field-catalogue.ts";
import type { ReportForm, RequisitionForm } from "../../../shared/forms/index.ts";
import { formatKronor } from "../../../shared/money.ts";
import { Writer } from "./writer.ts";

/**
 * The Bilaga 2 form, filled in from what was submitted, to print, sign by hand and scan. Made in
 * the browser (and in unit tests). Swedish only, as the paper form: the field catalogue's printed
 * labels and section titles; the declarations and signature captions are the paper form's own.
 */
export type Bilaga2Input =
  | { kind: "requisition"; reference: string; form: RequisitionForm; receivedAt?: string }
  | { kind: "report"; reference: string; form: ReportForm; receivedAt?: string };

const heading = (w: Writer, kind: FormKind, section: 1 | 2 | 3 | 4) =>
  w.heading(sectionTitle(kind, section).sv);
const period = (p: { from: string; to: string }) => `${p.from} – ${p.to}`;

function recipientRows(w: Writer, kind: FormKind, r: RequisitionForm["recipient"]): void {
  heading(w, kind, 1);
  w.row(pdfLabel("recipient.name"), r.name);
  w.row(pdfLabel("recipient.organisationNumber"), r.organisationNumber);
  w.row(pdfLabel("recipient.contactPerson"), r.contactPerson);
  w.row(
    pdfLabel("recipient.postalAddress"),
    `${r.postalAddress.street}, ${r.postalAddress.postalCode} ${r.postalAddress.city}`,
  );
  w.row(pdfLabel("recipient.phone"), r.phone);
  if (r.fax) w.row(pdfLabel("recipient.fax"), r.fax);
  w.row(pdfLabel("recipient.email"), r.email);
}

/** A programme without an agreement has no agreement title or case number to print. */
function agreementRows(w: Writer, g: RequisitionForm["grant"] | ReportForm["grant"]): void {
  if (g.agreementTitle) w.row(pdfLabel("grant.agreementTitle"), g.agreementTitle);
  if (g.agreementDiarienummer) w.row(pdfLabel("grant.agreementDiarienummer"), g.agreementDiarienummer);
  w.row(pdfLabel("grant.decisionDiarienummer"), g.decisionDiarienummer);
  w.row(pdfLabel("grant.period"), period(g.period));
}

/** Signed by the municipality's authorised representative, at the recipient's city. */
function signatureLine(w: Writer, caption: string, name: string, form: RequisitionForm | ReportForm): void {
  w.signature(
    caption,
    [pdfLabel("signature.date"), `${form.recipient.postalAddress.city}, ${form.signature.date}`],
    [pdfLabel("signature.signatory"), name],
  );
}

function requisition(w: Writer, form: RequisitionForm): void {
  recipientRows(w, "requisition", form.recipient);
  heading(w, "requisition", 2);
  agreementRows(w, form.grant);
  w.row(
    pdfLabel("grant.kind"),
    form.grant.kind === "model-extra" ? "Extra medel som modellkommun" : "Kommunens del enligt fördelningen",
  );
  w.row(pdfLabel("grant.amount"), formatKronor(form.grant.amount));
  if (form.grant.surveyCommitment !== undefined)
    w.row(pdfLabel("grant.surveyCommitment"), form.grant.surveyCommitment ? "Ja" : "Nej");
  heading(w, "requisition", 3);
  const plusgiro = form.payment.method === "plusgiro";
  w.row(pdfLabel("payment.method"), plusgiro ? "Plusgiro" : "Bankgiro");
  // The paper form names the chosen giro's number, not the web form's "Bankgiro- eller plusgironummer".
  w.row(plusgiro ? "Plusgironummer" : "Bankgironummer", form.payment.account);
  if (form.payment.reference) w.row(pdfLabel("payment.reference"), form.payment.reference);
  heading(w, "requisition", 4);
  w.paragraph(
    "Härmed rekvireras statsbidrag enligt ovan. Undertecknad intygar att uppgifterna är riktiga och att medlen kommer att användas i enlighet med överenskommelsen.",
  );
  signatureLine(w, "Underskrift av behörig företrädare", form.signature.signatory, form);
}

function report(w: Writer, form: ReportForm): void {
  const c = form.certification;
  recipientRows(w, "report", form.recipient);
  heading(w, "report", 2);
  agreementRows(w, form.grant);
  w.row(pdfLabel("grant.totalGrant"), formatKronor(form.grant.totalGrant));
  w.row(pdfLabel("grant.totalPaid"), formatKronor(form.grant.totalPaid));
  heading(w, "report", 3);
  w.row(pdfLabel("accounting.received"), formatKronor(form.accounting.received));
  w.row(pdfLabel("accounting.costs"), formatKronor(form.accounting.costs));
  w.row(pdfLabel("accounting.unspent"), formatKronor(form.accounting.unspent));
  w.row(pdfLabel("accounting.surveyAnswered"), form.accounting.surveyAnswered ? "Ja" : "Nej");
  heading(w, "report", 4);
  w.choice(
    c.alternative === 1,
    "Alternativ 1: Jag har granskat redovisningen och bedömer att den är korrekt och att medlen har använts i enlighet med överenskommelsen.",
  );
  w.choice(
    c.alternative === 2,
    "Alternativ 2: Jag har granskat redovisningen och bedömer att den inte i alla delar är korrekt eller att medlen inte helt har använts i enlighet med överenskommelsen. Avvikelser och åtgärder redovisas nedan.",
  );
  if (c.alternative === 2) {
    w.row(pdfLabel("certification.deviations"), c.deviations ?? "");
    w.row(pdfLabel("certification.measures"), c.measures ?? "");
  }
  w.row(pdfLabel("certification.name"), `${c.name}, ${c.title}`);
  w.row(pdfLabel("certification.phone"), `${c.phone} / ${c.email}`);
  signatureLine(w, "Underskrift av granskare", c.name, form);
  w.paragraph("Redovisningen lämnas av behörig företrädare för kommunen:");
  signatureLine(w, "Underskrift av behörig företrädare", form.signature.signatory, form);
}

export async function bilaga2Pdf(input: Bilaga2Input): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const title =
    input.kind === "requisition" ? "Rekvisition av statsbidrag" : "Ekonomisk redovisning av statsbidrag";
  doc.setTitle(`${title} ${input.reference}`);
  doc.setSubject(input.reference);
  doc.setLanguage("sv-SE");
  doc.setCreator("Statsbidrag");
  doc.setProducer("Statsbidrag (pdf-lib)");
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const w = new Writer(doc, font, bold, title, input.reference, input.receivedAt);
  w.newPage();
  if (input.kind === "requisition") requisition(w, input.form);
  else report(w, input.form);
  w.footers();
  return doc.save();
}

export function bilaga2FileName(reference: string): string {
  return `Bilaga2-${reference}.pdf`;
}
