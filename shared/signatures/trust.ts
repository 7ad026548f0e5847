import * as pkijs from "pkijs";
import { cryptoEngine } from "./engine.ts";
import type { SignatureReason } from "./model.ts";

const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----([A-Za-z0-9+/=\s]+?)-----END CERTIFICATE-----/g;

/**
 * The trust list: every certificate in a PEM bundle. A block that does not parse throws, so a
 * broken configuration fails loudly at the first check instead of trusting less in silence.
 */
export function parseTrustAnchors(pem: string): pkijs.Certificate[] {
  return [...pem.matchAll(PEM_CERTIFICATE)].map((match, index) => {
    try {
      return pkijs.Certificate.fromBER(Buffer.from((match[1] ?? "").replace(/\s+/g, ""), "base64"));
    } catch {
      throw new Error(`Trust anchor ${index + 1} in the PEM bundle is not a certificate`);
    }
  });
}

/**
 * Whether the signer's certificate chains, through the certificates the CMS carries, to one
 * of the trust anchors, with every certificate valid at `at` (the signing time, as the signer
 * claims it). Revocation is NOT checked: no OCSP or CRL is fetched or consulted.
 */
export async function checkTrust(
  signer: pkijs.Certificate,
  carried: pkijs.Certificate[],
  anchors: pkijs.Certificate[],
  at: Date,
): Promise<{ trusted: true } | { trusted: false; reason: SignatureReason }> {
  if (at < signer.notBefore.value || at > signer.notAfter.value) {
    return { trusted: false, reason: "CERT_EXPIRED_AT_SIGNING" };
  }
  if (anchors.length === 0) return { trusted: false, reason: "CHAIN_UNTRUSTED" };
  const engine = new pkijs.CertificateChainValidationEngine({
    trustedCerts: anchors,
    certs: [...carried.filter((c) => c !== signer), signer],
    checkDate: at,
  });
  try {
    const result = await engine.verify({}, cryptoEngine());
    return result.result ? { trusted: true } : { trusted: false, reason: "CHAIN_UNTRUSTED" };
  } catch {
    return { trusted: false, reason: "CHAIN_UNTRUSTED" };
  }
}
