import { post } from "../api.ts";
import type { AttachmentType, UploadSlot } from "../types.ts";

/**
 * Where an upload goes: a presigned POST to S3. The original's first one comes with the 201 of a
 * new submission and is kept for this tab; any other is asked for when the upload starts.
 */
const slotKey = (submissionId: string) => `statsbidrag.upload.${submissionId}`;

/** The slot of the original that came with the 201 of a new submission, for its first upload. */
export function rememberUpload(submissionId: string, slot: UploadSlot): void {
  sessionStorage.setItem(slotKey(submissionId), JSON.stringify(slot));
}

function rememberedUpload(submissionId: string, type: AttachmentType): UploadSlot | undefined {
  if (type !== "original") return undefined;
  const raw = sessionStorage.getItem(slotKey(submissionId));
  if (!raw) return undefined;
  try {
    const slot = JSON.parse(raw) as UploadSlot;
    // A minute's margin: the upload itself takes time too.
    return Date.parse(slot.expiresAt) - Date.now() > 60_000 ? slot : undefined;
  } catch {
    return undefined;
  }
}

/** Asks the API for a fresh presigned POST: the original has its own route, other files share one. */
function requestSlot(submissionId: string, type: AttachmentType): Promise<{ upload: UploadSlot }> {
  const base = `/submissions/${encodeURIComponent(submissionId)}`;
  return type === "original"
    ? post<{ upload: UploadSlot }>(`${base}/original`)
    : post<{ upload: UploadSlot }>(`${base}/attachments`, { type });
}

/** The remembered slot if it is still good, else a fresh one; a remembered slot is used only once. */
export async function takeSlot(submissionId: string, type: AttachmentType): Promise<UploadSlot> {
  const slot = rememberedUpload(submissionId, type) ?? (await requestSlot(submissionId, type)).upload;
  if (type === "original") sessionStorage.removeItem(slotKey(submissionId));
  return slot;
}
