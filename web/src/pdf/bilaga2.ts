import { PDFDocument, type PDFFont, type PDFPage, rgb, StandardFonts } from "pdf-lib";
import qrcode from "qrcode-generator";
import type { ReportForm, RequisitionForm } from "../../../shared/forms/index.ts";
import { formatKronor } from "../../../shared/money.ts";

/**
 * The Bilaga 2 form, filled in from what was submitted, to print, sign by hand and scan. Made in
 * the browser (and in unit tests) with pdf-lib's standard Helvetica, whose WinAnsi encoding has
 * å ä ö é and the en dash; anything outside it is replaced rather than breaking the PDF. Every
 * page carries the submission's reference in text and as a QR code, so a scan can always be
 * matched to its submission.
 */
export type Bilaga2Input =
  | { kind: "requisition"; reference: string; form: RequisitionForm; receivedAt?: string }
  | { kind: "report"; reference: string; form: ReportForm; receivedAt?: string };

const A4 = { width: 595.28, height: 841.89 };
const MARGIN = 50;
const LABEL_WIDTH = 180;
const VALUE_X = MARGIN + LABEL_WIDTH;
const VALUE_WIDTH = A4.width - MARGIN - VALUE_X;
const HEADER_BOTTOM = A4.height - 120;
const FOOTER_TOP = 60;
const GREY = rgb(0.35, 0.35, 0.35);
const LINE = rgb(0.75, 0.75, 0.75);
const FILL = rgb(0.92, 0.93, 0.95);

/** Lines of text that fit `width`, breaking at spaces (and inside words that are too long). */
export function wrapText(text: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split(/\r?\n/)) {
    let line = "";
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      const candidate = line ? `${line} ${word}` : word;
      if (font.widthOfTextAtSize(candidate, size) <= width) {
        line = candidate;
        continue;
      }
      if (line) lines.push(line);
      let rest = word;
      while (font.widthOfTextAtSize(rest, size) > width && rest.length > 1) {
        let cut = rest.length - 1;
        while (cut > 1 && font.widthOfTextAtSize(rest.slice(0, cut), size) > width) cut--;
        lines.push(rest.slice(0, cut));
        rest = rest.slice(cut);
      }
      line = rest;
    }
    lines.push(line);
  }
  return lines;
}

class Writer {
  readonly pages: PDFPage[] = [];
  private page!: PDFPage;
  private y = 0;
  private readonly encodable: Set<number>;

  constructor(
    private readonly doc: PDFDocument,
    private readonly font: PDFFont,
    private readonly bold: PDFFont,
    private readonly title: string,
    private readonly reference: string,
    private readonly receivedAt: string | undefined,
  ) {
    this.encodable = new Set(font.getCharacterSet());
  }

  /** Text the WinAnsi font can draw: typographic spaces and minus signs mapped, the rest "?". */
  clean(text: string): string {
    const mapped = text
      .normalize("NFC")
      .replace(/[\u2212\u2010\u2011]/g, "-")
      .replace(/[\u2009\u202f\u00a0]/g, " ");
    return [...mapped]
      .map((c) => (c === "\n" || this.encodable.has(c.codePointAt(0) ?? 0) ? c : "?"))
      .join("");
  }

  newPage(): void {
    this.page = this.doc.addPage([A4.width, A4.height]);
    this.pages.push(this.page);
    const top = A4.height - MARGIN;
    this.text("Bilaga 2", MARGIN, top, 9, this.font, GREY);
    this.text(this.title, MARGIN, top - 22, 16, this.bold);
    this.text(`Referens: ${this.reference}`, MARGIN, top - 42, 10, this.bold);
    if (this.receivedAt) this.text(`Inkommen: ${this.receivedAt}`, MARGIN, top - 56, 9, this.font, GREY);
    this.qr(A4.width - MARGIN - 64, top - 64 + 12, 64);
    this.page.drawLine({
      start: { x: MARGIN, y: HEADER_BOTTOM + 10 },
      end: { x: A4.width - MARGIN, y: HEADER_BOTTOM + 10 },
      thickness: 0.8,
      color: LINE,
    });
    this.y = HEADER_BOTTOM - 16;
  }

  private text(
    text: string,
    x: number,
    y: number,
    size: number,
    font = this.font,
    color = rgb(0, 0, 0),
  ): void {
    this.page.drawText(this.clean(text), { x, y, size, font, color });
  }

