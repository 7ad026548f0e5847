import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { FORM_FONT_FILES, type FormFonts } from "./fonts.ts";

/**
 * The form's fonts in Node, read from the npm package once per process. Resolved from this
 * module like a package import, so the same code finds them in node_modules when run from source
 * and in a Lambda bundle, whose build copies the files to node_modules beside index.mjs
 * (infra/constructs/form-fonts.ts).
 */
const resolveFile = createRequire(import.meta.url).resolve;
let fonts: Promise<FormFonts> | undefined;

export function packageFonts(): Promise<FormFonts> {
  fonts ??= Promise.all([
    readFile(resolveFile(FORM_FONT_FILES.regular)),
    readFile(resolveFile(FORM_FONT_FILES.bold)),
  ]).then(([regular, bold]) => ({ regular, bold }));
  return fonts;
}
