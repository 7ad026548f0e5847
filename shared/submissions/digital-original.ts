import type { DigitalSignaturePolicy, Programme } from "../programmes/schema.ts";
import type { SignatureSummary } from "../signatures/model.ts";
import type { DigitalOriginal, Submission } from "./model.ts";
import type { PdfFormCodes } from "./pdf-form-codes.ts";
import { type Refusal, refusal } from "./refusals.ts";

/**
 * When a digitally signed PDF stands in for the scan of the signed paper, so nothing is printed.
 * The rule, in order:
 *
 * 1. Only our own form is judged here: a PDF whose document information names no form code of
 *    ours (./pdf-form-codes.ts) is a scan, and its QR codes decide as for any scan.
 * 2. A form of another submission, or of another version of this one, is refused as a scan of it
 *    would be (SCAN_FOR_OTHER_SUBMISSION, naming it), however it is signed.
 * 3. The document must have the form's pages (its codes count them, every page named once).
 * 4. The programme must accept digital signatures (its `digitalSignature` fact).
 * 5. Every signature must be `verified` (trusted chain, intact), one of them covering the file to
 *    its end: the file's summary is the worst of its signatures, so one untrusted countersignature
 *    is enough to say no. Revocation is not checked (shared/signatures/).
 *
 * Our form refused under 3–5 is DIGITAL_SIGNATURE_NOT_ACCEPTED, saying why in Swedish and
 * English; the municipality may then upload a scan of the printed form. What the check does not
 * prove: that the pages show what we printed. The codes bind the file to the submission, the
 * signature binds it to the signer; the officer still reads the form, as with a scan.
 */
/**
 * A programme that says nothing accepts verified signatures: the agreements take requisitions
 * "digitalt signerade alternativt underskrivna och scannade". Here rather than beside the schema,
 * so the upload check does not bundle zod for one constant.
 */
export const DEFAULT_DIGITAL_SIGNATURE: DigitalSignaturePolicy = { accepted: "any-verified" };

export type DigitalOriginalVerdict =
  | { standsIn: false }
  | { standsIn: true; digital: DigitalOriginal }
  | Refusal;

export function judgeDigitalOriginal(
  submission: Pick<Submission, "id" | "reference">,
  form: PdfFormCodes,
  signature: SignatureSummary,
  programme: Pick<Programme, "digitalSignature">,
): DigitalOriginalVerdict {
  if (form.codes.length === 0) return { standsIn: false };
  const other = form.codes.find(
    (c) => c.submissionId !== submission.id || c.reference !== submission.reference,
  );
  if (other) {
    return refusal("SCAN_FOR_OTHER_SUBMISSION", { scanned: other.reference, expected: submission.reference });
  }
  if (signature.status === "none") return { standsIn: false };
  const pages = form.codes[0]?.pages ?? 0;
  const named = new Set(form.codes.map((c) => c.page));
  const everyPageOnce =
    form.codes.every((c) => c.pages === pages) && named.size === pages && form.codes.length === pages;
  if (!everyPageOnce || form.pageCount !== pages) {
    return refusal("DIGITAL_SIGNATURE_NOT_ACCEPTED", { digital: "pages" });
  }
  const policy = programme.digitalSignature ?? DEFAULT_DIGITAL_SIGNATURE;
  if (policy.accepted === "none")
    return refusal("DIGITAL_SIGNATURE_NOT_ACCEPTED", { digital: "not-accepted" });
  if (signature.status !== "verified" || !signature.signatures.some((s) => s.coversWholeDocument)) {
    const digital = signature.status === "verified" ? "partial" : signature.status;
    return refusal("DIGITAL_SIGNATURE_NOT_ACCEPTED", { digital });
  }
  return {
    standsIn: true,
    digital: {
      pages,
      // Names and times only: the serialNumber (personnummer) stays with the attachment's summary.
      signers: signature.signatures.map(({ signerName, signedAt, issuer }) => ({
        ...(signerName ? { signerName } : {}),
        ...(signedAt ? { signedAt } : {}),
        ...(issuer ? { issuer } : {}),
      })),
    },
  };
}
