/**
 * Writes ./jbig2-wasm.ts from the installed pdfjs-dist's jbig2.wasm: run it after upgrading
 * pdfjs-dist (`npx tsx shared/scans/jbig2-wasm.generate.ts`). Not bundled: nothing imports it.
 */
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const { version } = require("pdfjs-dist/package.json") as { version: string };
const wasm = readFileSync(require.resolve("pdfjs-dist/wasm/jbig2.wasm"));
const sha = createHash("sha256").update(wasm).digest("hex");
writeFileSync(
  new URL("./jbig2-wasm.ts", import.meta.url),
  `/**
 * pdfjs-dist ${version}’s wasm/jbig2.wasm (PDFium’s JBIG2 and CCITT fax decoders, BSD licence, in
 * node_modules/pdfjs-dist/wasm/LICENSE_JBIG2), as base64: a Lambda bundle is one script, and
 * esbuild inlines no .wasm file. Generated, not edited: test/unit/scans/fax-jbig2.test.ts fails
 * when it no longer equals the installed package’s file, and says how to regenerate it.
 */
export const JBIG2_WASM_SHA256 = "${sha}";
export const JBIG2_WASM_BASE64 =
  "${wasm.toString("base64")}";
`,
);
