import { requireRoles } from "#shared/auth/principal";
import { submissionDeps } from "#shared/composition-root";
import { ValidationError } from "#shared/errors";
import type { AttachmentType } from "#shared/submissions/model";
import { requestUpload } from "#shared/submissions/request-upload";
import { apiHandler, pathParam } from "../commons/api-handler.ts";
import { json } from "../commons/responses.ts";

const deps = submissionDeps();
const TYPES: readonly AttachmentType[] = ["original", "bank-statement"];

function attachmentType(body: unknown): AttachmentType {
  const type = typeof body === "object" && body !== null ? (body as { type?: unknown }).type : undefined;
  if (TYPES.includes(type as AttachmentType)) return type as AttachmentType;
  throw new ValidationError([
    {
      path: "type",
      code: "INVALID_ATTACHMENT_TYPE",
      message: {
        sv: "Ange typ: original eller bank-statement.",
        en: "Give a type: original or bank-statement.",
      },
    },
  ]);
}

/** A fresh presigned POST with a server-chosen key, for the signed original or a requested file. */
export const handler = apiHandler("request-upload", {
  "POST /submissions/{id}/original": async (event, { principal }) =>
    json(201, { upload: await requestUpload(deps, principal, pathParam(event, "id"), "original") }),
  "POST /submissions/{id}/attachments": async (event, { principal, body }) => {
    const type = attachmentType(body);
    // The signed original is the signatory's, by whichever route it is asked for.
    if (type === "original") requireRoles(principal, ["signatory"]);
    return json(201, { upload: await requestUpload(deps, principal, pathParam(event, "id"), type) });
  },
});
