/**
 * Global setup of the e2e project: the web pages are built once per run (esbuild, the same build
 * `npm start` makes) into a temporary folder, and every browser test file's stack serves that
 * folder (`webStackOptions` in test/e2e/web-rig.ts) instead of building its own copy. The pages do
 * not depend on the stack: the S3 origin and the clock reach them through the headers and
 * config.json, which the stack's server writes per request.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildWeb } from "../../web/build.ts";

export const WEB_DIR_ENV = "STATSBIDRAG_TEST_WEB_DIR";

export default async function setup(): Promise<() => Promise<void>> {
  const root = mkdtempSync(join(tmpdir(), "statsbidrag-web-pages-"));
  const outDir = join(root, "dist");
  try {
    await buildWeb({ outDir });
  } catch (error) {
    rmSync(root, { recursive: true, force: true });
    throw error;
  }
  process.env[WEB_DIR_ENV] = outDir;
  return async () => {
    rmSync(root, { recursive: true, force: true });
  };
}
