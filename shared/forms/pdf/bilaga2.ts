import fontkit, { type TypeFeatures } from "@pdf-lib/fontkit";
import { PDFDocument } from "pdf-lib";
import { formatKronor } from "../../money.ts";
import { type Answers, answerText, type Question } from "../../programmes/questions.ts";
import {
  type CataloguedPath,
  CERTIFICATION_ALTERNATIVES_PDF,
  type FormKind,
  pdfLabel,
  type SectionOf,
  sectionTitle,
} from "../field-catalogue.ts";
import { encodeFormCode } from "../form-code.ts";
import type { ReportForm, RequisitionForm } from "../index.ts";
import type { FormFonts } from "./fonts.ts";
import { Writer } from "./writer.ts";

/**
 * The Bilaga 2 form, filled in from what was submitted, to print, sign by hand and scan. Made in
 * the browser (and in unit tests). Swedish only, as the paper form, and worded as Bilaga 2 prints
 * it: headings, labels, declarations and the reviewer's alternatives come from the field
 * catalogue's printed wording.
 */
export type Bilaga2Input =
  | {
      kind: "requisition";
      submissionId: string;
      reference: string;
      form: RequisitionForm;
      receivedAt?: string;
    }
  | { kind: "report"; submissionId: string; reference: string; form: ReportForm; receivedAt?: string };

/** The programme's own questions on this form, for the answers' wording (none: no such section). */
export type PrintedQuestions = readonly Question[];

const period = (p: { from: string; to: string }) => `${p.from} – ${p.to}`;

/** A section's heading and, where Bilaga 2 has one, the declaration under it. */
function heading<K extends FormKind>(w: Writer, kind: K, section: SectionOf<K>): void {
  const title = sectionTitle(kind, section);
  w.heading(title.pdf);
  if (title.declaration) w.paragraph(title.declaration);
}

function recipientRows(w: Writer, kind: FormKind, r: RequisitionForm["recipient"]): void {
  const label = (path: CataloguedPath) => pdfLabel(kind, path);
  w.row(label("recipient.name"), r.name);
  w.row(label("recipient.organisationNumber"), r.organisationNumber);
  w.row(label("recipient.contactPerson"), r.contactPerson);
  w.row(
    label("recipient.postalAddress"),
    `${r.postalAddress.street}, ${r.postalAddress.postalCode} ${r.postalAddress.city}`,
  );
  w.row(label("recipient.phone"), r.phone);
  if (r.fax) w.row(label("recipient.fax"), r.fax);
  w.row(label("recipient.email"), r.email);
}

/** In Bilaga 2's order; a programme without an agreement has no agreement title or number to print. */
function agreementRows(w: Writer, kind: FormKind, g: RequisitionForm["grant"] | ReportForm["grant"]): void {
  const label = (path: CataloguedPath) => pdfLabel(kind, path);
  if (g.agreementDiarienummer) w.row(label("grant.agreementDiarienummer"), g.agreementDiarienummer);
  w.row(label("grant.decisionDiarienummer"), g.decisionDiarienummer);
  if (g.agreementTitle) w.row(label("grant.agreementTitle"), g.agreementTitle);
}

/** Bilaga 2's "Datum", "Underskrift" and "Namnförtydligande". */
function signatureLine(w: Writer, kind: FormKind, caption: string, name: string, date: string): void {
  w.signature(
    caption,
    [pdfLabel(kind, "signature.date"), date],
    [pdfLabel(kind, "signature.signatory"), name],
  );
}

/**
 * Not on Bilaga 2: the programme's own questions with the answers given, before the signature, so
 * what is signed includes them. An answer to a question the programme no longer asks keeps its id.
 */
function answers(w: Writer, given: Answers | undefined, questions: PrintedQuestions): void {
  const asked = new Set(questions.map((q) => q.id));
  const rows: [string, string][] = [
    ...questions.map((q): [string, string] => [q.label.sv, answerText(given?.[q.id])]),
    ...Object.entries(given ?? {})
      .filter(([id]) => !asked.has(id))
      .map(([id, a]): [string, string] => [id, answerText(a)]),
  ];
  if (rows.length === 0) return;
  w.heading("Frågor i det här bidraget");
  for (const [label, value] of rows) w.row(label, value);
}

function requisition(w: Writer, form: RequisitionForm, questions: PrintedQuestions): void {
  const label = (path: CataloguedPath) => pdfLabel("requisition", path);
  heading(w, "requisition", 1);
  recipientRows(w, "requisition", form.recipient);
  heading(w, "requisition", 2);
  agreementRows(w, "requisition", form.grant);
  w.row(
    label("grant.kind"),
    form.grant.kind === "model-extra" ? "Extra medel som modellkommun" : "Kommunens del enligt fördelningen",
  );
  w.row(label("grant.amount"), formatKronor(form.grant.amount));
  w.row(label("grant.period"), period(form.grant.period));
  if (form.grant.surveyCommitment !== undefined)
    w.row(label("grant.surveyCommitment"), form.grant.surveyCommitment ? "Ja" : "Nej");
  heading(w, "requisition", 3);
  const giro = form.payment.method === "plusgiro" ? "Plusgiro" : "Bankgiro";
  w.row(label("payment.account"), `${giro} ${form.payment.account}`);
  if (form.payment.reference) w.row(label("payment.reference"), form.payment.reference);
  answers(w, form.answers, questions);
  // The declaration and the line to sign on: one page, never the signature alone.
  w.keepTogether(() => {
    heading(w, "requisition", 4);
    signatureLine(w, "requisition", "Underskrift", form.signature.signatory, form.signature.date);
  });
}

