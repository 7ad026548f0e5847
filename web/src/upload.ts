import { ApiError, get, post } from "./api.ts";
import { announce, h } from "./dom.ts";
import { bytes, refusalText, statusReasonText } from "./format.ts";
import { lang, type Msg, m } from "./i18n.ts";
import type { AttachmentType, SubmissionDetail, UploadSlot } from "./types.ts";

/**
 * A file — the signed scan, or a bank statement an officer asked for — goes straight to S3 with
 * the presigned POST the API handed out (XMLHttpRequest, for its upload progress), then the page
 * polls the submission until the upload check has accepted or refused the file, and says which
 * and why.
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

export const ACCEPTED_TYPES = ["application/pdf", "image/jpeg", "image/png", "image/tiff"];
const ACCEPT = ".pdf,.jpg,.jpeg,.png,.tif,.tiff,application/pdf,image/jpeg,image/png,image/tiff";

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

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

type Outcome = "accepted" | "rejected" | "pending";

/** Where the check has got with the file; the original also shows in the submission's status. */
function outcomeOf(detail: SubmissionDetail, type: AttachmentType, attachmentId: string): Outcome {
  const attachment = detail.attachments.find((a) => a.id === attachmentId);
  if (attachment && attachment.status !== "pending") return attachment.status;
  if (type !== "original") return "pending";
  const status = detail.submission.status;
  return status === "received" ? "accepted" : status === "original-rejected" ? "rejected" : "pending";
}

/** Polls until the attachment is settled; the upload check runs on S3's notification. */
async function waitForCheck(
  submissionId: string,
  type: AttachmentType,
  attachmentId: string,
  timeoutMs = 60_000,
): Promise<SubmissionDetail> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const detail = await get<SubmissionDetail>(`/submissions/${encodeURIComponent(submissionId)}`);
    if (outcomeOf(detail, type, attachmentId) !== "pending") return detail;
    if (Date.now() > deadline) return detail;
    await sleep(700);
  }
}

/** What the widget says, by what is uploaded. */
const TEXTS: Record<AttachmentType, { drop: Msg; received: Msg; receivedDetail?: Msg; again: Msg }> = {
  original: {
    drop: {
      sv: "Dra och släpp den skannade blanketten här, eller",
      en: "Drag and drop the scanned form here, or",
    },
    received: {
      sv: "Det underskrivna originalet är mottaget.",
      en: "The signed original has been received.",
    },
    receivedDetail: { sv: "Ett kvitto har skickats med e-post.", en: "A receipt has been sent by e-mail." },
    again: { sv: "Ladda upp en ny skanning.", en: "Upload a new scan." },
  },
  "bank-statement": {
    drop: { sv: "Dra och släpp kontoutdraget här, eller", en: "Drag and drop the bank statement here, or" },
    received: { sv: "Kontoutdraget är mottaget.", en: "The bank statement has been received." },
    again: { sv: "Ladda upp kontoutdraget igen.", en: "Upload the bank statement again." },
  },
};

/** Asks the API for a fresh presigned POST: the original has its own route, other files share one. */
function requestSlot(submissionId: string, type: AttachmentType): Promise<{ upload: UploadSlot }> {
  const base = `/submissions/${encodeURIComponent(submissionId)}`;
  return type === "original"
    ? post<{ upload: UploadSlot }>(`${base}/original`)
    : post<{ upload: UploadSlot }>(`${base}/attachments`, { type });
}

export interface UploadWidgetOptions {
  submissionId: string;
  /** What is uploaded; the signed original unless told otherwise. */
  type?: AttachmentType;
  maxBytes?: number;
  onSettled: (detail: SubmissionDetail) => void;
}

/**
 * Drop zone + file button + progress + result, all reachable and usable by keyboard. The
 * original's widget keeps the plain ids (upload-file, drop-zone, upload-result …); another type's
 * are prefixed with it, so both can be on one page.
 */
