import type { RequisitionForm } from "../../../shared/forms/index.ts";
import type { Value } from "../form-kit/types.ts";

/**
 * Section 2's case numbers and agreement title, shared by both forms, between the fields' text
 * values and the API's JSON. A programme without an agreement shows no agreement fields, so their
 * empty values are left out rather than sent as blanks.
 */
type AgreementPart = Pick<
  RequisitionForm["grant"],
  "agreementDiarienummer" | "decisionDiarienummer" | "agreementTitle"
>;

export function agreementInput(v: Record<string, Value>): Record<string, string> {
  const s = (path: string) => String(v[path] ?? "").trim();
  const agreementDiarienummer = s("grant.agreementDiarienummer");
  const agreementTitle = s("grant.agreementTitle");
  return {
    ...(agreementDiarienummer ? { agreementDiarienummer } : {}),
    decisionDiarienummer: s("grant.decisionDiarienummer"),
    ...(agreementTitle ? { agreementTitle } : {}),
  };
}

export function agreementValues(grant: AgreementPart): Record<string, Value> {
  return {
    "grant.agreementDiarienummer": grant.agreementDiarienummer ?? "",
    "grant.decisionDiarienummer": grant.decisionDiarienummer,
    "grant.agreementTitle": grant.agreementTitle ?? "",
  };
}
