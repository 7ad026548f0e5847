// The files FORM_FONT_FILES names; an import needs the literal path.
import bold from "source-sans/TTF/SourceSans3-Bold.ttf";
import regular from "source-sans/TTF/SourceSans3-Regular.ttf";
import type { FormFonts } from "../../../shared/forms/pdf/fonts.ts";

/**
 * The PDF form's fonts, fetched when a PDF is made rather than put into a script: some 400 kB
 * gzipped (860 kB as files) that only the page's PDF button needs, cached by the browser like any
 * hashed asset. The URLs are relative to this script's chunk, which sits beside them.
 */
export async function fetchFormFonts(): Promise<FormFonts> {
  const bytes = async (url: string) => {
    const res = await fetch(new URL(url, import.meta.url));
    if (!res.ok) throw new Error(`font ${res.status}`);
    return new Uint8Array(await res.arrayBuffer());
  };
  const [r, b] = await Promise.all([bytes(regular), bytes(bold)]);
  return { regular: r, bold: b };
}
