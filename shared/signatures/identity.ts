import type * as pkijs from "pkijs";

/** Who a certificate names: the parts of its subject and issuer the officer is shown. */
export interface CertificateIdentity {
  signerName?: string;
  givenName?: string;
  surname?: string;
  /** Personnummer in Swedish e-legitimation: officer only, never logged. */
  serialNumber?: string;
  issuer?: string;
}

const OID = {
  commonName: "2.5.4.3",
  surname: "2.5.4.4",
  serialNumber: "2.5.4.5",
  givenName: "2.5.4.42",
} as const;

export function identityOf(certificate: pkijs.Certificate): CertificateIdentity {
  const subject = (oid: string) => attribute(certificate.subject, oid);
  return dropUndefined({
    signerName: subject(OID.commonName),
    givenName: subject(OID.givenName),
    surname: subject(OID.surname),
    serialNumber: subject(OID.serialNumber),
    issuer: attribute(certificate.issuer, OID.commonName),
  });
}

function attribute(name: pkijs.RelativeDistinguishedNames, oid: string): string | undefined {
  // A hostile certificate may put a non-string type here: only a string counts.
  const value: unknown = name.typesAndValues.find((tv) => tv.type === oid)?.value?.valueBlock?.value;
  return typeof value === "string" ? value : undefined;
}

function dropUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
