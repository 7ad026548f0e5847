import { PDFDocument } from "pdf-lib";
import { describe, expect, it } from "vitest";
import { sampleReport, sampleRequisition } from "../../../shared/forms/index.ts";
import { bilaga2FileName, bilaga2Pdf } from "../../../shared/forms/pdf/bilaga2.ts";
import { seedProgramme } from "../../../shared/programmes/seeds.ts";
import { pdfPageTexts, pdfStreams } from "../../helpers/pdf-text.ts";

const ID = "0f8fad5b-d9cb-469f-a165-70867728950e";
const programme = seedProgramme("skr-aldreomsorg-2022");
if (!programme) throw new Error("programme missing");
/** The pages' text on one line: the PDF wraps long labels and sentences anywhere. */
const oneLine = (pages: string[]) => pages.join(" ").replace(/\s+/g, " ");

describe("the pre-filled Bilaga 2 PDF", () => {
  it("has the requisition's data, Swedish characters intact, and the reference on every page", async () => {
    // Prepare
    const form = sampleRequisition(programme, "1281", "2022-11-20");
    form.recipient.contactPerson = "Åsa Öberg-Ädel";
    form.payment.reference = "Äldreomsorg – Lund";
    // Act
    const pdf = await bilaga2Pdf({
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
    const pdf = await bilaga2Pdf({ kind: "report", submissionId: ID, reference: "SB-2022-1281-E1", form });
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
    const pdf = await bilaga2Pdf({
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
    const pdf = await bilaga2Pdf({ kind: "report", submissionId: ID, reference: "SB-2022-1281-E1", form });
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
    const pdf = await bilaga2Pdf({
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

  it("replaces characters the standard font cannot draw instead of failing", async () => {
    // Prepare
    const form = sampleRequisition(programme, "1281", "2022-11-20");
    form.recipient.contactPerson = "Łukasz Nowak 😀 −1";
    // Act
    const pdf = await bilaga2Pdf({
      kind: "requisition",
      submissionId: ID,
      reference: "SB-2022-1281-R2",
      form,
    });
    // Assess
    expect(pdfPageTexts(pdf).join("\n")).toContain("?ukasz Nowak ? -1");
  });
});
