import { draftDeps } from "#shared/composition-root";
import { certifyReportDraft, deleteFormDraft, getFormDraft, saveFormDraft } from "#shared/drafts/drafts";
import { apiHandler, pathParam } from "../commons/api-handler.ts";
import { json } from "../commons/responses.ts";

const deps = draftDeps();

/** A municipality's forms being filled in, shared by its users: save, read, certify, throw away. */
export const handler = apiHandler("form-drafts", {
  /** {form, version?}: 200 {draft, issues}; 409 DRAFT_CHANGED when someone saved meanwhile. */
  "PUT /programmes/{programmeId}/drafts/{kind}": async (event, { principal, body }) =>
    json(
      200,
      await saveFormDraft(deps, principal, pathParam(event, "programmeId"), pathParam(event, "kind"), body),
    ),
  "GET /programmes/{programmeId}/drafts/{kind}": async (event, { principal }) =>
    json(200, {
      draft: await getFormDraft(deps, principal, pathParam(event, "programmeId"), pathParam(event, "kind")),
    }),
  "DELETE /programmes/{programmeId}/drafts/{kind}": async (event, { principal }) => {
    await deleteFormDraft(deps, principal, pathParam(event, "programmeId"), pathParam(event, "kind"));
    return json(204, undefined);
  },
  /** {version}: the certifier certifies the report as it stands at `version`; 200 {draft, issues}. */
  "POST /programmes/{programmeId}/drafts/report/certify": async (event, { principal, body }) =>
    json(200, await certifyReportDraft(deps, principal, pathParam(event, "programmeId"), body)),
});
