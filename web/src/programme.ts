import { findProgramme } from "../../shared/programmes/catalogue.ts";
import type { Programme } from "../../shared/programmes/schema.ts";
import type { ProgrammeView } from "./types.ts";

/**
 * The programme the shared rules check a form against. The allocation tables are public data and
 * already in the bundle (shared/forms needs them), so the browser uses the very file the API
 * uses; the terms the API states (case numbers, the agreement's title, deadlines, whether the
 * requisition commits to the survey) are taken from its answer.
 */
export function validationProgramme(view: ProgrammeView): Programme {
  const bundled = findProgramme(view.id);
  const fromApi = {
    title: view.title,
    agreementDiarienummer: view.agreementDiarienummer,
    decisionDiarienummer: view.decisionDiarienummer,
    grantPeriod: view.grantPeriod,
    agreementTitle: view.agreementTitle,
    deadlines: view.deadlines,
    survey: view.survey,
  };
  if (bundled) return { ...bundled, ...fromApi };
  const own = view.own;
  return {
    id: view.id,
    year: view.year,
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
