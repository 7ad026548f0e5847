import { readFileSync } from "node:fs";
import { isAbsolute, resolve } from "node:path";
import { ParameterTier, StringParameter } from "aws-cdk-lib/aws-ssm";
import type { Construct } from "constructs";
import type { FunctionDef } from "../routes.ts";

/**
 * The trust list for digital signatures on AWS: an SSM parameter holding the stage's PEM bundle
 * (`trustAnchorsFile`, checked at synth). The functions that verify signatures get its name in
 * STATSBIDRAG_TRUST_ANCHORS_PARAMETER and `ssm:GetParameter` on it alone (needs.trustList,
 * grant-needs.ts); they read it on their first signed PDF and keep it for the container's life
 * (shared/adapters/ssm/trust-list.ts). A Lambda environment (4 KB in all) cannot hold a bundle.
 */
export const TRUST_ANCHORS_PARAMETER_ENV = "STATSBIDRAG_TRUST_ANCHORS_PARAMETER";

/** An advanced parameter holds at most 8 KB: some four or five root certificates. */
export const TRUST_ANCHORS_MAX_CHARS = 8192;
const STANDARD_TIER_MAX_CHARS = 4096;

/** The functions that read the trust list: the upload check and its sweep, which verify signatures. */
export const readsTrustList = (def: Pick<FunctionDef, "needs">): boolean => def.needs.trustList === true;

export const trustAnchorsParameterName = (stage: string): string => `/statsbidrag/${stage}/trust-anchors`;

/**
 * The stage's trust list file, resolved against the repository and checked at synth: readable,
 * at least one certificate, no private key (a bundle is public material; a key is a leak), and
 * small enough for a parameter.
 */
export function trustAnchorsSource(
  file: string,
  stage: string,
  projectRoot: string,
  readText: (path: string) => string = (path) => readFileSync(path, "utf8"),
): { path: string; certificates: number; text: string } {
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
  if (text.length > TRUST_ANCHORS_MAX_CHARS) {
    throw problem(
      `${path} has ${text.length} characters; an SSM parameter holds ${TRUST_ANCHORS_MAX_CHARS} (keep the roots only)`,
    );
  }
  return { path, certificates, text };
}

/** The parameter, in the standard tier when the bundle fits it (advanced ones cost a little). */
export function trustAnchorsParameter(scope: Construct, stage: string, text: string): StringParameter {
  return new StringParameter(scope, "TrustAnchors", {
    parameterName: trustAnchorsParameterName(stage),
    description: "PEM bundle of the CAs whose digital signatures on originals count as verified",
    stringValue: text,
    tier: text.length > STANDARD_TIER_MAX_CHARS ? ParameterTier.ADVANCED : ParameterTier.STANDARD,
  });
}
