import { ApiError } from "../api.ts";
import { announce, h } from "../dom.ts";
import { ATTACHMENT_STATUS, bytes, refusalText, statusReasonText } from "../format.ts";
import { type Msg, m, type Texts } from "../i18n.ts";
import type { Attachment, AttachmentType, SubmissionDetail } from "../types.ts";
import { type Outcome, outcomeOf, waitForCheck } from "./check.ts";
import { combineImages } from "./combine.ts";
import { takeSlot } from "./slot.ts";
import { uploadFile } from "./transfer.ts";

/**
 * Uploading a file — the signed scan, or a bank statement an officer asked for — and saying
 * whether the upload check accepted it, and why not.
 */
const ACCEPTED_TYPES = ["application/pdf", "image/jpeg", "image/png", "image/tiff"];
const ACCEPT = ".pdf,.jpg,.jpeg,.png,.tif,.tiff,application/pdf,image/jpeg,image/png,image/tiff";

/** What the widget says, by what is uploaded. */
const BY_TYPE: Record<AttachmentType, { drop: Msg; received: Msg; receivedDetail?: Msg; again: Msg }> = {
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

/** What the widget says whatever is uploaded. */
const TEXT = {
  progress: { sv: "Uppladdning", en: "Upload" },
  choose: { sv: "Välj fil", en: "Choose file" },
  accepts: (maxBytes: number | undefined) => {
    const max = maxBytes ? bytes(maxBytes) : undefined;
    return {
      sv: `PDF, JPEG, PNG eller TIFF${max ? `, högst ${max}` : ""}.`,
      en: `PDF, JPEG, PNG or TIFF${max ? `, at most ${max}` : ""}.`,
    };
  },
  tooLarge: (size: string) => ({
    sv: `Filen är för stor (${size}).`,
    en: `The file is too large (${size}).`,
  }),
  atMost: (max: string) => ({ sv: `Högst ${max}.`, en: `At most ${max}.` }),
  empty: { sv: "Filen är tom.", en: "The file is empty." },
  wrongType: {
    sv: "Filen måste vara en PDF, JPEG, PNG eller TIFF.",
    en: "The file must be a PDF, JPEG, PNG or TIFF.",
  },
  uploading: (name: string) => ({ sv: `Laddar upp ${name}…`, en: `Uploading ${name}…` }),
  combining: (count: number) => ({
    sv: `Lägger ihop ${count} bilder till en PDF, en sida per bild…`,
    en: `Putting ${count} images together as one PDF, a page per image…`,
  }),
  mixed: {
    sv: "Välj antingen en fil (PDF eller TIFF med alla sidor) eller flera bilder (JPEG eller PNG), en per sida.",
    en: "Choose either one file (a PDF or TIFF with every page) or several images (JPEG or PNG), one per page.",
  },
  pages: {
    sv: "Flera sidor? Välj alla bilder på en gång, i sidordning: de blir en PDF.",
    en: "Several pages? Choose all the images at once, in page order: they become one PDF.",
  },
  failed: { sv: "Uppladdningen misslyckades.", en: "The upload failed." },
  unreachable: {
    sv: "Lagringstjänsten gick inte att nå. Försök igen.",
    en: "The storage service could not be reached. Try again.",
  },
  checking: { sv: "Filen är uppladdad. Vi kontrollerar den…", en: "The file is uploaded. Checking it…" },
  scanning: {
    sv: "Filen klarade kontrollen och virusskannas nu. Sidan visar resultatet så snart det finns.",
    en: "The file passed the check and is being scanned for malware. The page shows the result as soon as it is in.",
  },
  refused: { sv: "Filen godtogs inte", en: "The file was not accepted" },
  reason: (reason: string) => ({ sv: `Orsak: ${reason}`, en: `Reason: ${reason}` }),
  slow: {
    sv: "Kontrollen tar längre tid än väntat. Sidan fortsätter att fråga; du kan också komma tillbaka senare.",
    en: "The check is taking longer than expected. The page keeps asking; you can also come back later.",
  },
} satisfies Texts;

/** After this long without a verdict the widget says it is slow (and keeps polling). */
const SLOW_AFTER_MS = 60_000;

export interface UploadWidgetOptions {
  submissionId: string;
  /** What is uploaded; the signed original unless told otherwise. */
  type?: AttachmentType;
  maxBytes?: number;
  /** A file of this type already being scanned: the widget waits for its verdict first. */
  waitingFor?: Attachment | undefined;
  /** The submission each time the file gets further: passed the check (being scanned), settled. */
  onUpdate: (detail: SubmissionDetail) => void;
}

/**
 * Drop zone + file button + progress + result, all reachable and usable by keyboard. The
 * original's widget keeps the plain ids (upload-file, drop-zone, upload-result …); another type's
 * are prefixed with it, so both can be on one page.
 */
export function uploadWidget(options: UploadWidgetOptions): HTMLElement {
  const type = options.type ?? "original";
  const texts = BY_TYPE[type];
  const id = (name: string) => (type === "original" ? name : `${type}-${name}`);
  const input = h("input", {
    type: "file",
    id: id("upload-file"),
    accept: ACCEPT,
    multiple: true,
    class: "file-input",
    "aria-describedby": id("upload-hint"),
  });
  const progress = h("progress", {
    id: id("upload-progress"),
    max: 100,
    value: 0,
    hidden: true,
    "aria-label": m(TEXT.progress),
  });
  const result = h("div", { id: id("upload-result"), role: "status", "aria-live": "polite", tabindex: "-1" });
  const zone = h(
    "div",
    { class: "drop-zone", id: id("drop-zone") },
    h("p", { class: "drop-title" }, m(texts.drop)),
    h("label", { for: id("upload-file"), class: "button button-secondary file-label" }, m(TEXT.choose)),
    input,
    h("p", { class: "hint", id: id("upload-hint") }, `${m(TEXT.accepts(options.maxBytes))} ${m(TEXT.pages)}`),
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

  /** While a file is checked there is nothing to drop; focus inside the zone moves to the result. */
  const showZone = (visible: boolean) => {
    if (!visible && zone.contains(document.activeElement)) result.focus();
    zone.hidden = !visible;
  };

  /** Polls until the file is settled, saying where it is meanwhile, then shows the outcome. */
  const settle = async (attachmentId: string) => {
    showZone(false);
    const began = Date.now();
    let shown: Outcome | "slow" | undefined;
    const detail = await waitForCheck(options.submissionId, type, attachmentId, (progress, outcome) => {
      const now: Outcome | "slow" =
        outcome === "pending" && Date.now() - began > SLOW_AFTER_MS ? "slow" : outcome;
      if (now === shown) return;
      shown = now;
      if (now === "slow") say("info", m(TEXT.slow));
      else if (now === "scanning") {
        say("info", m(ATTACHMENT_STATUS.scanning), m(TEXT.scanning));
        // The rest of the page (status, steps, attachments) shows the scan too.
        options.onUpdate(progress);
      }
    });
    const attachment = detail.attachments.find((a) => a.id === attachmentId);
    const outcome = outcomeOf(detail, type, attachmentId);
    if (outcome === "accepted") {
      // Nothing more of this kind to upload: the drop zone stays away, the result stays on screen.
      say("ok", m(texts.received), texts.receivedDetail ? m(texts.receivedDetail) : undefined);
    } else {
      showZone(true);
      progress.hidden = true;
      const reason =
        outcome === "superseded"
          ? m(ATTACHMENT_STATUS.void)
          : attachment?.status === "refused"
            ? refusalText(attachment)
            : statusReasonText(detail);
      say("error", m(TEXT.refused), m(TEXT.reason(`${reason} ${m(texts.again)}`)));
    }
    options.onUpdate(detail);
  };

  /** One file as it is; several images as one PDF, a page each (./combine.ts). */
  const choose = async (files: readonly File[]) => {
    if (busy || files.length === 0) return;
    if (files.length === 1 && files[0]) return start(files[0]);
    say("info", m(TEXT.combining(files.length)));
    const combined = await combineImages(files).catch(() => undefined);
    if (!combined?.ok) {
      say("error", m(combined ? TEXT.mixed : TEXT.failed));
      return;
    }
    return start(combined.file);
  };

  const start = async (file: File) => {
    if (busy) return;
    if (options.maxBytes && file.size > options.maxBytes) {
      say("error", m(TEXT.tooLarge(bytes(file.size))), m(TEXT.atMost(bytes(options.maxBytes))));
      return;
    }
    if (file.size === 0) {
      say("error", m(TEXT.empty));
      return;
    }
    if (file.type && !ACCEPTED_TYPES.includes(file.type)) {
      say("error", m(TEXT.wrongType));
      return;
    }
    busy = true;
    zone.classList.add("busy");
    try {
      const slot = await takeSlot(options.submissionId, type);
      progress.hidden = false;
      progress.value = 0;
      say("info", m(TEXT.uploading(file.name)));
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
        progress.hidden = true;
        say(
          "error",
          m(TEXT.failed),
          uploaded.status === 0
            ? m(TEXT.unreachable)
            : `${uploaded.status}${uploaded.message ? `: ${uploaded.message}` : ""}`,
        );
        return;
      }
      progress.value = 100;
      say("info", m(TEXT.checking));
      await settle(slot.attachmentId);
    } catch (error) {
      showZone(true);
      progress.hidden = true;
      say("error", m(TEXT.failed), error instanceof ApiError ? m(error.userMessage) : String(error));
    } finally {
      busy = false;
      zone.classList.remove("busy");
      input.value = "";
    }
  };

  input.addEventListener("change", () => {
    void choose([...(input.files ?? [])]);
  });
  zone.addEventListener("dragover", (event) => {
    event.preventDefault();
    zone.classList.add("dragging");
  });
  zone.addEventListener("dragleave", () => zone.classList.remove("dragging"));
  zone.addEventListener("drop", (event) => {
    event.preventDefault();
    zone.classList.remove("dragging");
    void choose([...(event.dataTransfer?.files ?? [])]);
  });
  if (options.waitingFor) {
    // Back on the page while a file of this kind is being scanned: wait for its verdict first.
    const waiting = options.waitingFor;
    busy = true;
    say("info", m(ATTACHMENT_STATUS.scanning), m(TEXT.scanning));
    void settle(waiting.id)
      .catch((error: unknown) => {
        showZone(true);
        say("error", m(TEXT.failed), error instanceof ApiError ? m(error.userMessage) : String(error));
      })
      .finally(() => {
        busy = false;
      });
  }
  return h("div", { class: "upload" }, zone, result);
}
