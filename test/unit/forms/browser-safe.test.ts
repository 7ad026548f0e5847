import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

/** Packages that run in a browser; anything else reached from shared/forms is a mistake. */
const BROWSER_PACKAGES = new Set([
  "zod",
  "zod/mini",
  "zod/v4/core",
  "libphonenumber-js",
  "libphonenumber-js/core",
]);
const IMPORT = /(?:import|export)\s[^;]*?from\s+"([^"]+)"/g;

function importGraph(...entries: string[]): { files: string[]; packages: Set<string> } {
  const files: string[] = [];
  const packages = new Set<string>();
  const pending = [...entries];
  while (pending.length > 0) {
    const file = pending.pop() ?? "";
    if (files.includes(file)) continue;
    files.push(file);
    for (const [, specifier = ""] of readFileSync(file, "utf8").matchAll(IMPORT)) {
      if (!specifier.startsWith(".")) packages.add(specifier);
      else if (specifier.endsWith(".ts")) pending.push(resolve(dirname(file), specifier));
    }
  }
  return { files, packages };
}

describe("shared/forms runs in a browser", () => {
  it("imports no node: modules and only browser-safe packages, directly or indirectly", () => {
    // Prepare: the forms, and the field catalogue that the pages import on its own
    const entries = ["index.ts", "field-catalogue.ts"].map((file) =>
      fileURLToPath(new URL(`../../../shared/forms/${file}`, import.meta.url)),
    );
    // Act
    const { files, packages } = importGraph(...entries);
    // Assess
    expect(files.length).toBeGreaterThan(10);
    expect([...packages].filter((p) => !BROWSER_PACKAGES.has(p))).toEqual([]);
  });
});
