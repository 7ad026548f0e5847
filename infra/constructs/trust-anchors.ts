import { readFileSync } from "node:fs";
import { isAbsolute, join, resolve } from "node:path";
import type { ICommandHooks } from "aws-cdk-lib/aws-lambda-nodejs";
import type { FunctionDef } from "../routes.ts";
import { shellWord } from "./shell-word.ts";

/**
 * The trust list for digital signatures on AWS. A real PEM bundle (several CAs, a few KB each)
 * does not fit a Lambda environment (4 KB in all), so it travels as a file: synth copies the
 * stage's `trustAnchorsFile` into the bundle of each function that runs the upload check, and
 * STATSBIDRAG_TRUST_ANCHORS names it there; shared/config.ts reads it once at cold start.
 */
export const TRUST_ANCHORS_FILE_NAME = "trust-anchors.pem";
/** Where Lambda unpacks the bundle (LAMBDA_TASK_ROOT). */
export const TRUST_ANCHORS_RUNTIME_PATH = `/var/task/${TRUST_ANCHORS_FILE_NAME}`;

/** The functions that read the trust list: the upload check, its sweep and the malware verdict. */
export const readsTrustList = (def: Pick<FunctionDef, "needs">): boolean => def.needs.bucket === "check";

/**
 * The stage's trust list file, resolved against the repository and checked at synth: readable,
 * at least one certificate, and no private key (a bundle is public material; a key is a leak).
 */
export function trustAnchorsSource(
  file: string,
  stage: string,
  projectRoot: string,
  readText: (path: string) => string = (path) => readFileSync(path, "utf8"),
): { path: string; certificates: number } {
  const path = isAbsolute(file) ? file : resolve(projectRoot, file);
  const problem = (what: string) => new Error(`cdk.json: "stages.${stage}.trustAnchorsFile": ${what}`);
  let text: string;
  try {
    text = readText(path);
  } catch {
    throw problem(`cannot read ${path}`);
  }
  if (/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(text)) throw problem(`${path} holds a private key`);
  const certificates = text.match(/-----BEGIN CERTIFICATE-----/g)?.length ?? 0;
  if (certificates === 0) throw problem(`no PEM certificate in ${path}`);
  return { path, certificates };
}

/** Bundling hooks that copy the trust list into the function's bundle, beside index.mjs. */
export function trustAnchorsHooks(source: string): ICommandHooks {
  return {
    beforeBundling: () => [],
    beforeInstall: () => [],
    afterBundling: (_inputDir: string, outputDir: string) => [
      `cp ${shellWord(source)} ${shellWord(join(outputDir, TRUST_ANCHORS_FILE_NAME))}`,
    ],
  };
}
