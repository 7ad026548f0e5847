/**
 * What the verifier found about the digital signatures in one PDF. Plain JSON, so the upload
 * check can store it beside the attachment and the API can return it. The raw CMS is never kept.
 */

/** One signature's verdict, worst first: invalid > partial > untrusted > verified. */
export type SignatureStatus = "verified" | "untrusted" | "invalid" | "partial";

/** The file's verdict: the worst of its signatures, or "none" when it carries no signature at all. */
export type SignatureSummaryStatus = "none" | SignatureStatus;

/** Stable codes for why a signature is not "verified"; the pages and tests key on them. */
export type SignatureReason =
  /** The /ByteRange is not [0 b c d] around exactly the /Contents hex string of its own dictionary. */
  | "BYTE_RANGE_INVALID"
  /** /Contents does not hold a CMS SignedData with one signer. */
  | "UNPARSABLE_CMS"
  /** The CMS does not carry the certificate its signer names. */
  | "SIGNER_CERT_MISSING"
  /** A digest or signature algorithm we do not accept (e.g. SHA-1) or an encapsulated content. */
  | "UNSUPPORTED_ALGORITHM"
  /** The covered bytes are not the bytes that were signed: the file was changed after signing. */
  | "DIGEST_MISMATCH"
  /** The signature over the signed attributes does not verify with the signer's key. */
  | "SIGNATURE_MISMATCH"
  /** Intact, but bytes after it (up to the end of the file) are signed by no one. */
  | "NOT_WHOLE_DOCUMENT"
  /** Intact, but the signer's certificate was not valid at the signing time. */
  | "CERT_EXPIRED_AT_SIGNING"
  /** Intact, but the chain does not end at a certificate in the configured trust list. */
  | "CHAIN_UNTRUSTED"
  /** One entry for every /ByteRange beyond the first 16: a file made to exhaust the check. */
  | "TOO_MANY_SIGNATURES";

export interface SignatureResult {
  status: SignatureStatus;
  /** Subject common name of the signer's certificate; absent when the CMS did not parse. */
  signerName?: string;
  givenName?: string;
  surname?: string;
  /**
   * OFFICER ONLY: the subject serialNumber, in Sweden usually the personnummer
   * ("197001011234" or "PNOSE-197001011234"). Never in mail, logs or the municipality's view.
   */
  serialNumber?: string;
  /** Issuer common name of the signer's certificate. */
  issuer?: string;
  /** ISO time from the signingTime attribute: the signer's own claim, not a trusted timestamp. */
  signedAt?: string;
  /** Whether this signature's /ByteRange reaches the end of the file. */
  coversWholeDocument: boolean;
  /** Always false: OCSP and CRL are not consulted, so a revoked certificate still verifies. */
  revocationChecked: false;
  reason?: SignatureReason;
}

export interface SignatureSummary {
  status: SignatureSummaryStatus;
  /** In file order (the order of incremental updates). */
  signatures: SignatureResult[];
}

export interface VerifyOptions {
  /** The time to check certificates at when a signature has no signing time; defaults to now. */
  now?: Date;
}
