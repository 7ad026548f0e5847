import { ApiError } from "../api.ts";
import { errorPanel } from "../layout.ts";
import type { FormKit } from "./form-kit.ts";

/**
 * The small forms without a shared schema (decision, payment, repayment, contact): on a valid
 * submit, `send`; a refusal with field errors marks the fields, anything else is shown in `result`.
 */
export function onValidSubmit(
  form: HTMLFormElement,
  kit: FormKit,
  result: HTMLElement,
  send: () => Promise<void>,
): void {
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (!kit.check()) return;
    try {
      await send();
    } catch (error) {
      if (error instanceof ApiError && error.errors.length > 0) kit.showServerErrors(error.errors);
      else result.replaceChildren(errorPanel(error));
    }
  });
}
