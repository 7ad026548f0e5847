import { today } from "#shared/clock";
import { programmeViewDeps } from "#shared/composition-root";
import { programmesFor } from "#shared/programmes/access";
import { ownPosition, programmeSummary } from "#shared/submissions/position-views";
import { apiHandler } from "../commons/api-handler.ts";
import { json } from "../commons/responses.ts";

const deps = programmeViewDeps();

export const handler = apiHandler("list-programmes", {
  "GET /programmes": async (_event, { principal }) => {
    const day = today(deps.clock);
    const programmes = await programmesFor(deps.catalogue, principal);
    if (principal.kind !== "municipality") {
      return json(200, { programmes: programmes.map((p) => programmeSummary(p, day)) });
    }
    const [states, submissions] = await Promise.all([
      deps.submissions.listAllocationsOf(principal.kommunkod),
      deps.submissions.listSubmissions({ kommunkod: principal.kommunkod }),
    ]);
    return json(200, {
      programmes: programmes.map((p) => ({
        ...programmeSummary(p, day),
        own: ownPosition(
          p,
          principal.kommunkod,
          states.find((s) => s.programmeId === p.id),
          submissions.filter((s) => s.programmeId === p.id),
        ),
      })),
    });
  },
});
