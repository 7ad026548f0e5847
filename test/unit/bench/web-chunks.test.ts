import type { Metafile } from "esbuild";
import { describe, expect, it } from "vitest";
import { entryOutput, packagesIn, staticClosure } from "../../../bench/web-chunks.ts";

type Output = Metafile["outputs"][string];
const output = (parts: Partial<Output>): Output => ({
  bytes: 0,
  inputs: {},
  imports: [],
  exports: [],
  ...parts,
});

/**
 * A form page's build in small: the entry imports a shared chunk, which imports another; the PDF
 * chunk is only reached by a dynamic import (and itself imports a chunk of its own).
 */
const metafile: Metafile = {
  inputs: {},
  outputs: {
    "dist/assets/requisition-A.js": output({
      entryPoint: "web/src/pages/requisition.ts",
      imports: [
        { path: "dist/assets/chunk-SHARED.js", kind: "import-statement" },
        { path: "dist/assets/chunk-PDF.js", kind: "dynamic-import" },
      ],
      inputs: { "web/src/pages/requisition.ts": { bytesInOutput: 300 } },
    }),
    "dist/assets/requisition-A.js.map": output({}),
    "dist/assets/chunk-SHARED.js": output({
      imports: [{ path: "dist/assets/chunk-ZOD.js", kind: "import-statement" }],
      inputs: {
        "shared/forms/schema.ts": { bytesInOutput: 200 },
        "node_modules/libphonenumber-js/es6/parse.js": { bytesInOutput: 150 },
      },
    }),
    "dist/assets/chunk-ZOD.js": output({
      imports: [{ path: "dist/assets/chunk-SHARED.js", kind: "import-statement" }],
      inputs: {
        "node_modules/zod/v4/core/schemas.js": { bytesInOutput: 400 },
        "node_modules/zod/v4/mini/schemas.js": { bytesInOutput: 100 },
      },
    }),
    "dist/assets/chunk-PDF.js": output({
      imports: [{ path: "dist/assets/chunk-FONTS.js", kind: "import-statement" }],
      inputs: { "node_modules/pdf-lib/es/index.js": { bytesInOutput: 9000 } },
    }),
    "dist/assets/chunk-FONTS.js": output({
      inputs: { "node_modules/@pdf-lib/standard-fonts/es/index.js": { bytesInOutput: 5000 } },
    }),
  },
};

describe("what a page loads at start", () => {
  it("is its entry chunk and every chunk reached through static imports, not dynamic ones", () => {
    // Prepare
    const entry = entryOutput(metafile, "web/src/pages/requisition.ts");

    // Act
    const files = staticClosure(metafile, entry);

    // Assess: the PDF chunk and what only it imports are left out; a cycle is followed once
    expect(files.sort()).toEqual([
      "dist/assets/chunk-SHARED.js",
      "dist/assets/chunk-ZOD.js",
      "dist/assets/requisition-A.js",
    ]);
  });

  it("counts bytes per npm package, scoped names whole, and the app's own code apart", () => {
    // Prepare
    const files = ["dist/assets/requisition-A.js", "dist/assets/chunk-SHARED.js", "dist/assets/chunk-ZOD.js"];

    // Act
    const { packages, own } = packagesIn(metafile, files);

    // Assess
    expect(packages).toEqual([
      { name: "zod", bytes: 500 },
      { name: "libphonenumber-js", bytes: 150 },
    ]);
    expect(own).toBe(500);
    expect(packagesIn(metafile, ["dist/assets/chunk-FONTS.js"]).packages).toEqual([
      { name: "@pdf-lib/standard-fonts", bytes: 5000 },
    ]);
  });

  it("refuses an entry point the build did not have", () => {
    expect(() => entryOutput(metafile, "web/src/pages/nowhere.ts")).toThrow(/nowhere/);
  });
});
