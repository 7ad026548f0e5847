import { h } from "../dom.ts";
import { statusText } from "../format.ts";
import { m, type Texts } from "../i18n.ts";
import { pageFile } from "../pages.ts";
import type { OwnPosition } from "../types.ts";

const TEXT = {
  title: { sv: "Redovisningen kan inte lämnas ännu", en: "The report cannot be sent yet" },
  why: {
    sv: "Den ekonomiska redovisningen stäms av mot det som myndigheten har betalat ut, och ingen utbetalning är registrerad för kommunen ännu. När utbetalningen är registrerad lämnar ni redovisningen här, med de utbetalda beloppen redan ifyllda.",
    en: "The financial report is reconciled with what the agency has paid, and no payment has been recorded for the municipality yet. Once the payment is recorded you submit the report here, with the amounts paid already filled in.",
  },
  requisition: { sv: "Er rekvisition ", en: "Your requisition " },
  nothing: {
    sv: "Kommunen har inte rekvirerat bidraget, så det finns inget utbetalt att redovisa.",
    en: "The municipality has not requisitioned the grant, so nothing has been paid to account for.",
  },
  toGrants: { sv: "Till våra statsbidrag", en: "To our grants" },
} satisfies Texts;

/** Instead of a form the API would refuse: why the report has to wait, and where the requisitions stand. */
export function paymentPending(own: OwnPosition): HTMLElement {
  return h(
    "div",
    { class: "notice notice-info", id: "payment-pending" },
    h("h2", {}, m(TEXT.title)),
    h("p", {}, m(TEXT.why)),
    own.requisitions.length === 0
      ? h("p", {}, m(TEXT.nothing))
      : own.requisitions.map((r) =>
          h(
            "p",
            {},
            m(TEXT.requisition),
            h("a", { href: `${pageFile("submission")}?id=${encodeURIComponent(r.id)}` }, r.reference),
            `: ${statusText(r.status)}.`,
          ),
        ),
    h("p", {}, h("a", { href: pageFile("programmes") }, m(TEXT.toGrants))),
  );
}
