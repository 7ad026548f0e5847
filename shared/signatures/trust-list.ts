/**
 * Where the trust list comes from: the PEM bundle of the CAs whose digital signatures count as
 * verified. Locally a file (STATSBIDRAG_TRUST_ANCHORS) read with the rest of the configuration; on
 * AWS an SSM parameter (STATSBIDRAG_TRUST_ANCHORS_PARAMETER) read on the first signed PDF and kept
 * for the container's life (shared/adapters/ssm/trust-list.ts).
 */
export interface TrustList {
  /** The PEM text; "" trusts no CA, so an intact signature is at best "untrusted". */
  pem(): Promise<string>;
}

/** A trust list known at start: the file's text, or none. */
export function fixedTrustList(pem: string): TrustList {
  return { pem: async () => pem };
}
