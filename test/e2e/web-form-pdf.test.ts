import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sampleRequisition } from "../../shared/forms/samples.ts";
import type { Programme } from "../../shared/programmes/schema.ts";
import { seedProgramme } from "../../shared/programmes/seeds.ts";
import { call } from "../helpers/local-stack.ts";
import { pdfPageTexts } from "../helpers/pdf-text.ts";
import { newContext, openPage, ready } from "./web-helpers.ts";
import { startWebRig, type WebRig } from "./web-rig.ts";

/**
 * The form to sign as the registration mail links it (submission.html?id=…&form=pdf): the page
 * fetches the PDF the API makes (GET /submissions/{id}/form.pdf, embedded font) and downloads it.
 */
const TODAY = "2022-11-20";
const PROGRAMME = "skr-aldreomsorg-2022";
const LUND = "1281";
const MALMO = "1280";
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

/** A municipality's requisition, as the API takes it, with names a Helvetica PDF could not print. */
async function requisitioned(kommunkod: string): Promise<{ id: string; reference: string }> {
  // The signatory's name is the sender's account's (README "Roles").
  const token = await rig.stack.issuer.mint({ kommunkod, name: "Åsa Öberg" });
  const form = sampleRequisition(programme, kommunkod, TODAY);
  form.recipient.contactPerson = "Łukasz Ŋuolja-Đorđević";
  const created = await call<{ id: string; reference: string }>(
    rig.stack,
    "POST",
    `/programmes/${PROGRAMME}/requisitions`,
    { token, body: form },
  );
  expect(created.status).toBe(201);
  return created.body;
}

describe("web pages: the form to sign, from the mail's link", () => {
  it("downloads the filled-in form at once, names as typed, on one page, and drops ?form=pdf from the address", async () => {
    // Prepare
    const created = { body: await requisitioned(LUND) };
    const token = await rig.stack.issuer.mint({ kommunkod: LUND });
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

  it("comes back to the form's link after signing in, in a tab that was not signed in, and downloads it", async () => {
    // Prepare
    const { id, reference } = await requisitioned(MALMO);
    const page = await openPage(await newContext(rig.browser), rig.problems);
    // Act: the mail's link, then the sign-in it leads to (the dev issuer's pick list)
    await page.goto(`${rig.web}submission.html?id=${id}&form=pdf`);
    await page.waitForURL(/index\.html\?reason=expired/);
    await ready(page);
    await page.click("#sign-in");
    await page.waitForURL(/\/dev\/oauth2\/authorize\?/);
    await page.selectOption("#who", MALMO);
    const [download] = await Promise.all([
      page.waitForEvent("download", { timeout: 30_000 }),
      page.click("#continue"),
    ]);
    // Assess
    expect(new URL(page.url()).pathname).toMatch(/submission\.html$/);
    expect(download.suggestedFilename()).toBe(`Bilaga2-${reference}.pdf`);
    expect(rig.problems).toEqual([]);
  });
});