  /** The reference as a QR code, drawn as vector squares (sharp when printed and scanned). */
  private qr(x: number, y: number, size: number): void {
    const code = qrcode(0, "M");
    code.addData(this.reference);
    code.make();
    const count = code.getModuleCount();
    // One path of unit squares (SVG coordinates: y grows downwards from the top-left corner).
    let path = "";
    for (let row = 0; row < count; row++) {
      for (let col = 0; col < count; col++) if (code.isDark(row, col)) path += `M${col} ${row}h1v1h-1z`;
    }
    this.page.drawSvgPath(path, { x, y: y + size, scale: size / count, color: rgb(0, 0, 0), borderWidth: 0 });
  }

  private ensure(height: number): void {
    if (this.y - height < FOOTER_TOP + 10) this.newPage();
  }

  heading(text: string): void {
    this.ensure(60);
    this.y -= 8;
    this.page.drawRectangle({
      x: MARGIN,
      y: this.y - 6,
      width: A4.width - 2 * MARGIN,
      height: 20,
      color: FILL,
    });
    this.text(text, MARGIN + 6, this.y, 11.5, this.bold);
    this.y -= 24;
  }

  paragraph(text: string, size = 9.5): void {
    const lines = wrapText(this.clean(text), this.font, size, A4.width - 2 * MARGIN);
    for (const line of lines) {
      this.ensure(size + 4);
      this.text(line, MARGIN, this.y, size);
      this.y -= size + 3.5;
    }
    this.y -= 4;
  }

  row(label: string, value: string): void {
    const size = 10.5;
    const lines = wrapText(this.clean(value || "–"), this.font, size, VALUE_WIDTH);
    const labelLines = wrapText(this.clean(label), this.font, 8.5, LABEL_WIDTH - 10);
    const height = Math.max(lines.length * (size + 3), labelLines.length * 11) + 8;
    this.ensure(height);
    labelLines.forEach((l, i) => {
      this.text(l, MARGIN, this.y - i * 11 + 1, 8.5, this.font, GREY);
    });
    lines.forEach((l, i) => {
      this.text(l, VALUE_X, this.y - i * (size + 3), size);
    });
    this.y -= height;
    this.page.drawLine({
      start: { x: MARGIN, y: this.y + 6 },
      end: { x: A4.width - MARGIN, y: this.y + 6 },
      thickness: 0.4,
      color: LINE,
    });
    this.y -= 4;
  }

  /** A box ticked or not, with its text. */
  choice(checked: boolean, text: string): void {
    const lines = wrapText(this.clean(text), this.font, 9.5, A4.width - 2 * MARGIN - 22);
    this.ensure(lines.length * 13 + 6);
    this.page.drawRectangle({
      x: MARGIN,
      y: this.y - 2,
      width: 10,
      height: 10,
      borderColor: rgb(0, 0, 0),
      borderWidth: 0.8,
    });
    if (checked) this.text("X", MARGIN + 1.8, this.y, 10, this.bold);
    lines.forEach((l, i) => {
      this.text(l, MARGIN + 20, this.y - i * 13, 9.5);
    });
    this.y -= lines.length * 13 + 6;
  }

  /** A line to sign on by hand, with the printed name and the date beneath. */
  signature(caption: string, name: string, date: string, place: string): void {
    this.ensure(90);
    this.y -= 40;
    const width = 260;
    this.page.drawLine({
      start: { x: MARGIN, y: this.y },
      end: { x: MARGIN + width, y: this.y },
      thickness: 0.8,
      color: rgb(0, 0, 0),
    });
    this.page.drawLine({
      start: { x: MARGIN + width + 30, y: this.y },
      end: { x: A4.width - MARGIN, y: this.y },
      thickness: 0.8,
      color: rgb(0, 0, 0),
    });
    this.text(caption, MARGIN, this.y - 12, 8.5, this.font, GREY);
    this.text("Ort och datum", MARGIN + width + 30, this.y - 12, 8.5, this.font, GREY);
    this.text(`${place}, ${date}`, MARGIN + width + 30, this.y + 5, 10.5);
    this.y -= 30;
    this.row("Namnförtydligande", name);
  }

  footers(): void {
    const total = this.pages.length;
    this.pages.forEach((page, i) => {
      this.page = page;
      this.page.drawLine({
        start: { x: MARGIN, y: FOOTER_TOP - 8 },
        end: { x: A4.width - MARGIN, y: FOOTER_TOP - 8 },
        thickness: 0.4,
        color: LINE,
      });
      this.text(
        `${this.reference} · Sida ${i + 1} av ${total}`,
        MARGIN,
        FOOTER_TOP - 22,
        8.5,
        this.font,
        GREY,
      );
      const note = "Skriv under, skanna och ladda upp under Inlämning i tjänsten Statsbidrag.";
      const width = this.font.widthOfTextAtSize(this.clean(note), 8.5);
      this.text(note, A4.width - MARGIN - width, FOOTER_TOP - 22, 8.5, this.font, GREY);
    });
  }
}

