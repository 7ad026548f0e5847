import { join } from "node:path";
import type { ICommandHooks } from "aws-cdk-lib/aws-lambda-nodejs";
import { FORM_FONT_FILES } from "../../shared/forms/pdf/fonts.ts";
import type { FunctionDef } from "../routes.ts";
import { shellWord } from "./shell-word.ts";

/** The functions that print the Bilaga 2 form. */
export const printsForms = (def: Pick<FunctionDef, "needs">): boolean => def.needs.formFonts === true;

/** The font package's files a bundle carries: the two fonts and the licence that goes with them. */
const FILES = [
  ...Object.values(FORM_FONT_FILES),
  join(FORM_FONT_FILES.regular.split("/")[0] ?? "", "LICENSE.md"),
];

/**
 * Bundling commands that copy the fonts into the bundle's node_modules, beside index.mjs, where
 * shared/forms/pdf/package-fonts.ts resolves them as it does when run from source. Files, not
 * code: some 860 kB that esbuild would otherwise inline as base64 into the script Node parses.
 */
export function formFontsCommands(inputDir: string, outputDir: string): string[] {
  return FILES.flatMap((file) => {
    const target = join(outputDir, "node_modules", file);
    return [
      `mkdir -p ${shellWord(join(target, ".."))}`,
      `cp ${shellWord(join(inputDir, "node_modules", file))} ${shellWord(target)}`,
    ];
  });
}

/** Bundling hooks running `after` (each function's other commands, e.g. the trust list) and the font copies. */
export function formFontsHooks(after?: ICommandHooks): ICommandHooks {
  return {
    beforeBundling: (i, o) => after?.beforeBundling(i, o) ?? [],
    beforeInstall: (i, o) => after?.beforeInstall(i, o) ?? [],
    afterBundling: (i, o) => [...(after?.afterBundling(i, o) ?? []), ...formFontsCommands(i, o)],
  };
}
