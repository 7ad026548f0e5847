/**
 * Builds the web pages into a folder of static files: one HTML file per page, each loading its own
 * ES module (split chunks shared between pages; pdf-lib is only loaded when a PDF is made), one CSS
 * file and a default config.json. File names of scripts and styles carry a content hash so a CDN can
 * cache them forever; the HTML files are small and revalidated.
 *
 * `npx tsx web/build.ts [outDir] [--csp "<policy>"]` builds from the command line; the local stack
 * (infra/local/web.ts) and the browser tests call buildWeb() themselves, so there is no extra step.
 */
import { mkdir, rename, rm, writeFile } from "node:fs/promises";
import { basename, dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { type BuildOptions, build } from "esbuild";
import { PAGES } from "./src/pages.ts";

const webDir = dirname(fileURLToPath(import.meta.url));
export const DEFAULT_OUT_DIR = join(webDir, "dist");

export interface BuildWebOptions {
  outDir?: string;
  minify?: boolean;
  /**
   * A Content-Security-Policy for a <meta> tag, for hosting where no header can be set. The local
   * server sends the policy as a header instead (it knows the S3 origin only at run time).
   */
  metaCsp?: string;
}

export interface BuiltWeb {
  outDir: string;
  pages: string[];
  ms: number;
}

const escapeAttr = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

function html(page: (typeof PAGES)[number], script: string, css: string, metaCsp?: string): string {
  return `<!doctype html>
<html lang="sv">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
${metaCsp ? `<meta http-equiv="Content-Security-Policy" content="${escapeAttr(metaCsp)}">\n` : ""}<meta name="referrer" content="no-referrer">
<title>${page.title.sv} – Statsbidrag</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${css}">
<script type="module" src="${script}"></script>
</head>
<body>
<a class="skip-link" href="#main">Hoppa till huvudinnehållet</a>
<header class="site-header" id="site-header"><div class="wrap"><span class="brand">Statsbidrag</span></div></header>
<main id="main" class="wrap" tabindex="-1">
<h1>${page.title.sv}</h1>
<p class="loading">Laddar…</p>
<noscript><p>Sidan behöver JavaScript. / This page needs JavaScript.</p></noscript>
</main>
<footer class="site-footer" id="site-footer"></footer>
</body>
</html>
`;
}

export async function buildWeb(options: BuildWebOptions = {}): Promise<BuiltWeb> {
  const started = Date.now();
  const outDir = resolve(options.outDir ?? DEFAULT_OUT_DIR);
  // Built beside the target (in a folder named dist, which git and Biome ignore) and swapped in at
  // the end, so a server using the old build (another `npm start`) never sees it half-written.
  const stageRoot = join(dirname(outDir), `.web-build-${process.pid}-${Date.now()}`);
  const stage = join(stageRoot, "dist");
  const assets = join(stage, "assets");
  await mkdir(assets, { recursive: true });
  try {
    await buildInto(stage, assets, options);
    await rm(outDir, { recursive: true, force: true });
    await rename(stage, outDir);
  } finally {
    await rm(stageRoot, { recursive: true, force: true });
  }
  return { outDir, pages: PAGES.map((p) => p.file), ms: Date.now() - started };
}

/** The page script of each page, as an esbuild entry point. */
export const pageEntry = (page: (typeof PAGES)[number]) => join(webDir, "src", "pages", `${page.script}.ts`);

/**
 * The esbuild options of the pages' build, into `assets`: the one source for the build and for the
 * bench, which measures what a page loads (bench/web.ts).
 */
export function webBuildOptions(assets: string, minify = true) {
  return {
    entryPoints: [...PAGES.map(pageEntry), join(webDir, "src", "styles.css")],
    outdir: assets,
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "browser",
    target: ["es2022", "chrome110", "firefox110", "safari16"],
    minify,
    sourcemap: "linked",
    entryNames: "[name]-[hash]",
    chunkNames: "chunk-[hash]",
    assetNames: "[name]-[hash]",
    metafile: true,
    legalComments: "linked",
    define: { "process.env.NODE_ENV": '"production"' },
    logLevel: "warning",
  } satisfies BuildOptions;
}

async function buildInto(outDir: string, assets: string, options: BuildWebOptions): Promise<void> {
  const result = await build(webBuildOptions(assets, options.minify ?? true));

  // Entry file → output file, for the script and stylesheet tags.
  const outputs = new Map<string, string>();
  for (const [out, meta] of Object.entries(result.metafile.outputs)) {
    if (meta.entryPoint) outputs.set(basename(meta.entryPoint), relative(outDir, resolve(out)));
  }
  const css = outputs.get("styles.css");
  if (!css) throw new Error("web build: no stylesheet output");
  for (const page of PAGES) {
    const script = outputs.get(`${page.script}.ts`);
    if (!script) throw new Error(`web build: no output for ${page.script}`);
    await writeFile(join(outDir, page.file), html(page, script, css, options.metaCsp));
  }
  // Where the API is: same origin by default. A deployment writes its own config.json.
  await writeFile(join(outDir, "config.json"), `${JSON.stringify({ apiBase: "" })}\n`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const cspAt = args.indexOf("--csp");
  const metaCsp = cspAt >= 0 ? args[cspAt + 1] : undefined;
  const outDir = args.find((a, i) => !a.startsWith("--") && (cspAt < 0 || i !== cspAt + 1));
  const built = await buildWeb({ ...(outDir ? { outDir } : {}), ...(metaCsp ? { metaCsp } : {}) });
  console.log(`web: ${built.pages.length} pages in ${built.outDir} (${built.ms} ms)`);
}
