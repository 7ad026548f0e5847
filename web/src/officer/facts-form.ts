import { toFieldErrors } from "../../../shared/forms/issues.ts";
import { factsBody } from "../../../shared/programme-admin/requests.ts";
import { api } from "../api.ts";
import { h } from "../dom.ts";
import { FormKit } from "../form-kit/form-kit.ts";
import { onValidSubmit } from "../form-kit/on-valid-submit.ts";
import type { Value } from "../form-kit/types.ts";
import { m, type Texts } from "../i18n.ts";
import type { ProgrammeSummary } from "../types.ts";

const TEXT = {
  title: { sv: "Ändra bidragets uppgifter", en: "Correct the programme's facts" },
  intro: {
    sv: "Varje ändring sparas som en ny version med skäl och vem som ändrade. Ett flyttat datum kräver beslutet det bygger på och meddelas kommunerna.",
    en: "Every change is saved as a new version with the reason and who changed it. A moved deadline needs the decision it rests on and is announced to the municipalities.",
  },
  agreementDiarienummer: { sv: "Diarienummer, överenskommelsen", en: "Case number, the agreement" },
  decisionDiarienummer: { sv: "Diarienummer, beslut om utbetalning", en: "Case number, payment decision" },
  diarienummerHint: { sv: "T.ex. S2023/01234/ÄO.", en: "E.g. S2023/01234/ÄO." },
  requisition: { sv: "Sista dag för rekvisition", en: "Last day to requisition" },
  report: { sv: "Sista dag för ekonomisk redovisning", en: "Financial report due" },
  repayment: { sv: "Ej förbrukade medel återbetalas senast", en: "Unspent funds repaid by" },
  bankgiro: { sv: "Bankgiro för återbetalning", en: "Bankgiro for repayments" },
  bankgiroHint: {
    sv: "Dit kommunerna betalar tillbaka ej förbrukade medel. Tomt: inget konto anges.",
    en: "Where municipalities repay unspent funds. Empty: no account is given.",
  },
  referencePrefix: { sv: "Referensens början (OCR)", en: "Start of the reference (OCR)" },
  referencePrefixHint: {
    sv: "Siffror före kommunkoden; en kontrollsiffra läggs till sist. T.ex. 2023 ger 202312815 för Lund.",
    en: "Digits before the kommunkod; a check digit is added last. E.g. 2023 gives 202312815 for Lund.",
  },
  reason: { sv: "Skäl till ändringen", en: "Reason for the change" },
  decision: { sv: "Beslut som ett flyttat datum bygger på", en: "Decision a moved deadline rests on" },
  decisionHint: {
    sv: "T.ex. Beslut 2023-02-01, dnr 4.1-1234/2023.",
    en: "E.g. Decision 2023-02-01, ref 4.1-1234/2023.",
  },
  save: { sv: "Spara ändringen", en: "Save the change" },
  saved: (changed: { sv: string[]; en: string[] }, version: number, announced: number) => ({
    sv: `Sparat som version ${version}: ${changed.sv.join(", ")}.${announced > 0 ? ` ${announced} kommuner fick besked om det nya datumet.` : ""}`,
    en: `Saved as version ${version}: ${changed.en.join(", ")}.${announced > 0 ? ` ${announced} municipalities were told about the new date.` : ""}`,
  }),
  unchanged: {
    sv: "Inget ändrades: uppgifterna var redan så.",
    en: "Nothing changed: the facts were already so.",
  },
} satisfies Texts;

/** What the API calls each fact, as the form labels it. */
const CHANGED: Record<string, { sv: string; en: string }> = {
  agreementDiarienummer: TEXT.agreementDiarienummer,
  decisionDiarienummer: TEXT.decisionDiarienummer,
  "deadlines.requisition": TEXT.requisition,
  "deadlines.report": TEXT.report,
  "deadlines.repayment": TEXT.repayment,
  repaymentAccount: TEXT.bankgiro,
};
const changedText = (changed: string[], lang: "sv" | "en") => changed.map((f) => CHANGED[f]?.[lang] ?? f);

const text = (v: Value | undefined) => String(v ?? "").trim();
const optional = (v: Value | undefined) => text(v) || null;

