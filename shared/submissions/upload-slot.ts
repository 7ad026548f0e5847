import type { Attachment } from "./model.ts";
import type { FileStorage, PresignedUpload } from "./ports.ts";

export interface UploadSlot extends PresignedUpload {
  attachmentId: string;
  maxBytes: number;
  expiresAt: string;
}

/** A fresh presigned POST for an attachment; the server picks the key, never the client. */
export async function uploadSlot(
  deps: { files: FileStorage; uploadTtlSeconds: number },
  attachment: Attachment,
): Promise<UploadSlot> {
  const presigned = await deps.files.presignUpload(
    attachment.key,
    attachment.maxBytes,
    deps.uploadTtlSeconds,
  );
  return {
    ...presigned,
    attachmentId: attachment.id,
    maxBytes: attachment.maxBytes,
    // Presigned policies expire by real time (the signer uses the system clock), even when the
    // local clock is moved.
    expiresAt: new Date(Date.now() + deps.uploadTtlSeconds * 1000).toISOString(),
  };
}
