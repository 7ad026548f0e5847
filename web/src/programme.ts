import type { Programme } from "../../shared/programmes/schema.ts";
import type { ProgrammeView } from "./types.ts";

/**
 * The programme the shared rules check a form against, built from the API's answer: its terms
 * (case numbers, the agreement's title, deadlines, the survey) and the municipality's own
 * allocation, which is all the rules read. Programmes live in the table, not in the bundle.
 */
export function validationProgramme(view: ProgrammeView): Programme {
  const fromApi = {
    title: view.title,
    agreementDiarienummer: view.agreementDiarienummer,
    decisionDiarienummer: view.decisionDiarienummer,
    grantPeriod: view.grantPeriod,
    agreementTitle: view.agreementTitle,
    deadlines: view.deadlines,
    survey: view.survey,
    questions: view.questions,
  };
  const own = view.own;
  return {
    id: view.id,
    year: view.year,
    agency: view.agency,
    recipientKinds: view.recipientKinds,
    appropriation: null,
    grantingAgency: view.grantingAgency,
    receivingAgency: view.receivingAgency,
    totalBase: view.totalBase,
    modelExtra: null,
    officerEmails: ["-@-.example"],
    allocations: own
      ? [
          {
            kommunkod: own.kommunkod,
            kommun: own.kommun ?? own.kommunkod,
            amount: own.allocation,
            modelExtra: own.modelExtra,
          },
        ]
      : [],
    ...fromApi,
  };
}
