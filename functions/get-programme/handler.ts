import { today } from "#shared/clock";
import { programmeViewDeps } from "#shared/composition-root";
import { programmeFor } from "#shared/programmes/access";
import { programmeView } from "#shared/submissions/position-views";
import { apiHandler, pathParam } from "../commons/api-handler.ts";
import { json } from "../commons/responses.ts";

const deps = programmeViewDeps();

/** A municipality gets its own position; an officer whether the programme has been opened. */
export const handler = apiHandler("get-programme", {
  "GET /programmes/{programmeId}": async (event, { principal }) => {
    const programme = await programmeFor(deps.catalogue, principal, pathParam(event, "programmeId"));
    const day = today(deps.clock);
    if (principal.kind !== "municipality") {
      const opening = await deps.programmes.getOpening(programme.id);
      return json(200, programmeView(programme, principal, day, undefined, [], opening));
    }
    const [state, submissions] = await Promise.all([
      deps.submissions.getAllocation(programme.id, principal.kommunkod),
      deps.submissions.listSubmissions({ kommunkod: principal.kommunkod, programmeId: programme.id }),
    ]);
    return json(200, programmeView(programme, principal, day, state, submissions));
  },
});
