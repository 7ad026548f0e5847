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
  // Bundle the AWS SDK instead of using the runtime's copy: pinned versions, and a smaller cold
  // start because only the clients a function imports are loaded.
  externalModules: [],
  // Never fall back to Docker: synth must work offline with the local esbuild.
  forceDockerBundling: false,
};
