import { stockholmDateTime } from "../dates.ts";
import { pageLink } from "../mail/links.ts";
import type { SubmissionFacts, VerifiedSigner } from "../mail/templates/submission.ts";
import type { Programme } from "../programmes/schema.ts";
import type { SignatureSummary } from "../signatures/model.ts";
import type { Submission } from "./model.ts";
import { repaymentInstructions } from "./repayment-instructions.ts";

/** What the mails about a submission say of it. */
export function factsOf(submission: Submission, programme: Programme, webBaseUrl?: string): SubmissionFacts {
  const municipalityLink = pageLink(webBaseUrl, "submission.html", { id: submission.id });
  // The form to sign, through the page rather than GET /submissions/{id}/form.pdf: a link in a
  // mail sends no bearer token, so the API would answer 401, while the page signs the reader in
  // and makes the same PDF (?form=pdf starts the download).
  const formLink = pageLink(webBaseUrl, "submission.html", { id: submission.id, form: "pdf" });
  const officerLink = pageLink(webBaseUrl, "officer-submission.html", { id: submission.id });
  const repayment = repaymentInstructions(programme, submission.kommunkod);
  return {
    reference: submission.reference,
    submissionId: submission.id,
    kind: submission.kind,
    programmeTitle: programme.title,
    kommun: submission.kommun,
    kommunkod: submission.kommunkod,
    amount: submission.amount,
    ...(submission.unspent !== undefined ? { unspent: submission.unspent } : {}),
    receivedAtLocal: submission.receivedAtLocal,
    reportDeadline: programme.deadlines.report,
    repaymentDeadline: programme.deadlines.repayment,
    receivingAgency: programme.receivingAgency,
    ...(repayment ? { repayment } : {}),
    ...(municipalityLink ? { municipalityLink } : {}),
    ...(formLink ? { formLink } : {}),
    ...(officerLink ? { officerLink } : {}),
  };
}

/**
 * Who signed the original, for the receipt: the signatures the check verified, each with the
 * signer's name and signing time. Only names and times are taken: never the serialNumber.
 */
export function verifiedSigners(summary: SignatureSummary | undefined): VerifiedSigner[] {
  return (summary?.signatures ?? []).flatMap((s): VerifiedSigner[] => {
    if (s.status !== "verified" || !s.signerName) return [];
    const at = s.signedAt ? new Date(s.signedAt) : undefined;
    const valid = at && !Number.isNaN(at.getTime());
    return [{ signerName: s.signerName, ...(valid ? { signedAtLocal: stockholmDateTime(at) } : {}) }];
  });
}
