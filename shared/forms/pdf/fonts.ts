/**
 * The printed form's typeface: Source Sans 3 (npm package "source-sans", SIL Open Font License
 * 1.1), which has every letter of Latin-1 and Latin Extended-A/B: Swedish, the Sami languages'
 * Ŋ Đ Ŧ Ž Ǯ, and the Polish, Czech and Hungarian letters names bring. Its unmodified TrueType
 * files: pdf-lib's fontkit cannot subset the WOFF2 ones and inflates a WOFF's tables again on every
 * glyph (seconds per form). A PDF embeds only the glyphs it draws. The page fetches the files as
 * assets (web/src/submission/form-fonts.ts); Node reads them from the package (package-fonts.ts).
 */
export const FORM_FONT_FILES = {
  regular: "source-sans/TTF/SourceSans3-Regular.ttf",
  bold: "source-sans/TTF/SourceSans3-Bold.ttf",
} as const;

/** The font files' bytes, as bilaga2Pdf embeds them. */
export interface FormFonts {
  readonly regular: Uint8Array;
  readonly bold: Uint8Array;
}
