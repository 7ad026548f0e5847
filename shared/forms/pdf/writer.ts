import { type PDFDocument, type PDFFont, type PDFPage, rgb } from "pdf-lib";
import { drawFormCode } from "./form-code.ts";

/**
 * Lays out a printed form on A4 with pdf-lib's standard Helvetica, whose WinAnsi encoding has
 * å ä ö é and the en dash; anything outside it is replaced rather than breaking the PDF. Every
 * page carries the reference in text and as a QR code, so a scan can always be matched to it.
 */
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

/** A label and its value, as one row of the form. */
export type Row = [label: string, value: string];

export class Writer {
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
    drawFormCode(this.page, this.reference, { x: A4.width - MARGIN - 64, y: top - 64 + 12, size: 64 });
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

  /**
   * A line to sign on by hand and, beside it, the place and date; the printed name beneath.
   * `placeAndDate` and `name` are [label, value].
   */
  signature(caption: string, placeAndDate: Row, name: Row): void {
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
    this.text(placeAndDate[0], MARGIN + width + 30, this.y - 12, 8.5, this.font, GREY);
    this.text(placeAndDate[1], MARGIN + width + 30, this.y + 5, 10.5);
    this.y -= 30;
    this.row(...name);
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
