import { toFieldErrors } from "../../../shared/forms/issues.ts";
import { allocationsBody } from "../../../shared/programme-admin/requests.ts";
import { recipientLabel, recipientsOfKinds } from "../../../shared/recipients/registry.ts";
import { api } from "../api.ts";
import { h } from "../dom.ts";
import { parseAmount } from "../form-kit/amount.ts";
import { FormKit } from "../form-kit/form-kit.ts";
import { onValidSubmit } from "../form-kit/on-valid-submit.ts";
import type { Value } from "../form-kit/types.ts";
import { kronor } from "../format.ts";
import { m, type Texts } from "../i18n.ts";
import type { ProgrammeSummary } from "../types.ts";

const TEXT = {
  title: { sv: "Rätta en kommuns tilldelning", en: "Correct a municipality's allocation" },
  intro: {
    sv: "En publicerad tilldelning ändras aldrig i efterhand: rättelsen blir en ny version med skäl, vem som rättade och det gamla och nya beloppet. Den kan inte sänkas under det kommunen redan har rekvirerat.",
    en: "A published allocation is never edited in place: the correction becomes a new version with the reason, who corrected it and the old and new amount. It cannot be lowered below what the municipality has already requisitioned.",
  },
  kommun: { sv: "Bidragsmottagare", en: "Recipient" },
  amount: { sv: "Ny tilldelning (kr)", en: "New allocation (SEK)" },
  reason: { sv: "Skäl till rättelsen", en: "Reason for the correction" },
  decision: { sv: "Beslut som rättelsen bygger på", en: "Decision the correction rests on" },
  decisionHint: {
    sv: "Valfritt. T.ex. Beslut 2023-02-01, dnr 4.1-1234/2023.",
    en: "Optional. E.g. Decision 2023-02-01, ref 4.1-1234/2023.",
  },
  save: { sv: "Spara rättelsen", en: "Save the correction" },
  saved: (kommun: string, from: string, to: string, version: number, total: string) => ({
    sv: `Sparat som version ${version}: ${kommun} ${from} → ${to}. Tilldelningarna summerar nu till ${total}.`,
    en: `Saved as version ${version}: ${kommun} ${from} → ${to}. The allocations now add up to ${total}.`,
  }),
  unchanged: {
    sv: "Inget ändrades: tilldelningen var redan så.",
    en: "Nothing changed: the allocation was already so.",
  },
} satisfies Texts;

interface Corrected {
  version: number;
  corrections: { kommun: string; from: number; to: number }[];
  totals: { sum: number };
}

const text = (v: Value | undefined) => String(v ?? "").trim();

/**
 * The facts form on the same page has its own reason and decision: these fields live under
 * `allocations.` so their ids differ, and the schema's paths are mapped onto them.
 */
const OWN = { reason: "allocations.reason", decision: "allocations.decision" } as const;
const fieldPath = (path: string) => OWN[path as keyof typeof OWN] ?? path;

/**
 * POST /programmes/{id}/allocations for one municipality at a time, checked by the API's own
 * schema; the field paths are the API's, so its refusals (e.g. BELOW_REQUISITIONED) mark the field.
 */
export function allocationsForm(programme: ProgrammeSummary): HTMLElement {
  const kit = new FormKit({
    toInput: (v) => {
      const decision = text(v[OWN.decision]);
      return {
        corrections: [
          {
            kommunkod: text(v["corrections.0.kommunkod"]),
            amount: parseAmount(text(v["corrections.0.amount"])),
          },
        ],
        reason: text(v[OWN.reason]),
        ...(decision ? { decision } : {}),
      };
    },
    validate: (input) => {
      const parsed = allocationsBody.safeParse(input, { reportInput: true });
      if (parsed.success) return [];
      return toFieldErrors(parsed.error.issues).map((e) => ({ ...e, path: fieldPath(e.path) }));
    },
  });
  kit.init({
    "corrections.0.kommunkod": "",
    "corrections.0.amount": "",
    [OWN.reason]: "",
    [OWN.decision]: "",
  });
  const result = h("div", { role: "status", id: "allocations-result" });
  const options = [
    { value: "", label: "—" },
    ...recipientsOfKinds(programme.recipientKinds).map((r) => ({
      value: r.code,
      label: recipientLabel(r.code),
    })),
  ];
  const form = h(
    "form",
    { novalidate: true, id: "allocations-form" },
    kit.summary,
    kit.field({ path: "corrections.0.kommunkod", kind: "select", label: TEXT.kommun, options }),
    kit.field({ path: "corrections.0.amount", kind: "amount", label: TEXT.amount }),
    kit.field({ path: OWN.reason, kind: "text", width: "l", label: TEXT.reason }),
    kit.field({
      path: OWN.decision,
      kind: "text",
      width: "l",
      optional: true,
      label: TEXT.decision,
      hint: TEXT.decisionHint,
    }),
    h(
      "div",
      { class: "actions" },
      h("button", { type: "submit", class: "button", id: "allocations-save" }, m(TEXT.save)),
    ),
  );
  onValidSubmit(form, kit, result, async () => {
    const done = await api<Corrected>("POST", `/programmes/${encodeURIComponent(programme.id)}/allocations`, {
      body: kit.input(),
    });
    const row = done.corrections[0];
    result.replaceChildren(
      h(
        "p",
        { class: "notice notice-success" },
        m(
          row
            ? TEXT.saved(row.kommun, kronor(row.from), kronor(row.to), done.version, kronor(done.totals.sum))
            : TEXT.unchanged,
        ),
      ),
    );
  });
  return h(
    "section",
    { "aria-labelledby": "allocations-title", id: "allocations" },
    h("h2", { id: "allocations-title" }, m(TEXT.title)),
    h("p", {}, m(TEXT.intro)),
    form,
    result,
  );
}
