import { ApiError, post } from "../api.ts";
import type { FormKit } from "../form-kit/form-kit.ts";
import { m, type Texts } from "../i18n.ts";
import { pageFile } from "../pages.ts";
import type { Receipt } from "../types.ts";
import { rememberUpload } from "../upload/slot.ts";

const TEXT = {
  sending: { sv: "Skickar…", en: "Sending…" },
} satisfies Texts;

/**
 * Sends a Bilaga 2 form: a new submission, or the corrected version of a returned one. On success
 * the page moves to the receipt; API errors land on their fields. The idempotency key is the
 * page's, so a double click or a retry after a network error never submits twice.
 */
export function wireSubmit(options: {
  form: HTMLFormElement;
  kit: FormKit;
  submitButton: HTMLElement;
  status: HTMLElement;
  path: () => string;
  idempotencyKey: string;
  /** The form's server draft: no save may land while it is being sent (sending deletes it). */
  draft?: { hold(): Promise<void>; release(): void } | undefined;
}): void {
  const { form, kit, submitButton, status } = options;
  let sending = false;
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (sending || !kit.check()) return;
    sending = true;
    submitButton.setAttribute("aria-disabled", "true");
    status.textContent = m(TEXT.sending);
    await options.draft?.hold();
    try {
      const receipt = await post<Receipt>(options.path(), kit.input(), options.idempotencyKey);
      rememberUpload(receipt.id, receipt.upload);
      location.assign(`${pageFile("submission")}?id=${encodeURIComponent(receipt.id)}&new=1`);
    } catch (error) {
      options.draft?.release();
      status.textContent = "";
      kit.showServerErrors(
        error instanceof ApiError
          ? error.errors.length > 0
            ? error.errors
            : [{ path: "", code: error.code, message: error.userMessage }]
          : [{ path: "", code: "UNKNOWN", message: { sv: String(error), en: String(error) } }],
      );
    } finally {
      sending = false;
      submitButton.removeAttribute("aria-disabled");
    }
  });
}