function report(w: Writer, form: ReportForm, questions: PrintedQuestions): void {
  const label = (path: CataloguedPath) => pdfLabel("report", path);
  const c = form.certification;
  heading(w, "report", 1);
  recipientRows(w, "report", form.recipient);
  heading(w, "report", 2);
  agreementRows(w, "report", form.grant);
  w.row(label("grant.totalGrant"), formatKronor(form.grant.totalGrant));
  w.row(label("grant.totalPaid"), formatKronor(form.grant.totalPaid));
  w.row(label("grant.period"), period(form.grant.period));
  heading(w, "report", 3);
  w.row(label("accounting.received"), formatKronor(form.accounting.received));
  w.row(label("accounting.costs"), formatKronor(form.accounting.costs));
  w.row(label("accounting.unspent"), formatKronor(form.accounting.unspent));
  w.row(label("accounting.surveyAnswered"), form.accounting.surveyAnswered ? "Ja" : "Nej");
  answers(w, form.answers, questions);
  // Both signatures and what they vouch for on the last page, together when they fit (only long
  // deviations break section 4 over pages, and then the reviewer's rows and signature still
  // stay together, and so do section 5's declaration and signature).
  w.keepTogether(() => {
    heading(w, "report", 4);
    // Bilaga 2's "N.N." is the reviewer's name (a function, so "$&" in a name stays as typed).
    for (const alternative of [1, 2] as const)
      w.choice(
        c.alternative === alternative,
        CERTIFICATION_ALTERNATIVES_PDF[alternative].replace("N.N.", () => c.name),
      );
    if (c.alternative === 2) {
      w.row(label("certification.deviations"), c.deviations ?? "");
      if (c.measures) w.row(label("certification.measures"), c.measures);
    }
    // Not on Bilaga 2, which only names the reviewer: the service has the reviewer sign the
    // alternative chosen too, so the certification is not a typed name alone.
    w.keepTogether(() => {
      w.row(label("certification.name"), c.name);
      w.row(label("certification.title"), c.title);
      w.row(label("certification.phone"), c.phone);
      w.row(label("certification.email"), c.email);
      signatureLine(w, "report", "Underskrift, ekonomichefen/verksamhetschefen", c.name, form.signature.date);
    });
    w.keepTogether(() => {
      heading(w, "report", 5);
      signatureLine(w, "report", "Underskrift", form.signature.signatory, form.signature.date);
    });
  });
}

/**
 * fontkit's default OpenType features, all off: pdf-lib draws each glyph at its own advance and
 * drops the kerning fontkit works out, and a ligature would only make copied text differ from
 * what was typed. Shaping without them is about four times faster (the text is NFC already).
 */
const NO_FEATURES: TypeFeatures = Object.fromEntries(
  ["ccmp", "locl", "rlig", "mark", "mkmk", "calt", "clig", "liga", "rclig", "curs", "kern"].map((f) => [
    f,
    false,
  ]),
);

/** `fonts`: the files of ./fonts.ts (the page fetches them, Node reads them: package-fonts.ts). */
export async function bilaga2Pdf(
  input: Bilaga2Input,
  fonts: FormFonts,
  questions: PrintedQuestions = [],
): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const title =
    input.kind === "requisition" ? "Rekvisition av statsbidrag" : "Ekonomisk redovisning av statsbidrag";
  doc.setTitle(`${title} ${input.reference}`);
  doc.setSubject(input.reference);
  doc.setLanguage("sv-SE");
  doc.setCreator("Statsbidrag");
  doc.setProducer("Statsbidrag (pdf-lib)");
  doc.registerFontkit(fontkit);
  // Subset: the PDF carries only the glyphs it draws (some 20 kB instead of the whole font).
  const font = await doc.embedFont(fonts.regular, { subset: true, features: NO_FEATURES });
  const bold = await doc.embedFont(fonts.bold, { subset: true, features: NO_FEATURES });
  const w = new Writer(doc, font, bold, title, input.reference, input.submissionId, input.receivedAt);
  w.newPage();
  if (input.kind === "requisition") requisition(w, input.form, questions);
  else report(w, input.form, questions);
  w.footers();
  // The same form codes as the QR codes, readable without rendering: a signing service keeps the
  // document information when it signs, so a digitally signed form still names its submission
  // (shared/submissions/pdf-form-codes.ts).
  doc.setKeywords(
    w.pages.map((_, i) =>
      encodeFormCode({
        submissionId: input.submissionId,
        reference: input.reference,
        page: i + 1,
        pages: w.pages.length,
      }),
    ),
  );
  return doc.save();
}
