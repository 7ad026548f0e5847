/**
 * Several photos or scanned pages (JPEG, PNG) as one PDF, one page each in the order chosen: a
 * phone takes a picture per page, and the signed original is one file whose pages the upload
 * check reads (each page's QR code says which page it is). pdf-lib is loaded only when this is
 * needed; the images go in as they are (no re-encoding), so the check reads what was taken.
 */
export type Combined = { ok: true; file: File } | { ok: false; reason: "mixed" };

const IMAGE_TYPES = ["image/jpeg", "image/png"];

/** Pages are A4-proportioned at the image's own size: 1 pixel = 1 point keeps the scan sharp. */
export async function combineImages(files: readonly File[], name = "skanning.pdf"): Promise<Combined> {
  if (!files.every((f) => IMAGE_TYPES.includes(f.type))) return { ok: false, reason: "mixed" };
  const { PDFDocument } = await import("pdf-lib");
  const doc = await PDFDocument.create();
  doc.setCreator("Statsbidrag (bilder sammanfogade i webbläsaren)");
  for (const file of files) {
    const bytes = new Uint8Array(await file.arrayBuffer());
    const image = file.type === "image/png" ? await doc.embedPng(bytes) : await doc.embedJpg(bytes);
    const page = doc.addPage([image.width, image.height]);
    page.drawImage(image, { x: 0, y: 0, width: image.width, height: image.height });
  }
  const pdf = await doc.save();
  // A copy in a plain ArrayBuffer: what File takes (pdf-lib may hand back a view of a larger one).
  return { ok: true, file: new File([pdf.slice().buffer], name, { type: "application/pdf" }) };
}
