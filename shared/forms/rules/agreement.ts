import type { FieldError } from "../../errors.ts";
import type { Programme } from "../../programmes/schema.ts";
import { fieldError } from "../codes.ts";
import { diarienummerErrors } from "./diarienummer.ts";
import { titleErrors } from "./title.ts";

interface AgreementPart {
  agreementDiarienummer?: string | undefined;
  decisionDiarienummer: string;
  agreementTitle?: string | undefined;
}

type Basis = Pick<Programme, "agreementTitle" | "agreementDiarienummer" | "decisionDiarienummer">;

const AGREEMENT_NUMBER = "grant.agreementDiarienummer";
const TITLE = "grant.agreementTitle";

/**
 * Section 2 names what the grant rests on. Under an agreement (överenskommelse) both forms give
 * its title and case number and the payment decision's case number. A programme that rests on a
 * government decision alone (seed 004, "Uppdrag att fördela medel") has no agreement: only the
 * decision's case number is asked for, and what a municipality writes about an agreement anyway
 * is not held against it, except a case number that is not one.
 */
export function agreementErrors(grant: AgreementPart, programme: Basis): FieldError[] {
  const hasAgreement = programme.agreementTitle !== null;
  const agreementNumber = grant.agreementDiarienummer ?? "";
  const title = grant.agreementTitle ?? "";
  return [
    ...(agreementNumber === ""
      ? hasAgreement
        ? [fieldError(AGREEMENT_NUMBER, "REQUIRED")]
        : []
      : diarienummerErrors(AGREEMENT_NUMBER, agreementNumber, programme.agreementDiarienummer)),
    ...diarienummerErrors(
      "grant.decisionDiarienummer",
      grant.decisionDiarienummer,
      programme.decisionDiarienummer,
    ),
    ...(programme.agreementTitle === null
      ? []
      : title === ""
        ? [fieldError(TITLE, "REQUIRED")]
        : titleErrors(TITLE, title, programme.agreementTitle)),
  ];
}
