import { PDFDocument } from "pdf-lib";
import { describe, expect, it } from "vitest";
import { sampleReport, sampleRequisition } from "../../../shared/forms/index.ts";
import { type Bilaga2Input, bilaga2Pdf } from "../../../shared/forms/pdf/bilaga2.ts";
import { bilaga2FileName } from "../../../shared/forms/pdf/file-name.ts";
import { packageFonts } from "../../../shared/forms/pdf/package-fonts.ts";
import { seedProgramme } from "../../../shared/programmes/seeds.ts";
import { pdfPageTexts, pdfStreams } from "../../helpers/pdf-text.ts";

const ID = "0f8fad5b-d9cb-469f-a165-70867728950e";
const programme = seedProgramme("skr-aldreomsorg-2022");
if (!programme) throw new Error("programme missing");
/** The pages' text on one line: the PDF wraps long labels and sentences anywhere. */
const oneLine = (pages: string[]) => pages.join(" ").replace(/\s+/g, " ");
const fonts = await packageFonts();
const pdfOf = (input: Bilaga2Input) => bilaga2Pdf(input, fonts);

// Shaping text with an embedded font takes a moment; a loaded machine runs several test files.
describe("the pre-filled Bilaga 2 PDF", { timeout: 30_000 }, () => {
  it("has the requisition's data, Swedish characters intact, and the reference on every page", async () => {
    // Prepare
    const form = sampleRequisition(programme, "1281", "2022-11-20");
    form.recipient.contactPerson = "Åsa Öberg-Ädel";
    form.payment.reference = "Äldreomsorg – Lund";
    // Act
    const pdf = await pdfOf({
      kind: "requisition",
      submissionId: ID,
      reference: "SB-2022-1281-R1",
      form,
      receivedAt: "2022-11-20 10:15:00",
    });
    // Assess
    expect(Buffer.from(pdf.subarray(0, 5)).toString()).toBe("%PDF-");
    const pages = pdfPageTexts(pdf);
    expect(pages.length).toBeGreaterThanOrEqual(1);
    const all = pages.join("\n");
    expect(all).toContain("1 530 608 kr");
    expect(all).toContain("Lunds kommun");
    expect(all).toContain("Åsa Öberg-Ädel");
    expect(all).toContain("Äldreomsorg – Lund");
    expect(all).toContain("Överenskommelse mellan staten och Sveriges Kommuner och");
    for (const section of [
      "1. Kontaktuppgifter",
      "2. Bidrag som ansökan avser",
      "3. Uppgifter för utbetalning",
      "4. Underskrift i original av behörig företrädare",
    ])
      expect(all).toContain(section);
    for (const page of pages) expect(page).toContain("SB-2022-1281-R1");
    const doc = await PDFDocument.load(pdf);
    expect(doc.getSubject()).toBe("SB-2022-1281-R1");
    expect(doc.getPageCount()).toBe(pages.length);
  });

  it("prints the programme's questions with the answers before the signature, so the answers are signed", async () => {
    // Prepare: the 2018 programme's report questions
    const sos = seedProgramme("sos-valfardsteknik-2018");
    if (!sos) throw new Error("programme missing");
    const form = sampleReport(sos, "1281");
    form.answers = { ...form.answers, anvandning: "Nattkameror i särskilt boende.", forutsattningar: false };
    const questions = (sos.questions ?? []).filter((q) => q.at === "report");
    // Act
    const pdf = await bilaga2Pdf(
      { kind: "report", submissionId: ID, reference: "SB-2018-1281-E1", form },
      fonts,
      questions,
    );
    // Assess
    const text = oneLine(pdfPageTexts(pdf));
    expect(text).toContain("Frågor i det här bidraget");
    expect(text).toContain("Vad har stimulansmedlen använts till? Nattkameror i särskilt boende.");
    expect(text.indexOf("Frågor i det här bidraget")).toBeLessThan(text.indexOf("5. Underskrift"));
    expect(text).toMatch(/operativ kunskap\)\? Nej/);
  });

  it("lays out a long report over several pages, each with the reference and its QR code", async () => {
    // Prepare
    const form = sampleReport(programme, "1281");
    form.certification = {
      ...form.certification,
      alternative: 2,
      deviations: "Avvikelse ".repeat(300),
      measures: "Åtgärd ".repeat(300),
    };
    // Act
    const pdf = await pdfOf({ kind: "report", submissionId: ID, reference: "SB-2022-1281-E1", form });
    // Assess
    const pages = pdfPageTexts(pdf);
    expect(pages.length).toBeGreaterThan(1);
    pages.forEach((page, i) => {
      expect(page).toContain("SB-2022-1281-E1");
      expect(page).toContain(`Sida ${i + 1} av ${pages.length}`);
    });
    // The QR code is one vector path of dark modules: hundreds of sub-paths on every page.
    for (const content of pdfStreams(pdf).filter((x) => /\bTj\b/.test(x))) {
      expect((content.match(/ m\n/g) ?? []).length).toBeGreaterThan(100);
    }
    const all = pages.join("\n");
    expect(all).toContain("Medel som inte har förbrukats");
    expect(all).toContain("Alt 2: Eva Ekström");
    expect(bilaga2FileName("SB-2022-1281-E1")).toBe("Bilaga2-SB-2022-1281-E1.pdf");
  });

  it("words the requisition as Bilaga 2 does: its labels and its declaration", async () => {
    // Prepare
    const form = sampleRequisition(programme, "1281", "2022-11-20");
    // Act
    const pdf = await pdfOf({
      kind: "requisition",
      submissionId: ID,
      reference: "SB-2022-1281-R1",
      form,
    });
    // Assess
    const text = oneLine(pdfPageTexts(pdf));
    for (const wording of [
      "Telefon inkl. riktnummer",
      "E-postadress",
      "Regeringskansliets diarienummer för bakomliggande överenskommelse",
      "Regeringskansliets diarienummer för regeringsbeslut avseende utbetalning",
      "Rekvisitionen avser perioden",
      `Bankgiro/Plusgiro Bankgiro ${form.payment.account}`,
      "Önskad betalningsreferens",
      "Bidragstagaren intygar att lämnade uppgifter är riktiga samt försäkrar att bidraget kommer att användas enligt den gemensamma överenskommelsen.",
    ])
      expect(text).toContain(wording);
  });

  it("prints the report's five sections as Bilaga 2 does, with section 5's own declaration", async () => {
    // Prepare
    const form = sampleReport(programme, "1281");
    // Act
    const pdf = await pdfOf({ kind: "report", submissionId: ID, reference: "SB-2022-1281-E1", form });
    // Assess
    const text = oneLine(pdfPageTexts(pdf));
    for (const wording of [
      "2. Bidrag som ansökan avser",
      "Regeringskansliets diarienummer avseende regeringsbeslut för utbetalning",
      "Summa bidrag som utbetalats från regeringen/Regeringskansliet",
      "Period som den ekonomiska redovisningen avser",
      "3. Redovisning av verksamhet eller aktivitet",
      "Bidrag som erhållits av regeringen/Regeringskansliet",
      "Summa kostnader",
      "Medel som inte har förbrukats (Bidrag – totala kostnader)",
      "Har svarat på Socialstyrelsens enkät avseende uppföljning av utvecklingen av e-hälsa och välfärdsteknik i kommunerna",
      "4. Ekonomichefens/verksamhetschefens granskning av den ekonomiska redovisningen",
      "Alt 1: Eva Ekström (ekonomichefen/verksamhetschefen) intygar att den ekonomiska redovisningen under punkt 3 är korrekt.",
      "Befattning Ekonomichef",
      "5. Underskrift i original av behörig företrädare Bidragstagaren intygar att lämnade uppgifter är riktiga.",
      "Namnförtydligande Bo Bengtsson",
    ])
      expect(text).toContain(wording);
  });

  it("prints no agreement rows for a programme that rests on a government decision alone", async () => {
    // Prepare
    const decision = seedProgramme("sos-valfardsteknik-2018");
    if (!decision) throw new Error("programme missing");
    const form = sampleRequisition(decision, "1281", "2018-06-01");
    // Act
    const pdf = await pdfOf({
      kind: "requisition",
      submissionId: ID,
      reference: "SB-2018-1281-R1",
      form,
    });
    // Assess
    const all = pdfPageTexts(pdf).join("\n");
    expect(all).toContain(form.grant.decisionDiarienummer);
    expect(all).not.toContain("Överenskommelsens benämning");
  });

  it("prints Sami, Polish and Swedish names as typed, in an embedded font", async () => {
    // Prepare
    const form = sampleRequisition(programme, "1281", "2022-11-20");
    form.recipient.contactPerson = "Łukasz Ŋuolja-Đorđević";
    form.signature.signatory = "Åsa Öberg";
    form.recipient.postalAddress.street = "Ǯǯ-gatan 1, Ŧŧ Žž Šš Čč őű";
    // Act
    const pdf = await pdfOf({ kind: "requisition", submissionId: ID, reference: "SB-2022-1281-R2", form });
    // Assess
    const all = pdfPageTexts(pdf).join("\n");
    expect(all).toContain("Łukasz Ŋuolja-Đorđević");
    expect(all).toContain("Åsa Öberg");
    expect(all).toContain("Ǯǯ-gatan 1, Ŧŧ Žž Šš Čč őű");
    const streams = pdfStreams(pdf).join("\n");
    expect(streams).toMatch(/\/FontFile2 \d+ 0 R/);
    expect(streams).not.toContain("/Helvetica");
  });

  it("prints a question mark for what the font has no glyph for (emoji) instead of nothing", async () => {
    // Prepare
    const form = sampleRequisition(programme, "1281", "2022-11-20");
    form.recipient.contactPerson = "Łukasz Nowak 😀 −1";
    // Act
    const pdf = await pdfOf({ kind: "requisition", submissionId: ID, reference: "SB-2022-1281-R2", form });
    // Assess
    expect(pdfPageTexts(pdf).join("\n")).toContain("Łukasz Nowak ? −1");
  });
});