/** PATCH /programmes/{id}: the facts an agency corrects after publishing, checked by the API's own schema. */
export function factsForm(programme: ProgrammeSummary, onSaved: () => void): HTMLElement {
  const kit = new FormKit({
    toInput: (v) => {
      const decision = text(v.decision);
      const bankgiro = text(v["repaymentAccount.bankgiro"]);
      return {
        repaymentAccount: bankgiro
          ? { bankgiro, referencePrefix: text(v["repaymentAccount.referencePrefix"]) }
          : null,
        reason: text(v.reason),
        ...(decision ? { decision } : {}),
        agreementDiarienummer: optional(v.agreementDiarienummer),
        decisionDiarienummer: optional(v.decisionDiarienummer),
        deadlines: {
          requisition: text(v["deadlines.requisition"]),
          report: optional(v["deadlines.report"]),
          repayment: optional(v["deadlines.repayment"]),
        },
      };
    },
    validate: (input) => {
      const parsed = factsBody.safeParse(input, { reportInput: true });
      return parsed.success ? [] : toFieldErrors(parsed.error.issues);
    },
  });
  kit.init({
    agreementDiarienummer: programme.agreementDiarienummer ?? "",
    decisionDiarienummer: programme.decisionDiarienummer ?? "",
    "deadlines.requisition": programme.deadlines.requisition,
    "deadlines.report": programme.deadlines.report ?? "",
    "deadlines.repayment": programme.deadlines.repayment ?? "",
    "repaymentAccount.bankgiro": programme.repaymentAccount?.bankgiro ?? "",
    "repaymentAccount.referencePrefix": programme.repaymentAccount?.referencePrefix ?? "",
    reason: "",
    decision: "",
  });
  const result = h("div", { role: "status", id: "facts-result" });
  const form = h(
    "form",
    { novalidate: true, id: "facts-form" },
    kit.summary,
    kit.field({
      path: "agreementDiarienummer",
      kind: "text",
      width: "m",
      optional: true,
      label: TEXT.agreementDiarienummer,
      hint: TEXT.diarienummerHint,
    }),
    kit.field({
      path: "decisionDiarienummer",
      kind: "text",
      width: "m",
      optional: true,
      label: TEXT.decisionDiarienummer,
      hint: TEXT.diarienummerHint,
    }),
    kit.field({ path: "deadlines.requisition", kind: "date", width: "s", label: TEXT.requisition }),
    kit.field({ path: "deadlines.report", kind: "date", width: "s", optional: true, label: TEXT.report }),
    kit.field({
      path: "deadlines.repayment",
      kind: "date",
      width: "s",
      optional: true,
      label: TEXT.repayment,
    }),
    kit.field({
      path: "repaymentAccount.bankgiro",
      kind: "text",
      width: "s",
      optional: true,
      label: TEXT.bankgiro,
      hint: TEXT.bankgiroHint,
    }),
    kit.field({
      path: "repaymentAccount.referencePrefix",
      kind: "text",
      width: "s",
      optional: true,
      label: TEXT.referencePrefix,
      hint: TEXT.referencePrefixHint,
    }),
    kit.field({ path: "reason", kind: "text", width: "l", label: TEXT.reason }),
    kit.field({
      path: "decision",
      kind: "text",
      width: "l",
      optional: true,
      label: TEXT.decision,
      hint: TEXT.decisionHint,
    }),
    h(
      "div",
      { class: "actions" },
      h("button", { type: "submit", class: "button", id: "facts-save" }, m(TEXT.save)),
    ),
    result,
  );
  onValidSubmit(form, kit, result, async () => {
    const saved = await api<{ version: number; changed: string[]; announced: number }>(
      "PATCH",
      `/programmes/${encodeURIComponent(programme.id)}`,
      { body: kit.input() },
    );
    result.replaceChildren(
      h(
        "div",
        { class: "notice notice-success" },
        h(
          "p",
          {},
          m(
            saved.changed.length
              ? TEXT.saved(
                  { sv: changedText(saved.changed, "sv"), en: changedText(saved.changed, "en") },
                  saved.version,
                  saved.announced,
                )
              : TEXT.unchanged,
          ),
        ),
      ),
    );
    kit.set("reason", "");
    kit.set("decision", "");
    onSaved();
  });
  return h(
    "section",
    { "aria-labelledby": "facts-title", id: "facts" },
    h("h2", { id: "facts-title" }, m(TEXT.title)),
    h("p", {}, m(TEXT.intro)),
    form,
  );
}
