import { deadlineDeps } from "#shared/composition-root";
import { openProgramme } from "#shared/deadlines/announce";
import { apiHandler, pathParam } from "../commons/api-handler.ts";
import { json } from "../commons/responses.ts";

const deps = deadlineDeps();

/** 201 the first time, 200 when it was open already (the call then sends only what is missing). */
export const handler = apiHandler("open-programme", {
  "POST /programmes/{programmeId}/open": async (event, { principal }) => {
    const result = await openProgramme(deps, principal, pathParam(event, "programmeId"));
    return json(result.opened ? 201 : 200, result);
  },
});