describe("the signature on the printed form", { timeout: 30_000 }, () => {
  /** 1-based number of the first page whose text has `text`, line breaks read as spaces. */
  const pageWith = (pages: string[], text: string) =>
    pages.findIndex((page) => oneLine([page]).includes(text)) + 1;

  it("fits a requisition on one page, declaration and signature included, and says to scan that page", async () => {
    // Prepare
    const form = sampleRequisition(programme, "1281", "2022-11-20");
    // Act
    const pdf = await pdfOf({ kind: "requisition", submissionId: ID, reference: "SB-2022-1281-R1", form });
    // Assess
    const pages = pdfPageTexts(pdf);
    expect(pages).toHaveLength(1);
    expect(pageWith(pages, "Bidragstagaren intygar")).toBe(1);
    expect(pageWith(pages, `Namnförtydligande ${form.signature.signatory}`)).toBe(1);
    expect(oneLine(pages)).toContain("Skriv under, skanna och ladda upp sidan i tjänsten Statsbidrag.");
  });

  it("starts a section longer than a page right after the one before, not on a page of its own", async () => {
    // Prepare
    const form = sampleReport(programme, "1281");
    const deviations = "Avvikelse ".repeat(300);
    form.certification = {
      ...form.certification,
      alternative: 2,
      deviations,
      measures: "Åtgärd ".repeat(300),
    };
    // Act
    const pdf = await pdfOf({ kind: "report", submissionId: ID, reference: "SB-2022-1281-E1", form });
    // Assess
    const pages = pdfPageTexts(pdf);
    expect(pageWith(pages, "3. Redovisning av verksamhet eller aktivitet")).toBe(1);
    expect(pageWith(pages, "4. Ekonomichefens/verksamhetschefens granskning")).toBe(1);
    expect(pageWith(pages, `Namnförtydligande ${form.signature.signatory}`)).toBe(pages.length);
  });

  it("keeps a long report's declaration with its signature on the last page and names every page to scan", async () => {
    // Prepare
    const form = sampleReport(programme, "1281");
    form.certification = { ...form.certification, alternative: 2, deviations: "Avvikelse ".repeat(150) };
    // Act
    const pdf = await pdfOf({ kind: "report", submissionId: ID, reference: "SB-2022-1281-E1", form });
    // Assess
    const pages = pdfPageTexts(pdf);
    const last = pages.length;
    expect(last).toBeGreaterThan(1);
    expect(pageWith(pages, "5. Underskrift i original av behörig företrädare")).toBe(last);
    expect(pageWith(pages, `Namnförtydligande ${form.signature.signatory}`)).toBe(last);
    const reviewer = pageWith(pages, `Namnförtydligande ${form.certification.name}`);
    expect(pageWith(pages, `E-postadress ${form.certification.email}`)).toBe(reviewer);
    // Two lines to sign on: the reviewer's and the signatory's.
    const signed = `underskrifterna finns på sida ${reviewer === last ? last : `${reviewer} och ${last}`}`;
    for (const page of pages)
      expect(oneLine([page])).toContain(`Skanna och ladda upp alla ${last} sidor som en fil; ${signed}.`);
  });
});
