import { h } from "../dom.ts";
import { m, type Texts } from "../i18n.ts";
import type { Submission } from "../types.ts";

const TEXT = {
  reason: (reason: string) => ({
    sv: `Handläggarens motivering: ${reason}`,
    en: `The officer's reason: ${reason}`,
  }),
} satisfies Texts;

/** Above a correction: why the officer returned the version it replaces. */
export function returnReason(corrected: Submission | undefined): HTMLElement | null {
  return corrected?.statusReason
    ? h("div", { class: "notice notice-warning" }, h("p", {}, m(TEXT.reason(corrected.statusReason))))
    : null;
}