export function uploadWidget(options: UploadWidgetOptions): HTMLElement {
  const sv = lang() === "sv";
  const type = options.type ?? "original";
  const texts = TEXTS[type];
  const id = (name: string) => (type === "original" ? name : `${type}-${name}`);
  const input = h("input", {
    type: "file",
    id: id("upload-file"),
    accept: ACCEPT,
    class: "file-input",
    "aria-describedby": id("upload-hint"),
  });
  const progress = h("progress", {
    id: id("upload-progress"),
    max: 100,
    value: 0,
    hidden: true,
    "aria-label": sv ? "Uppladdning" : "Upload",
  });
  const result = h("div", { id: id("upload-result"), role: "status", "aria-live": "polite" });
  const zone = h(
    "div",
    { class: "drop-zone", id: id("drop-zone") },
    h("p", { class: "drop-title" }, m(texts.drop)),
    h(
      "label",
      { for: id("upload-file"), class: "button button-secondary file-label" },
      sv ? "Välj fil" : "Choose file",
    ),
    input,
    h(
      "p",
      { class: "hint", id: id("upload-hint") },
      sv
        ? `PDF, JPEG, PNG eller TIFF${options.maxBytes ? `, högst ${bytes(options.maxBytes)}` : ""}.`
        : `PDF, JPEG, PNG or TIFF${options.maxBytes ? `, at most ${bytes(options.maxBytes)}` : ""}.`,
    ),
    progress,
  );

  let busy = false;
  const say = (kind: "info" | "ok" | "error", text: string, detail?: string) => {
    result.replaceChildren(
      h(
        "div",
        { class: `notice notice-${kind === "ok" ? "success" : kind === "error" ? "error" : "info"}` },
        h("p", {}, text),
        detail ? h("p", {}, detail) : null,
      ),
    );
  };

  const start = async (file: File) => {
    if (busy) return;
    if (options.maxBytes && file.size > options.maxBytes) {
      say(
        "error",
        sv ? `Filen är för stor (${bytes(file.size)}).` : `The file is too large (${bytes(file.size)}).`,
        sv ? `Högst ${bytes(options.maxBytes)}.` : `At most ${bytes(options.maxBytes)}.`,
      );
      return;
    }
    if (file.size === 0) {
      say("error", sv ? "Filen är tom." : "The file is empty.");
      return;
    }
    if (file.type && !ACCEPTED_TYPES.includes(file.type)) {
      say(
        "error",
        sv ? "Filen måste vara en PDF, JPEG, PNG eller TIFF." : "The file must be a PDF, JPEG, PNG or TIFF.",
      );
      return;
    }
    busy = true;
    zone.classList.add("busy");
    try {
      let slot = rememberedUpload(options.submissionId, type);
      if (!slot) slot = (await requestSlot(options.submissionId, type)).upload;
      if (type === "original") sessionStorage.removeItem(slotKey(options.submissionId));
      progress.hidden = false;
      progress.value = 0;
      say("info", sv ? `Laddar upp ${file.name}…` : `Uploading ${file.name}…`);
      let lastAnnounced = 0;
      const uploaded = await uploadFile(slot, file, (fraction) => {
        const percent = Math.round(fraction * 100);
        progress.value = percent;
        progress.setAttribute("aria-valuetext", `${percent} %`);
        if (percent - lastAnnounced >= 25) {
          lastAnnounced = percent;
          announce(`${percent} %`);
        }
      });
      if (!uploaded.ok) {
        say(
          "error",
          sv ? "Uppladdningen misslyckades." : "The upload failed.",
          uploaded.status === 0
            ? sv
              ? "Lagringstjänsten gick inte att nå. Försök igen."
              : "The storage service could not be reached. Try again."
            : `${uploaded.status}${uploaded.message ? `: ${uploaded.message}` : ""}`,
        );
        return;
      }
      progress.value = 100;
      say("info", sv ? "Filen är uppladdad. Vi kontrollerar den…" : "The file is uploaded. Checking it…");
      const detail = await waitForCheck(options.submissionId, type, slot.attachmentId);
      const attachment = detail.attachments.find((a) => a.id === slot?.attachmentId);
      const outcome = outcomeOf(detail, type, slot.attachmentId);
      if (outcome === "accepted") {
        say("ok", m(texts.received), texts.receivedDetail ? m(texts.receivedDetail) : undefined);
      } else if (outcome === "rejected") {
        const reason = attachment?.status === "rejected" ? refusalText(attachment) : statusReasonText(detail);
        say(
          "error",
          sv ? "Filen godtogs inte" : "The file was not accepted",
          `${sv ? "Orsak" : "Reason"}: ${reason} ${m(texts.again)}`,
        );
      } else {
        say(
          "info",
          sv
            ? "Kontrollen tar längre tid än väntat. Ladda om sidan om en stund."
            : "The check is taking longer than expected. Reload the page shortly.",
        );
      }
      options.onSettled(detail);
    } catch (error) {
      say(
        "error",
        sv ? "Uppladdningen misslyckades." : "The upload failed.",
        error instanceof ApiError ? m(error.userMessage) : String(error),
      );
    } finally {
      busy = false;
      zone.classList.remove("busy");
      input.value = "";
    }
  };

  input.addEventListener("change", () => {
    const file = input.files?.[0];
    if (file) void start(file);
  });
  zone.addEventListener("dragover", (event) => {
    event.preventDefault();
    zone.classList.add("dragging");
  });
  zone.addEventListener("dragleave", () => zone.classList.remove("dragging"));
  zone.addEventListener("drop", (event) => {
    event.preventDefault();
    zone.classList.remove("dragging");
    const file = event.dataTransfer?.files[0];
    if (file) void start(file);
  });
  return h("div", { class: "upload" }, zone, result);
}
