import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sampleRequisition } from "../../shared/forms/samples.ts";
import type { Programme } from "../../shared/programmes/schema.ts";
import { seedProgramme } from "../../shared/programmes/seeds.ts";
import { call } from "../helpers/local-stack.ts";
import { pdfPageTexts } from "../helpers/pdf-text.ts";
import { startWebRig, type WebRig } from "./web-rig.ts";

/**
 * The form to sign as the registration mail links it (submission.html?id=…&form=pdf): the page
 * makes the PDF in the browser, with the embedded font fetched as an asset, and downloads it.
 */
const TODAY = "2022-11-20";
const PROGRAMME = "skr-aldreomsorg-2022";
const LUND = "1281";
const programme: Programme =
  seedProgramme(PROGRAMME) ??
  (() => {
    throw new Error(`${PROGRAMME} missing`);
  })();

let rig: WebRig;

beforeAll(async () => {
  rig = await startWebRig("web-form-pdf", { today: TODAY });
});

afterAll(async () => {
  await rig?.stop();
});

describe("web pages: the form to sign, from the mail's link", () => {
  it("downloads the filled-in form at once, names as typed, on one page, and drops ?form=pdf from the address", async () => {
    // Prepare
    const token = await rig.stack.issuer.mint({ kommunkod: LUND });
    const form = sampleRequisition(programme, LUND, TODAY);
    form.recipient.contactPerson = "Łukasz Ŋuolja-Đorđević";
    form.signature.signatory = "Åsa Öberg";
    const created = await call<{ id: string; reference: string }>(
      rig.stack,
      "POST",
      `/programmes/${PROGRAMME}/requisitions`,
      { token, body: form },
    );
    expect(created.status).toBe(201);
    const page = await rig.signedIn(token, `submission.html?id=${created.body.id}`);
    // Act
    const [download] = await Promise.all([
      page.waitForEvent("download", { timeout: 30_000 }),
      page.goto(`${rig.web}submission.html?id=${created.body.id}&form=pdf`),
    ]);
    // Assess
    expect(download.suggestedFilename()).toBe(`Bilaga2-${created.body.reference}.pdf`);
    const pages = pdfPageTexts(readFileSync((await download.path()) ?? ""));
    expect(pages).toHaveLength(1);
    expect(pages[0]).toContain("Łukasz Ŋuolja-Đorđević");
    expect(pages[0]).toContain("Åsa Öberg");
    expect(new URL(page.url()).searchParams.has("form")).toBe(false);
    expect(rig.problems).toEqual([]);
  });
});
