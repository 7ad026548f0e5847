import { type PDFDocument, type PDFFont, type PDFPage, rgb } from "pdf-lib";
import { encodeFormCode } from "../form-code.ts";
import { drawFormCode, FORM_CODE_SIZE, FORM_CODE_ZONE } from "./form-code.ts";

/**
 * Lays out a printed form on A4 in an embedded font (./fonts.ts) that draws every letter names and
 * addresses bring. A signature is never split from its declaration: a block that must stay
 * together is measured first and moved whole to a new page when the page has no room. Every
 * page carries the reference in text and, with the submission id and its page number, as a QR
 * code, so a scan can always be matched to it.
 */
const A4 = { width: 595.28, height: 841.89 };
const MARGIN = 50;
const LABEL_WIDTH = 180;
const VALUE_X = MARGIN + LABEL_WIDTH;
const VALUE_WIDTH = A4.width - MARGIN - VALUE_X;
const HEADER_BOTTOM = A4.height - 120;
const FOOTER_TOP = 60;
/** From a page's first line to its last (newPage and ensure): the most one page holds. */
const PAGE_BODY = HEADER_BOTTOM - 16 - (FOOTER_TOP + 10);
const GREY = rgb(0.35, 0.35, 0.35);
const LINE = rgb(0.75, 0.75, 0.75);
const FILL = rgb(0.92, 0.93, 0.95);
/** The QR code's corner: top right, its quiet zone in the top margin and clear of the first line. */
const CODE = { right: A4.width - MARGIN, top: A4.height - 20 };
const CODE_LEFT = CODE.right - FORM_CODE_SIZE - (FORM_CODE_ZONE - FORM_CODE_SIZE) / 2;

/**
 * Text widths, remembered per font: an embedded font measures by shaping the text (fontkit's
 * layout), and wrapping and keepTogether's measuring ask for the same strings again and again.
 */
const widths = new WeakMap<PDFFont, Map<string, number>>();
function widthOf(font: PDFFont, text: string, size: number): number {
  const known = widths.get(font) ?? new Map<string, number>();
  widths.set(font, known);
  const unit = known.get(text) ?? font.widthOfTextAtSize(text, 1);
  known.set(text, unit);
  return unit * size;
}

