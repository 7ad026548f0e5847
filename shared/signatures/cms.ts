import * as asn1js from "asn1js";
import * as pkijs from "pkijs";
import { cryptoEngine } from "./engine.ts";
import type { SignatureReason } from "./model.ts";

/** What the CMS says about one signature, before trust is considered. */
export type CmsCheck =
  | { intact: true; signer: pkijs.Certificate; certificates: pkijs.Certificate[]; signedAt?: Date }
  | { intact: false; reason: SignatureReason; signer?: pkijs.Certificate; signedAt?: Date };

const OID = {
  signedData: "1.2.840.113549.1.7.2",
  contentType: "1.2.840.113549.1.9.3",
  messageDigest: "1.2.840.113549.1.9.4",
  signingTime: "1.2.840.113549.1.9.5",
  rsaEncryption: "1.2.840.113549.1.1.1",
} as const;

/** SHA-1 is refused: chosen-prefix collisions make a SHA-1 signature worth nothing. */
const DIGESTS: Record<string, string> = {
  "2.16.840.1.101.3.4.2.1": "SHA-256",
  "2.16.840.1.101.3.4.2.2": "SHA-384",
  "2.16.840.1.101.3.4.2.3": "SHA-512",
};

/**
 * Checks a detached CMS SignedData (adbe.pkcs7.detached / ETSI.CAdES.detached) against the
 * bytes its /ByteRange covers, step by step so each failure has its own reason: the one
 * signer's certificate is in the CMS, the messageDigest attribute is the digest of the
 * covered bytes, and the signature over the signed attributes verifies with that key.
 */
export async function checkCms(der: Uint8Array, covered: Uint8Array<ArrayBuffer>): Promise<CmsCheck> {
  const signedData = parseSignedData(der);
  if (!signedData) return { intact: false, reason: "UNPARSABLE_CMS" };
  const [signerInfo, ...others] = signedData.signerInfos;
  if (!signerInfo || others.length > 0) return { intact: false, reason: "UNPARSABLE_CMS" };
  const certificates = (signedData.certificates ?? []).filter((c) => c instanceof pkijs.Certificate);
  const signer = await findSigner(signerInfo, certificates);
  const signedAt = signingTime(signerInfo);
  const failed = (reason: SignatureReason): CmsCheck => ({ intact: false, reason, signer, signedAt });
  if (!signer) return failed("SIGNER_CERT_MISSING");
  const hash = DIGESTS[signerInfo.digestAlgorithm.algorithmId];
  // An encapsulated content (adbe.pkcs7.sha1) signs a digest, not the document's bytes.
  if (!hash || signedData.encapContentInfo.eContent) return failed("UNSUPPORTED_ALGORITHM");

  let signedBytes: BufferSource = covered;
  if (signerInfo.signedAttrs) {
    const claimed = attributeValue(signerInfo, OID.messageDigest);
    if (!(claimed instanceof asn1js.OctetString) || !attributeValue(signerInfo, OID.contentType)) {
      return failed("UNPARSABLE_CMS");
    }
    const actual = new Uint8Array(await globalThis.crypto.subtle.digest(hash, covered));
    if (!sameBytes(actual, claimed.valueBlock.valueHexView)) return failed("DIGEST_MISMATCH");
    signedBytes = signerInfo.signedAttrs.encodedValue;
  }
  if (!(await signatureVerifies(signedBytes, signerInfo, signer, hash))) return failed("SIGNATURE_MISMATCH");
  return { intact: true, signer, certificates, signedAt };
}

function parseSignedData(der: Uint8Array): pkijs.SignedData | undefined {
  try {
    // The /Contents string is padded with zeros after the DER; the parser stops at its end.
    const asn1 = asn1js.fromBER(der);
    if (asn1.offset === -1) return undefined;
    const contentInfo = new pkijs.ContentInfo({ schema: asn1.result });
    if (contentInfo.contentType !== OID.signedData) return undefined;
    return new pkijs.SignedData({ schema: contentInfo.content });
  } catch {
    return undefined;
  }
}

async function findSigner(signerInfo: pkijs.SignerInfo, certificates: pkijs.Certificate[]) {
  const sid = signerInfo.sid;
  if (sid instanceof pkijs.IssuerAndSerialNumber) {
    return certificates.find((c) => c.issuer.isEqual(sid.issuer) && c.serialNumber.isEqual(sid.serialNumber));
  }
  const keyId = subjectKeyIdentifier(sid);
  if (!keyId) return undefined;
  for (const certificate of certificates) {
    const key = certificate.subjectPublicKeyInfo.subjectPublicKey.valueBlock.valueHexView;
    const digest = new Uint8Array(await globalThis.crypto.subtle.digest("SHA-1", key.slice()));
    if (sameBytes(digest, keyId)) return certificate;
  }
  return undefined;
}

/** [0] SubjectKeyIdentifier, read as pkijs reads it: primitive, or constructed around an OCTET STRING. */
function subjectKeyIdentifier(sid: unknown): Uint8Array | undefined {
  if (sid instanceof asn1js.Primitive) return sid.valueBlock.valueHexView;
  if (sid instanceof asn1js.Constructed) {
    const inner = sid.valueBlock.value[0];
    return inner instanceof asn1js.OctetString ? inner.valueBlock.valueHexView : undefined;
  }
  return undefined;
}

async function signatureVerifies(
  data: BufferSource,
  signerInfo: pkijs.SignerInfo,
  signer: pkijs.Certificate,
  hash: string,
): Promise<boolean> {
  const algorithm = signerInfo.signatureAlgorithm;
  try {
    // With plain rsaEncryption the hash comes from the digest algorithm, as pkijs's own verify does.
    const rsa = algorithm.algorithmId === OID.rsaEncryption;
    return await cryptoEngine().verifyWithPublicKey(
      data,
      signerInfo.signature,
      signer.subjectPublicKeyInfo,
      algorithm,
      rsa ? hash : undefined,
    );
  } catch {
    return false;
  }
}

function signingTime(signerInfo: pkijs.SignerInfo): Date | undefined {
  const value = attributeValue(signerInfo, OID.signingTime);
  if (value instanceof asn1js.UTCTime || value instanceof asn1js.GeneralizedTime) {
    const date = value.toDate();
    return Number.isNaN(date.getTime()) ? undefined : date;
  }
  return undefined;
}

function attributeValue(signerInfo: pkijs.SignerInfo, oid: string): unknown {
  return signerInfo.signedAttrs?.attributes.find((a) => a.type === oid)?.values[0];
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}
