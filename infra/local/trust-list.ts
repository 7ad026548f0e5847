import { readFileSync } from "node:fs";

/**
 * The trust list `npm start` hands the upload check: the PEM bundle the file named by
 * STATSBIDRAG_TRUST_ANCHORS holds (shared/config.ts reads it again when the handlers load). Read
 * here first so a wrong path stops the start with a clear line, and the banner says what is trusted.
 */
export interface TrustList {
  path: string;
  /** How many certificates the bundle holds. */
  certificates: number;
}

/** The bundle at `path`, or an error message saying what is wrong with it. */
export function readTrustList(
  path: string,
  readText: (path: string) => string = (p) => readFileSync(p, "utf8"),
): TrustList | { error: string } {
  let text: string;
  try {
    text = readText(path);
  } catch {
    return { error: `STATSBIDRAG_TRUST_ANCHORS: cannot read ${path}` };
  }
  const certificates = text.match(/-----BEGIN CERTIFICATE-----/g)?.length ?? 0;
  if (certificates === 0) return { error: `STATSBIDRAG_TRUST_ANCHORS: no PEM certificate in ${path}` };
  return { path, certificates };
}

/** The banner's line about digital signatures. */
export function describeTrustList(list: TrustList | undefined): string {
  if (!list) return 'none (set STATSBIDRAG_TRUST_ANCHORS to a PEM file; signatures are at best "untrusted")';
  const count = list.certificates === 1 ? "1 CA certificate" : `${list.certificates} CA certificates`;
  return `${list.path} (${count}; revocation not checked)`;
}
