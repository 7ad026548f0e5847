import "../zod-setup.ts";
import { post } from "../api.ts";
import { append, h } from "../dom.ts";
import { FormKit } from "../form-kit/form-kit.ts";
import { onValidSubmit } from "../form-kit/on-valid-submit.ts";
import { invalid } from "../form-kit/simple-checks.ts";
import { m, type Texts } from "../i18n.ts";
import { boot, errorPanel } from "../layout.ts";
import { pageFile } from "../pages.ts";
import { META_FIELDS, metaErrors, metaOf } from "../programme-setup/meta-fields.ts";
import { type DraftPreview, draftPreview } from "../programme-setup/preview.ts";

/**
 * An officer sets up a new programme: its terms and the Bilaga 1 table (a CSV file as the agency
 * exports it from Excel, or pasted), a preview with every problem located by line and the proof
 * that the rows add up, then publishing, which opens the programme and announces it.
 */
const TEXT = {
  intro: {
    sv: "Fyll i bidragets uppgifter och välj Bilaga 1 som CSV-fil (Kommun;Belopp). Förhandsgranska, rätta det som behövs och publicera. Publiceringen öppnar bidraget och skickar utskicket till kommunerna.",
    en: "Fill in the programme's terms and choose Bilaga 1 as a CSV file (Kommun;Belopp). Preview, fix what is needed and publish. Publishing opens the programme and announces it to the municipalities.",
  },
  csvFile: { sv: "Bilaga 1 som CSV-fil", en: "Bilaga 1 as a CSV file" },
  csv: { sv: "Bilaga 1 (CSV)", en: "Bilaga 1 (CSV)" },
  csvHint: {
    sv: "En rad per kommun: namn eller kommunkod och belopp i hela kronor, avgränsade med semikolon.",
    en: "One row per municipality: name or kommunkod and the amount in whole kronor, separated by semicolons.",
  },
  csvMissing: { sv: "Välj eller klistra in Bilaga 1.", en: "Choose or paste Bilaga 1." },
  preview: { sv: "Förhandsgranska", en: "Preview" },
  publish: { sv: "Publicera och öppna bidraget", en: "Publish and open the programme" },
  published: (announced: number) => ({
    sv: `Bidraget är publicerat och öppnat. ${announced} kommuner fick utskicket.`,
    en: `The programme is published and open. ${announced} municipalities were announced to.`,
  }),
  toOverview: { sv: "Till bidragets översikt", en: "To the programme's overview" },
} satisfies Texts;

await boot("programme-setup", "officer", async ({ main }) => {
  const kit = new FormKit({
    toInput: (values) => ({ meta: metaOf(values), bilaga1Csv: String(values.bilaga1Csv ?? "") }),
    validate: (input) => {
      const errors = metaErrors(input.meta);
      if (String(input.bilaga1Csv).trim() === "")
        errors.push(invalid("bilaga1Csv", TEXT.csvMissing, "REQUIRED"));
      return errors;
    },
  });
  kit.init({ "meta.survey.atRequisition": false, "meta.recipientKinds": "municipality" });
  const file = h("input", { type: "file", id: "bilaga1-file", accept: ".csv,text/csv,text/plain" });
  const csvField = kit.field({ path: "bilaga1Csv", kind: "textarea", label: TEXT.csv, hint: TEXT.csvHint });
  // Excel's CSV is UTF-8 (with or without BOM); the API strips the BOM.
  file.addEventListener("change", async () => {
    const chosen = file.files?.[0];
    if (chosen) kit.set("bilaga1Csv", await chosen.text());
  });
  const previewArea = h("div", { id: "preview-area" });
  const result = h("div", { role: "status", id: "setup-result" });
  const form = h(
    "form",
    { novalidate: true, id: "programme-form" },
    kit.summary,
    META_FIELDS.map((def) => kit.field(def)),
    h("div", { class: "field" }, h("label", { for: "bilaga1-file" }, m(TEXT.csvFile)), file),
    csvField,
    h(
      "div",
      { class: "actions" },
      h("button", { type: "submit", class: "button", id: "preview" }, m(TEXT.preview)),
    ),
  );
  onValidSubmit(form, kit, result, async () => {
    result.replaceChildren();
    const { draft } = await post<{ draft: DraftPreview }>("/programmes", kit.input());
    const publish = h("button", { type: "button", class: "button", id: "publish" }, m(TEXT.publish));
    publish.addEventListener("click", async () => {
      publish.disabled = true;
      try {
        const done = await post<{ opening: { announced: number } }>(
          `/programmes/${encodeURIComponent(draft.programmeId)}/publish`,
        );
        result.replaceChildren(
          h(
            "div",
            { class: "notice notice-success" },
            h("p", {}, m(TEXT.published(done.opening.announced))),
            h(
              "p",
              {},
              h(
                "a",
                { href: `${pageFile("officer")}?programme=${encodeURIComponent(draft.programmeId)}` },
                m(TEXT.toOverview),
              ),
            ),
          ),
        );
      } catch (error) {
        publish.disabled = false;
        result.replaceChildren(errorPanel(error));
      }
    });
    // Publishing is offered only for a table without problems; the API refuses it otherwise too.
    const preview = draftPreview(draft);
    previewArea.replaceChildren(preview);
    if (draft.problems.length === 0) previewArea.append(h("div", { class: "actions" }, publish));
    const heading = preview.querySelector("h2");
    heading?.setAttribute("tabindex", "-1");
    heading?.focus();
  });
  append(main, [h("p", {}, m(TEXT.intro)), form, previewArea, result]);
});
