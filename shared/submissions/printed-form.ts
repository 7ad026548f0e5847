import type { Principal } from "../auth/principal.ts";
import { NotFoundError } from "../errors.ts";
import type { ReportForm, RequisitionForm } from "../forms/index.ts";
import { type Bilaga2Input, bilaga2Pdf } from "../forms/pdf/bilaga2.ts";
import { bilaga2FileName } from "../forms/pdf/file-name.ts";
import type { FormFonts } from "../forms/pdf/fonts.ts";
import { maySee } from "../programmes/access.ts";
import type { ProgrammeCatalogue } from "../programmes/ports.ts";
import { questionsAt } from "../programmes/questions.ts";
import type { Submission } from "./model.ts";
import type { SubmissionStore } from "./ports.ts";

export interface PrintedFormDeps {
  submissions: Pick<SubmissionStore, "getSubmission">;
  catalogue: ProgrammeCatalogue;
}

export interface PrintedForm {
  fileName: string;
  pdf: Uint8Array;
}

const noSuchSubmission = () =>
  new NotFoundError({ sv: "Inlämningen finns inte.", en: "No such submission." });

/** What the printed form shows of a stored submission: its form as submitted (validated then). */
export function bilaga2InputOf(s: Submission): Bilaga2Input {
  const common = { submissionId: s.id, reference: s.reference, receivedAt: s.receivedAtLocal };
  return s.kind === "requisition"
    ? { kind: "requisition", ...common, form: s.form as unknown as RequisitionForm }
    : { kind: "report", ...common, form: s.form as unknown as ReportForm };
}

/**
 * The submission's Bilaga 2 filled in, the same PDF the page makes, for whoever may read the
 * submission (as GET /submissions/{id}): its own municipality, and officers of the agency whose
 * programme it belongs to. Anyone else is told it is not there (404), not that it is someone
 * else's: a file fetched by a link says nothing about other municipalities' submissions.
 */
export async function printedForm(
  deps: PrintedFormDeps,
  principal: Principal,
  id: string,
  fonts: FormFonts,
): Promise<PrintedForm> {
  const submission = await deps.submissions.getSubmission(id);
  if (!submission) throw noSuchSubmission();
  if (principal.kind === "municipality" && principal.kommunkod !== submission.kommunkod)
    throw noSuchSubmission();
  const programme = await deps.catalogue.get(submission.programmeId);
  if (!programme || !maySee(principal, programme)) throw noSuchSubmission();
  return {
    fileName: bilaga2FileName(submission.reference),
    pdf: await bilaga2Pdf(bilaga2InputOf(submission), fonts, questionsAt(programme, submission.kind)),
  };
}
