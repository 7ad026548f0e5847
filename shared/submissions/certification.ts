import type { Actor } from "../audit.ts";
import { actorOf, hasRole, type Principal } from "../auth/principal.ts";
import { certifierNames } from "../auth/signers.ts";
import { ConflictError } from "../errors.ts";
import { certifiedContent } from "../forms/account-names.ts";
import { parseReport, type ReportForm } from "../forms/index.ts";
import type { SubmissionDeps } from "./deps.ts";

/** Who certifies a report being sent: the names it carries, and the certifier's identity for the audit. */
export interface ReportCertifier {
  names: { name: string; title: string };
  by: Actor;
  /** The certified draft's form, when a certifier other than the sender gave it there. */
  certifiedForm?: Record<string, unknown>;
}

const notCertified = () =>
  new ConflictError("REPORT_NOT_CERTIFIED", {
    sv: "Redovisningen är inte intygad. En ekonomichef eller verksamhetschef (rollen intygare) intygar utkastet innan du skickar in det.",
    en: "The report is not certified. A certifier (finance or operations manager) certifies the draft before you send it.",
  });

const differs = () =>
  new ConflictError("CERTIFICATION_DIFFERS", {
    sv: "Redovisningen du skickar är inte den som intygades: spara den som utkast och låt intygaren intyga den igen.",
    en: "The report you send is not the one that was certified: save it as a draft and have the certifier certify it again.",
  });

/**
 * A sender who is a certifier certifies with their own account; otherwise the certification is the
 * one a certifier gave on the municipality's draft of the report, which must still hold (no change
 * since) and be of the very report sent (checked by sameAsCertified once the body is parsed).
 */
export async function reportCertifier(
  deps: Pick<SubmissionDeps, "drafts">,
  principal: Extract<Principal, { kind: "municipality" }>,
  programmeId: string,
): Promise<ReportCertifier> {
  if (hasRole(principal, "certifier")) return { names: certifierNames(principal), by: actorOf(principal) };
  const draft = await deps.drafts.get(programmeId, principal.kommunkod, "report");
  const certified = draft?.certified;
  if (!draft || !certified) throw notCertified();
  return {
    names: { name: certified.name, title: certified.title },
    by: certified.by,
    certifiedForm: draft.form,
  };
}

/** 409 CERTIFICATION_DIFFERS unless `sent` is the certified report (its signature aside). */
export function sameAsCertified(certifier: ReportCertifier, sent: ReportForm): void {
  if (!certifier.certifiedForm) return;
  // Both read alike (trimmed, normalised) by the same parser; the signature is the sender's.
  const certified = parseReport({ ...certifier.certifiedForm, signature: sent.signature });
  if (!certified.ok || certifiedContent(certified.form) !== certifiedContent(sent)) throw differs();
}
