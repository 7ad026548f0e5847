/**
 * What a page loads at start, from esbuild's metafile: its entry chunk and every chunk reachable
 * through static imports. Chunks behind a dynamic `import()` (pdf-lib, loaded when a PDF is made)
 * are fetched later, if ever, so they are not counted.
 */
import type { Metafile } from "esbuild";

/** The output file (metafile key) built from `entryPoint` (a metafile input path). */
export function entryOutput(metafile: Metafile, entryPoint: string): string {
  const found = Object.entries(metafile.outputs).find(([, o]) => o.entryPoint === entryPoint);
  if (!found) throw new Error(`no output for entry point ${entryPoint}`);
  return found[0];
}

/** `entry` and the chunks it statically imports, transitively; JavaScript only. */
export function staticClosure(metafile: Metafile, entry: string): string[] {
  const seen = new Set<string>();
  const queue = [entry];
  for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
    if (seen.has(file)) continue;
    const output = metafile.outputs[file];
    if (!output) throw new Error(`metafile has no output ${file}`);
    seen.add(file);
    for (const imported of output.imports) {
      if (imported.kind === "import-statement" && !imported.external) queue.push(imported.path);
    }
  }
  return [...seen].filter((f) => f.endsWith(".js"));
}

/**
 * Bytes in `files` per npm package, largest first; the app's own code is counted apart
 * (`own`) as it is no package.
 */
export function packagesIn(
  metafile: Metafile,
  files: readonly string[],
): { packages: { name: string; bytes: number }[]; own: number } {
  const totals = new Map<string, number>();
  let own = 0;
  for (const file of files) {
    for (const [input, { bytesInOutput }] of Object.entries(metafile.outputs[file]?.inputs ?? {})) {
      const at = input.lastIndexOf("node_modules/");
      if (at < 0) {
        own += bytesInOutput;
        continue;
      }
      const [first = input, second = ""] = input.slice(at + "node_modules/".length).split("/");
      const name = first.startsWith("@") ? `${first}/${second}` : first;
      totals.set(name, (totals.get(name) ?? 0) + bytesInOutput);
    }
  }
  const packages = [...totals.entries()]
    .map(([name, bytes]) => ({ name, bytes }))
    .sort((a, b) => b.bytes - a.bytes);
  return { packages, own };
}
