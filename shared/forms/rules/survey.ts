import type { FieldError } from "../../errors.ts";
import { fieldError } from "../codes.ts";

/** Where the agreement requires it, the municipality must have answered Socialstyrelsen's survey. */
export function surveyErrors(surveyAnswered: boolean, surveyRequired: boolean): FieldError[] {
  return surveyRequired && !surveyAnswered
    ? [fieldError("accounting.surveyAnswered", "SURVEY_REQUIRED")]
    : [];
}
