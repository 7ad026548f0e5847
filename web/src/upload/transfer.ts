import type { UploadSlot } from "../types.ts";

/**
 * The file goes straight to S3 with the presigned POST the API handed out (XMLHttpRequest, for
 * its upload progress).
 */
export interface UploadResult {
  ok: boolean;
  status: number;
  message?: string;
}

/** POSTs the file to the presigned URL: policy fields first, the file last, as S3 requires. */
export function uploadFile(
  slot: UploadSlot,
  file: File,
  onProgress: (fraction: number) => void,
): Promise<UploadResult> {
  return new Promise((resolve) => {
    const form = new FormData();
    for (const [name, value] of Object.entries(slot.fields)) form.append(name, value);
    form.append("file", file, file.name);
    const xhr = new XMLHttpRequest();
    xhr.open("POST", slot.url);
    xhr.upload.addEventListener("progress", (event) => {
      if (event.lengthComputable && event.total > 0) onProgress(event.loaded / event.total);
    });
    xhr.addEventListener("load", () => {
      const ok = xhr.status >= 200 && xhr.status < 300;
      const s3Message = /<Message>([^<]*)<\/Message>/.exec(xhr.responseText ?? "")?.[1];
      resolve({ ok, status: xhr.status, ...(s3Message ? { message: s3Message } : {}) });
    });
    xhr.addEventListener("error", () => resolve({ ok: false, status: 0 }));
    xhr.addEventListener("abort", () => resolve({ ok: false, status: 0 }));
    xhr.send(form);
  });
}
