import { type PDFPage, rgb } from "pdf-lib";
import qrcode from "qrcode-generator";

/**
 * The QR code every printed page carries, so a scan can be matched to its submission. Drawn as
 * vector squares (sharp when printed and scanned); `x`, `y` are the code's lower-left corner.
 */
export function drawFormCode(
  page: PDFPage,
  payload: string,
  at: { x: number; y: number; size: number },
): void {
  const code = qrcode(0, "M");
  code.addData(payload);
  code.make();
  const count = code.getModuleCount();
  // One path of unit squares (SVG coordinates: y grows downwards from the top-left corner).
  let path = "";
  for (let row = 0; row < count; row++) {
    for (let col = 0; col < count; col++) if (code.isDark(row, col)) path += `M${col} ${row}h1v1h-1z`;
  }
  page.drawSvgPath(path, {
    x: at.x,
    y: at.y + at.size,
    scale: at.size / count,
    color: rgb(0, 0, 0),
    borderWidth: 0,
  });
}
