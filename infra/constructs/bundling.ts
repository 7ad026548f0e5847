import { type BundlingOptions, LogLevel, OutputFormat, SourceMapMode } from "aws-cdk-lib/aws-lambda-nodejs";
import type { BuildOptions } from "esbuild";

/**
 * How every function is bundled. NodejsFunction (at synth) and infra/bundle-report.ts (esbuild's
 * JS API) both read these values, so the sizes the report prints are the sizes that deploy.
 */
export const BUNDLE = {
  platform: "node",
  target: "node22",
  format: "esm",
  /** ESM output needs .mjs: the asset has no package.json saying "type": "module". */
  outfile: "index.mjs",
  minify: true,
  sourcemap: true,
  /**
   * Line mappings only, no copy of the sources: Node reads the whole map at cold start when
   * --enable-source-maps is on, and sourcesContent would make it several times larger.
   */
  sourcesContent: false,
  /** Prefer the SDK's ES module builds, which tree-shake better than the CommonJS ones. */
  mainFields: ["module", "main"],
  /**
   * Bundled CommonJS dependencies may still call require() for Node built-ins; an ES module has
   * no require, so recreate it.
   */
  banner: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
  /**
   * Imports resolved otherwise than esbuild would (paths from the project root, where esbuild
   * runs), all below mailparser, whose dependencies were most of the mail functions' bundles:
   * - iconv-lite and encoding-japanese (libmime's charsets, ~580 kB of code tables) by modules of
   *   ours on the runtime's TextDecoder;
   * - libmime by its CommonJS build for everyone: mailparser imports it and mailsplit requires it,
   *   which bundled both its ES and its CommonJS build (~95 kB twice); module.exports is what
   *   either kind of import expects;
   * - html-to-text (~180 kB with htmlparser2 and entities) by a stub: mailparser imports it but
   *   calls it only for an HTML body, which the intake never converts (skipHtmlToText);
   * - he (~87 kB, mostly its table of named entities) by its one function mailparser calls.
   */
  alias: {
    "iconv-lite": "./shared/adapters/charsets/iconv-lite.ts",
    "encoding-japanese": "./shared/adapters/charsets/encoding-japanese.ts",
    libmime: "./node_modules/libmime/dist/cjs/libmime.js",
    "html-to-text": "./shared/adapters/mailparser/html-to-text.ts",
    he: "./shared/adapters/mailparser/he.ts",
  },
} as const;

/** BUNDLE as esbuild's JavaScript API takes it (infra/bundle-report.ts, the bench's floor, tests). */
export const ESBUILD_OPTIONS = {
  bundle: true,
  platform: BUNDLE.platform,
  target: BUNDLE.target,
  format: BUNDLE.format,
  minify: BUNDLE.minify,
  sourcemap: BUNDLE.sourcemap,
  sourcesContent: BUNDLE.sourcesContent,
  mainFields: [...BUNDLE.mainFields],
  banner: { js: BUNDLE.banner },
  alias: { ...BUNDLE.alias },
  // Same as NODEJS_BUNDLING.externalModules: [] — the AWS SDK is bundled.
  external: [],
} satisfies BuildOptions;

export const NODEJS_BUNDLING: BundlingOptions = {
  format: OutputFormat.ESM,
  target: BUNDLE.target,
  minify: BUNDLE.minify,
  sourceMap: BUNDLE.sourcemap,
  sourceMapMode: SourceMapMode.DEFAULT,
  sourcesContent: BUNDLE.sourcesContent,
  // Sizes are reported by infra/bundle-report.ts; synth output stays readable.
  logLevel: LogLevel.WARNING,
  mainFields: [...BUNDLE.mainFields],
  banner: BUNDLE.banner,
  esbuildArgs: { "--alias": Object.entries(BUNDLE.alias).map(([name, path]) => `${name}=${path}`) },
  // Bundle the AWS SDK instead of using the runtime's copy: pinned versions, and a smaller cold
  // start because only the clients a function imports are loaded.
  externalModules: [],
  // Never fall back to Docker: synth must work offline with the local esbuild.
  forceDockerBundling: false,
};