const period = (p: { from: string; to: string }) => `${p.from} – ${p.to}`;

function recipientRows(w: Writer, r: RequisitionForm["recipient"]): void {
  w.heading("1. Kontaktuppgifter");
  w.row("Bidragsmottagare", r.name);
  w.row("Organisationsnummer", r.organisationNumber);
  w.row("Kontaktperson", r.contactPerson);
  w.row("Postadress", `${r.postalAddress.street}, ${r.postalAddress.postalCode} ${r.postalAddress.city}`);
  w.row("Telefon", r.phone);
  if (r.fax) w.row("Fax", r.fax);
  w.row("E-post", r.email);
}

function agreementRows(w: Writer, g: RequisitionForm["grant"] | ReportForm["grant"]): void {
  w.row("Överenskommelsens benämning", g.agreementTitle);
  w.row("Överenskommelsens diarienummer", g.agreementDiarienummer);
  w.row("Regeringsbeslutets diarienummer", g.decisionDiarienummer);
  w.row("Period", period(g.period));
}

function requisition(w: Writer, form: RequisitionForm): void {
  recipientRows(w, form.recipient);
  w.heading("2. Bidrag som ansökan avser");
  agreementRows(w, form.grant);
  w.row(
    "Avser",
    form.grant.kind === "model-extra" ? "Extra medel som modellkommun" : "Kommunens del enligt fördelningen",
  );
  w.row("Belopp som rekvireras", formatKronor(form.grant.amount));
  w.heading("3. Uppgifter för utbetalning");
  w.row("Betalningssätt", form.payment.method === "plusgiro" ? "Plusgiro" : "Bankgiro");
  w.row(form.payment.method === "plusgiro" ? "Plusgironummer" : "Bankgironummer", form.payment.account);
  if (form.payment.reference) w.row("Referens", form.payment.reference);
  w.heading("4. Underskrift");
  w.paragraph(
    "Härmed rekvireras statsbidrag enligt ovan. Undertecknad intygar att uppgifterna är riktiga och att medlen kommer att användas i enlighet med överenskommelsen.",
  );
  w.signature(
    "Underskrift av behörig företrädare",
    form.signature.signatory,
    form.signature.date,
    form.recipient.postalAddress.city,
  );
}

function report(w: Writer, form: ReportForm): void {
  recipientRows(w, form.recipient);
  w.heading("2. Bidrag som redovisningen avser");
  agreementRows(w, form.grant);
  w.row("Summa bidrag enligt överenskommelsen", formatKronor(form.grant.totalGrant));
  w.row("Utbetalt bidrag", formatKronor(form.grant.totalPaid));
  w.heading("3. Redovisning");
  w.row("Erhållet bidrag", formatKronor(form.accounting.received));
  w.row("Totala kostnader", formatKronor(form.accounting.costs));
  w.row("Medel som inte har förbrukats (bidrag – totala kostnader)", formatKronor(form.accounting.unspent));
  w.row("Kommunen har besvarat Socialstyrelsens enkät", form.accounting.surveyAnswered ? "Ja" : "Nej");
  w.heading("4. Granskning och underskrift");
  w.choice(
    form.certification.alternative === 1,
    "Alternativ 1: Jag har granskat redovisningen och bedömer att den är korrekt och att medlen har använts i enlighet med överenskommelsen.",
  );
  w.choice(
    form.certification.alternative === 2,
    "Alternativ 2: Jag har granskat redovisningen och bedömer att den inte i alla delar är korrekt eller att medlen inte helt har använts i enlighet med överenskommelsen. Avvikelser och åtgärder redovisas nedan.",
  );
  if (form.certification.alternative === 2) {
    w.row("Avvikelser", form.certification.deviations ?? "");
    w.row("Åtgärder", form.certification.measures ?? "");
  }
  w.row("Granskad av", `${form.certification.name}, ${form.certification.title}`);
  w.row("Telefon / e-post", `${form.certification.phone} / ${form.certification.email}`);
  const city = form.recipient.postalAddress.city;
  w.signature("Underskrift av granskare", form.certification.name, form.signature.date, city);
  w.paragraph("Redovisningen lämnas av behörig företrädare för kommunen:");
  w.signature("Underskrift av behörig företrädare", form.signature.signatory, form.signature.date, city);
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
