import { execFileSync } from "node:child_process";
import { mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { build, type Metafile } from "esbuild";
import { BUNDLE, ESBUILD_OPTIONS } from "./constructs/bundling.ts";
import { formFontsCommands, printsForms } from "./constructs/form-fonts.ts";
import { INFRA_FUNCTIONS } from "./constructs/infra-functions.ts";
import { PROJECT_ROOT } from "./constructs/statsbidrag-function.ts";
import { FUNCTIONS, type FunctionDef, functionEntry } from "./routes.ts";

export interface BundleReport {
  readonly name: string;
  /** Size of index.mjs, what Lambda loads (the source map is reported apart). */
  readonly bytes: number;
  readonly sourceMapBytes: number;
  readonly metafile: Metafile;
}

export interface BundleOptions {
  /** With `needs`, a bundle also gets the files its build copies in (the form's fonts). */
  readonly functions?: readonly (Pick<FunctionDef, "name"> & Partial<Pick<FunctionDef, "needs">>)[];
  /** Keep the bundles here instead of a temp dir that is removed afterwards. */
  readonly outdir?: string;
}

/**
 * Bundles every function the way NodejsFunction does at synth (same BUNDLE settings, same
 * working directory, so the same tsconfig and "#shared/*" imports, the same files copied in
 * after bundling) and reports the sizes of the code.
 */
export async function bundleFunctions(options: BundleOptions = {}): Promise<BundleReport[]> {
  const functions = options.functions ?? [...FUNCTIONS, ...INFRA_FUNCTIONS];
  const root = options.outdir ?? (await mkdtemp(join(tmpdir(), "statsbidrag-bundles-")));
  try {
    return await Promise.all(
      functions.map(async ({ name, needs }): Promise<BundleReport> => {
        const outfile = join(root, name, BUNDLE.outfile);
        const result = await build({
          absWorkingDir: PROJECT_ROOT,
          entryPoints: [join(PROJECT_ROOT, functionEntry(name))],
          outfile,
          ...ESBUILD_OPTIONS,
          metafile: true,
          logLevel: "silent",
        });
        // The same commands the synth runs (a bench runs this bundle, so it needs its fonts).
        if (needs && printsForms({ needs }))
          for (const command of formFontsCommands(PROJECT_ROOT, dirname(outfile)))
            execFileSync("sh", ["-c", command]);
        const [code, map] = await Promise.all([stat(outfile), stat(`${outfile}.map`)]);
        return { name, bytes: code.size, sourceMapBytes: map.size, metafile: result.metafile };
      }),
    );
  } finally {
    if (!options.outdir) await rm(root, { recursive: true, force: true });
  }
}

/**
 * Whether a bundle ships any code of an npm package: bytes in the output, not merely files
 * esbuild read (an import it tree-shook away is read but ships nothing).
 */
export function bundleIncludes(report: BundleReport, packageName: string): boolean {
  const marker = `node_modules/${packageName}/`;
  return Object.values(report.metafile.outputs).some((output) =>
    Object.entries(output.inputs).some(
      ([input, { bytesInOutput }]) => input.includes(marker) && bytesInOutput > 0,
    ),
  );
}

function formatTable(reports: readonly BundleReport[]): string {
  const rows = [...reports].sort((a, b) => b.bytes - a.bytes);
  const width = Math.max(...rows.map((r) => r.name.length), "function".length);
  const oneDecimal = new Intl.NumberFormat("en", {
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
    useGrouping: false,
  });
  const kib = (n: number) => `${oneDecimal.format(n / 1024)} KiB`.padStart(12);
  const lines = [
    `${"function".padEnd(width)}  ${"bytes".padStart(10)}  ${"size".padStart(12)}  ${"map".padStart(12)}`,
  ];
  for (const r of rows) {
    lines.push(
      `${r.name.padEnd(width)}  ${String(r.bytes).padStart(10)}  ${kib(r.bytes)}  ${kib(r.sourceMapBytes)}`,
    );
  }
  return lines.join("\n");
}

// `npx tsx infra/bundle-report.ts`
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const started = Date.now();
  const reports = await bundleFunctions();
  console.log(formatTable(reports));
  console.log(`\n${reports.length} functions bundled in ${Date.now() - started} ms`);
}
