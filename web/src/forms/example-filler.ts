import { config } from "../config.ts";
import { h } from "../dom.ts";
import type { FormKit } from "../form-kit/form-kit.ts";
import type { Value } from "../form-kit/types.ts";
import { m, type Texts } from "../i18n.ts";

const TEXT = {
  fill: { sv: "Fyll i exempeluppgifter (bara lokalt)", en: "Fill in example data (local only)" },
} satisfies Texts;

/** Local stage only: a button that fills the form with the shared sample data, for trying it out. */
export function exampleFiller(kit: FormKit, values: () => Record<string, Value>): HTMLElement | null {
  if (!config().devSignIn) return null;
  return h(
    "p",
    { class: "dev-tools" },
    h(
      "button",
      {
        type: "button",
        class: "button button-secondary",
        id: "fill-example",
        onclick: () => kit.setAll(values()),
      },
      m(TEXT.fill),
    ),
  );
}
