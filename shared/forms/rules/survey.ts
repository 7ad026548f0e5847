import type { FieldError } from "../../errors.ts";
import type { Programme } from "../../programmes/schema.ts";
import { fieldError } from "../codes.ts";

/**
 * Where the agreement says "Kommunerna som ansöker om dessa medel ska svara på Socialstyrelsens
 * enkät", the requisition commits to answering it. The report's own yes/no (surveyAnswered) is
 * recorded for the officer and refuses nothing: a late or missing answer is the officer's to
 * follow up, not a reason to leave the money unaccounted for.
 */
export function surveyCommitmentErrors(
  commitment: boolean | undefined,
  survey: Programme["survey"],
): FieldError[] {
  return survey.atRequisition && commitment !== true
    ? [fieldError("grant.surveyCommitment", "SURVEY_COMMITMENT_REQUIRED")]
    : [];
}