/** Lines of text that fit `width`, breaking at spaces (and inside words that are too long). */
export function wrapText(text: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split(/\r?\n/)) {
    let line = "";
    // A line's width is the sum of its words' and spaces' (no kerning across a space).
    let lineWidth = 0;
    const space = widthOf(font, " ", size);
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      const wordWidth = widthOf(font, word, size);
      if (line && lineWidth + space + wordWidth <= width) {
        line = `${line} ${word}`;
        lineWidth += space + wordWidth;
        continue;
      }
      if (line) lines.push(line);
      let rest = word;
      while (widthOf(font, rest, size) > width && rest.length > 1) {
        let cut = rest.length - 1;
        while (cut > 1 && widthOf(font, rest.slice(0, cut), size) > width) cut--;
        lines.push(rest.slice(0, cut));
        rest = rest.slice(cut);
      }
      line = rest;
      lineWidth = widthOf(font, rest, size);
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
  /** While true, drawing only moves `y`: how keepTogether measures a block. */
  private measuring = false;
  /** The page (1-based) of each line to sign on, for the scan instruction in the footer. */
  private readonly signedOn: number[] = [];

  constructor(
    private readonly doc: PDFDocument,
    private readonly font: PDFFont,
    private readonly bold: PDFFont,
    private readonly title: string,
    private readonly reference: string,
    private readonly submissionId: string,
    private readonly receivedAt: string | undefined,
  ) {
    this.encodable = new Set(font.getCharacterSet());
  }

  /**
   * Text as drawn: composed (NFC, so a decomposed "å" is the font's one glyph), typographic spaces
   * as plain ones (amounts read and search as "1 530 608 kr"), and "?" for what the font has no
   * glyph for (emoji), which would otherwise print as nothing.
   */
  clean(text: string): string {
    const mapped = text.normalize("NFC").replace(/[\u2009\u202f\u00a0]/g, " ");
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
    this.page.drawLine({
      start: { x: MARGIN, y: HEADER_BOTTOM + 10 },
      end: { x: CODE_LEFT - 6, y: HEADER_BOTTOM + 10 },
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
    this.draw((page) => page.drawText(this.clean(text), { x, y, size, font, color }));
  }

  private draw(paint: (page: PDFPage) => void): void {
    if (!this.measuring) paint(this.page);
  }

  private ensure(height: number): void {
    if (!this.measuring && this.y - height < FOOTER_TOP + 10) this.newPage();
  }

  /**
   * Lays out `block` on one page: measured first (drawing nothing), and started on a new page when
   * it does not fit on this one. A block taller than a page starts where it is and breaks where it
   * must (blocks kept together inside it still move whole), rather than leave a page half empty.
   */
  keepTogether(block: () => void): void {
    // Inside a block being measured, only the height counts.
    if (this.measuring) {
      block();
      return;
    }
    const start = this.y;
    this.measuring = true;
    try {
      block();
    } finally {
      this.measuring = false;
    }
    const height = start - this.y;
    this.y = start;
    if (height <= PAGE_BODY) this.ensure(height);
    block();
  }

  heading(text: string): void {
    this.ensure(60);
    this.y -= 8;
    const y = this.y;
    this.draw((page) =>
      page.drawRectangle({ x: MARGIN, y: y - 6, width: A4.width - 2 * MARGIN, height: 20, color: FILL }),
    );
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
    // From the first baseline to the last, of the value or the label, whichever runs longer;
    // then the rule beneath, and the next row's first baseline: tight enough that a
    // requisition, its declaration and its signature fit one page.
    const drop = Math.max((lines.length - 1) * (size + 3), (labelLines.length - 1) * 11);
    this.ensure(drop + 14);
    labelLines.forEach((l, i) => {
      this.text(l, MARGIN, this.y - i * 11 + 1, 8.5, this.font, GREY);
    });
    lines.forEach((l, i) => {
      this.text(l, VALUE_X, this.y - i * (size + 3), size);
    });
    const y = this.y - drop - 7;
    this.draw((page) =>
      page.drawLine({
        start: { x: MARGIN, y },
        end: { x: A4.width - MARGIN, y },
        thickness: 0.4,
        color: LINE,
      }),
    );
    this.y = y - 12.5;
  }

  /** A box ticked or not, with its text. */
  choice(checked: boolean, text: string): void {
    const lines = wrapText(this.clean(text), this.font, 9.5, A4.width - 2 * MARGIN - 22);
    this.ensure(lines.length * 13 + 6);
    const y = this.y - 2;
    this.draw((page) =>
      page.drawRectangle({
        x: MARGIN,
        y,
        width: 10,
        height: 10,
        borderColor: rgb(0, 0, 0),
        borderWidth: 0.8,
      }),
    );
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
    const y = this.y;
    const black = rgb(0, 0, 0);
    this.draw((page) => {
      page.drawLine({ start: { x: MARGIN, y }, end: { x: MARGIN + width, y }, thickness: 0.8, color: black });
      page.drawLine({
        start: { x: MARGIN + width + 30, y },
        end: { x: A4.width - MARGIN, y },
        thickness: 0.8,
        color: black,
      });
    });
    if (!this.measuring) this.signedOn.push(this.pages.length);
    this.text(caption, MARGIN, this.y - 12, 8.5, this.font, GREY);
    this.text(placeAndDate[0], MARGIN + width + 30, this.y - 12, 8.5, this.font, GREY);
    this.text(placeAndDate[1], MARGIN + width + 30, this.y + 5, 10.5);
    this.y -= 30;
    this.row(...name);
  }

  /** Page numbers and the QR code, which says "page i of n": both known only after the layout. */
  footers(): void {
    const total = this.pages.length;
    this.pages.forEach((page, i) => {
      this.page = page;
      const payload = encodeFormCode({
        submissionId: this.submissionId,
        reference: this.reference,
        page: i + 1,
        pages: total,
      });
      drawFormCode(page, payload, CODE);
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
      const note = this.scanInstruction(total);
      const width = this.bold.widthOfTextAtSize(this.clean(note), 8.5);
      this.text(note, A4.width - MARGIN - width, FOOTER_TOP - 22, 8.5, this.bold);
    });
  }

  /** Which pages to scan and where the signatures are, so no page is left out of the upload. */
  private scanInstruction(total: number): string {
    if (total === 1) return "Skriv under, skanna och ladda upp sidan i tjänsten Statsbidrag.";
    const pages = [...new Set(this.signedOn)].sort((a, b) => a - b);
    const on =
      pages.length > 1 ? `${pages.slice(0, -1).join(", ")} och ${pages.at(-1)}` : `${pages[0] ?? total}`;
    const what = this.signedOn.length > 1 ? "underskrifterna" : "underskriften";
    return `Skanna och ladda upp alla ${total} sidor som en fil; ${what} finns på sida ${on}.`;
  }
}
