import { execFileSync } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { formFontsCommands, formFontsHooks, printsForms } from "../../../infra/constructs/form-fonts.ts";
import { PROJECT_ROOT } from "../../../infra/constructs/statsbidrag-function.ts";
import { FUNCTIONS } from "../../../infra/routes.ts";

let bundle: string | undefined;
afterEach(async () => {
  if (bundle) await rm(bundle, { recursive: true, force: true });
});

describe("the printed form's fonts in a Lambda bundle", () => {
  it("are copied where package-fonts.ts resolves them from index.mjs, with their licence", async () => {
    // Prepare: a bundle folder with an index.mjs that resolves the fonts as the bundled code does
    bundle = await mkdtemp(join(tmpdir(), "statsbidrag-fonts-"));
    await writeFile(
      join(bundle, "index.mjs"),
      `import { createRequire } from "node:module";
       const { FORM_FONT_FILES } = JSON.parse(process.argv[2]);
       const resolve = createRequire(import.meta.url).resolve;
       console.log(JSON.stringify(Object.values(FORM_FONT_FILES).map((f) => resolve(f))));`,
    );
    // Act
    for (const command of formFontsCommands(PROJECT_ROOT, bundle)) execFileSync("sh", ["-c", command]);
    const { FORM_FONT_FILES } = await import("../../../shared/forms/pdf/fonts.ts");
    const resolved: string[] = JSON.parse(
      execFileSync(process.execPath, [
        join(bundle, "index.mjs"),
        JSON.stringify({ FORM_FONT_FILES }),
      ]).toString(),
    );
    // Assess
    expect(resolved).toEqual(
      Object.values(FORM_FONT_FILES).map((f) => join(bundle ?? "", "node_modules", f)),
    );
    const licence = await readFile(join(bundle, "node_modules", "source-sans", "LICENSE.md"), "utf8");
    expect(licence).toContain("SIL Open Font License");
  });

  it("go only into the function that prints forms, after the commands a function has already", () => {
    // Prepare
    const before = {
      beforeBundling: () => [],
      beforeInstall: () => [],
      afterBundling: () => ["cp extra.pem /out/extra.pem"],
    };
    // Act
    const printing = FUNCTIONS.filter(printsForms).map((f) => f.name);
    const commands = formFontsHooks(before).afterBundling("/in", "/out");
    // Assess
    expect(printing).toEqual(["get-form"]);
    expect(commands[0]).toContain("extra.pem");
    expect(commands.at(-1)).toContain("LICENSE.md");
  });
});
