/**
 * The JavaScript each web page loads at start: the pages built as web/build.ts builds them
 * (minified, same options), then per page its entry chunk plus the chunks it statically imports,
 * raw and gzipped (each file on its own, level 9, as a server would send it), and the largest
 * packages in them. Nothing is written to disk.
 */
import { tmpdir } from "node:os";
import { join, relative, resolve, sep } from "node:path";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import { pageEntry, webBuildOptions } from "../web/build.ts";
import { PAGES, type PageId } from "../web/src/pages.ts";
import { entryOutput, packagesIn, staticClosure } from "./web-chunks.ts";

/** The pages with a Bilaga 2 form, whose JavaScript the target is about. */
const FORM_PAGES: readonly PageId[] = ["requisition", "report"];

/**
 * The move to zod/mini is to "roughly halve" a form page's JavaScript (issue #18): at most 0.6 of
 * the baseline's gzip bytes; the report prints each page's exact ratio beside it.
 */
const MAX_RATIO_TO_BASELINE = 0.6;

export interface WebPageRow {
  page: PageId;
  /** Files loaded at start: the entry and its static imports. */
  chunks: number;
  rawBytes: number;
  gzipBytes: number;
  /** Bytes of the app's own code (web/, shared/) in those files, before gzip. */
  ownBytes: number;
  /** The three largest npm packages in those files, before gzip. */
  topPackages: { name: string; bytes: number }[];
}

export interface WebBaseline {
  commit: string;
  what: string;
  gzipBytes: Partial<Record<PageId, number>>;
}

export interface WebResult {
  pages: WebPageRow[];
  formPages: readonly PageId[];
  baseline?: WebBaseline;
  target: { maxRatioToBaseline: number };
  /** Each form page's gzip bytes ÷ its baseline. */
  ratios: Partial<Record<PageId, number>>;
  meetsTarget: boolean;
}

/**
 * The pages before the move to zod/mini (web/src/zod-setup.ts still on classic zod), measured by
 * this phase on that commit: what the target compares with.
 */
export const BASELINE: WebBaseline = {
  commit: "627e21b",
  what: "web/src/zod-setup.ts importing classic zod's `z` (the shared schemas already on zod/mini)",
  gzipBytes: {
    "sign-in": 7276,
    programmes: 11601,
    requisition: 101383,
    report: 103949,
    submission: 22683,
    officer: 87843,
    "officer-submission": 29258,
    "programme-setup": 79353,
    intake: 13687,
    contacts: 22881,
  },
};

export async function measureWeb(baseline = BASELINE): Promise<WebResult> {
  const result = await build({
    ...webBuildOptions(join(tmpdir(), "statsbidrag-web-bench", "assets")),
    write: false,
    logLevel: "silent",
  });
  const contents = new Map(result.outputFiles.map((f) => [f.path, f.contents]));
  const cwd = process.cwd();
  const pages = PAGES.map((page): WebPageRow => {
    const entry = entryOutput(result.metafile, relative(cwd, pageEntry(page)).split(sep).join("/"));
    const files = staticClosure(result.metafile, entry);
    let rawBytes = 0;
    let gzipBytes = 0;
    for (const file of files) {
      const bytes = contents.get(resolve(cwd, file));
      if (!bytes) throw new Error(`web bench: no content for ${file}`);
      rawBytes += bytes.byteLength;
      gzipBytes += gzipSync(bytes, { level: 9 }).byteLength;
    }
    const { packages, own } = packagesIn(result.metafile, files);
    return {
      page: page.id,
      chunks: files.length,
      rawBytes,
      gzipBytes,
      ownBytes: own,
      topPackages: packages.slice(0, 3),
    };
  });
  const ratios: Partial<Record<PageId, number>> = {};
  for (const id of FORM_PAGES) {
    const now = pages.find((p) => p.page === id)?.gzipBytes;
    const before = baseline?.gzipBytes[id];
    if (now !== undefined && before) ratios[id] = Math.round((now / before) * 100) / 100;
  }
  const measured = Object.values(ratios);
  return {
    pages,
    formPages: FORM_PAGES,
    ...(baseline ? { baseline } : {}),
    target: { maxRatioToBaseline: MAX_RATIO_TO_BASELINE },
    ratios,
    meetsTarget: measured.length === FORM_PAGES.length && measured.every((r) => r <= MAX_RATIO_TO_BASELINE),
  };
}
