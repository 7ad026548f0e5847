import { submissionDeps } from "#shared/adapters/submission-deps";
import { loadConfig } from "#shared/config";
import { ValidationError } from "#shared/errors";
import type { AttachmentType } from "#shared/submissions/model";
import { requestUpload } from "#shared/submissions/uploads";
import { apiHandler } from "../commons/api-handler.ts";
import { json } from "../commons/responses.ts";

const deps = submissionDeps(loadConfig());
const TYPES: readonly AttachmentType[] = ["original", "bank-statement"];

function attachmentType(routeKey: string, body: unknown): AttachmentType {
  if (routeKey.endsWith("/original")) return "original";
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

/** POST /submissions/{id}/original and /attachments: a fresh presigned POST, server-chosen key. */
export const handler = apiHandler("user", async (event, { principal, body }) => {
  const type = attachmentType(event.routeKey, body);
  const upload = await requestUpload(deps, principal, event.pathParameters?.id ?? "", type);
  return json(201, { upload });
});
