import { type PDFPage, rgb } from "pdf-lib";
import qrcode from "qrcode-generator";

/**
 * The QR code every printed page carries (its payload: ../form-code.ts), so a scan can be matched
 * to its submission, version and page. Always version 3 (29 × 29 modules) with error correction M,
 * so the space it needs is known before the payload is: 1.1 mm modules (6.5 px at 150 dpi, enough
 * for a blurred phone photo) and the standard's quiet zone of 4 modules all round, where nothing
 * may be drawn.
 */
const MODULES = 29;
const MODULE = (1.1 / 25.4) * 72;
const QUIET = 4 * MODULE;
export const FORM_CODE_SIZE = MODULES * MODULE;
/** The code with its quiet zone: what the layout keeps clear. */
export const FORM_CODE_ZONE = FORM_CODE_SIZE + 2 * QUIET;

/** Draws the code as vector squares (sharp when printed); `right`, `top` are the code's own corner. */
export function drawFormCode(page: PDFPage, payload: string, at: { right: number; top: number }): void {
  const code = qrcode(3, "M");
  code.addData(payload, "Alphanumeric");
  code.make();
  // One path of unit squares (SVG coordinates: y grows downwards from the top-left corner).
  let path = "";
  for (let row = 0; row < MODULES; row++) {
    for (let col = 0; col < MODULES; col++) if (code.isDark(row, col)) path += `M${col} ${row}h1v1h-1z`;
  }
  page.drawSvgPath(path, {
    x: at.right - FORM_CODE_SIZE,
    y: at.top,
    scale: MODULE,
    color: rgb(0, 0, 0),
    borderWidth: 0,
  });
}
