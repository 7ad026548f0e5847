/**
 * One requisition through the API of a running local stack (in-process or `npm start`), by URL
 * only: sign in with the dev issuer, send the form, upload the signed original with the
 * presigned POST, read the submission back.
 */
import { sampleRequisition } from "../../shared/forms/index.ts";
import aldreomsorg2022 from "../../shared/programmes/data/skr-aldreomsorg-2022.json" with { type: "json" };
import type { Programme } from "../../shared/programmes/schema.ts";
import type { Attachment, Submission } from "../../shared/submissions/model.ts";
import type { UploadSlot } from "../../shared/submissions/upload-slot.ts";

export const PROGRAMME_2022 = aldreomsorg2022.id;

/** A token from the stack's own dev issuer (POST /dev/sign-in, served next to the web pages). */
export async function signIn(apiUrl: string, kommunkod: string, email: string): Promise<string> {
  const res = await fetch(`${apiUrl}/dev/sign-in`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ kommunkod, email }),
  });
  if (res.status !== 200) throw new Error(`sign-in answered ${res.status}: ${await res.text()}`);
  return ((await res.json()) as { token: string }).token;
}

export interface CreatedSubmission {
  id: string;
  reference: string;
  status: string;
  upload: UploadSlot;
}

export async function createRequisition(
  apiUrl: string,
  token: string,
  kommunkod: string,
  today: string,
): Promise<CreatedSubmission> {
  // The programme's data file itself, not the catalogue: the form only needs its figures.
  const programme = aldreomsorg2022 as Programme;
  const res = await fetch(`${apiUrl}/programmes/${PROGRAMME_2022}/requisitions`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify(sampleRequisition(programme, kommunkod, today)),
  });
  if (res.status !== 201) throw new Error(`requisition answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as CreatedSubmission;
}

/** A new upload slot for the original of a submission whose original was refused. */
export async function requestOriginalSlot(apiUrl: string, token: string, id: string): Promise<UploadSlot> {
  const res = await fetch(`${apiUrl}/submissions/${id}/original`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}` },
  });
  if (res.status !== 201) throw new Error(`original slot answered ${res.status}: ${await res.text()}`);
  return ((await res.json()) as { upload: UploadSlot }).upload;
}

export interface SubmissionRead {
  submission: Submission;
  attachments: Attachment[];
}

export async function readSubmission(apiUrl: string, token: string, id: string): Promise<SubmissionRead> {
  const res = await fetch(`${apiUrl}/submissions/${id}`, { headers: { authorization: `Bearer ${token}` } });
  if (res.status !== 200) throw new Error(`submission answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as SubmissionRead;
}
