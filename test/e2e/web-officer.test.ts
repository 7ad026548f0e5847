import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type LocalStack, startLocalStack } from "../../infra/local/stack.ts";
import { sampleReport, sampleRequisition } from "../../shared/forms/samples.ts";
import { findProgramme } from "../../shared/programmes/catalogue.ts";
import type { Programme } from "../../shared/programmes/schema.ts";
import type { UploadSlot } from "../../shared/submissions/upload-slot.ts";
import { call, smallPdf, uploadWith } from "../helpers/local-stack.ts";
import { waitFor } from "../helpers/wait.ts";
import { CHROMIUM_ARGS, newContext, openPage, ready, review } from "./web-helpers.ts";

/**
 * The officer's and the municipality's pages for what issue 9 added, in Chromium against the whole
 * local stack (in this process, on free ports, the clock on 2022-11-20): a return that asks for a
 * bank statement, its upload (refused with a reason in both languages, then accepted), opening a
 * programme, the report page once a report is in, and the survey requirement. What only sets the
 * scene (a requisition with its signed original, a report) goes through the API; what is tested
 * goes through the pages. Each new page state is checked with axe-core and photographed into
 * test/artifacts/web/.
 */
const TODAY = "2022-11-20";
const PROGRAMME = "skr-aldreomsorg-2022";
/** Its requisition deadline passed long before TODAY, so it can no longer be opened. */
const PAST_PROGRAMME = "skr-aldreomsorg-2021";
const LUND = "1281";
const MALMO = "1280";
const programme: Programme =
  findProgramme(PROGRAMME) ??
  (() => {
    throw new Error(`${PROGRAMME} missing`);
  })();

let stack: LocalStack;
let browser: Browser;
let web: string;
const outDir = mkdtempSync(join(tmpdir(), "statsbidrag-web-officer-"));
const problems: string[] = [];
const contexts: BrowserContext[] = [];
let officer: Page;
let lund: Page;
let lundRequisition = "";

/** A dev-issuer token from the local sign-in, as scripts get one. */
async function devToken(who: { kommunkod: string } | { officer: true }): Promise<string> {
  const res = await fetch(`${stack.apiUrl}/dev/sign-in`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(who),
  });
  if (!res.ok) throw new Error(`dev sign-in ${res.status}`);
  return ((await res.json()) as { token: string }).token;
}

/** A fresh tab in its own browser context (its own session and language), signed in with `token`. */
async function signedInPage(token: string, path: string): Promise<Page> {
  const context = await newContext(browser);
  contexts.push(context);
  const page = await openPage(context, problems);
  await page.goto(`${web}index.html?reason=signed-out`);
  // Once the sign-in page has rendered (signed out), it no longer redirects.
  await ready(page);
  await page.evaluate((t) => sessionStorage.setItem("statsbidrag.session", t), token);
  await page.goto(`${web}${path}`);
  await ready(page);
  return page;
}

async function goTo(page: Page, path: string): Promise<void> {
  await page.goto(`${web}${path}`);
  await ready(page);
}

/** Switches the page's language with its own button (the page reloads). */
async function switchLanguage(page: Page): Promise<void> {
  await page.click("#language-switch");
  await page.waitForLoadState("load");
  await ready(page);
}

/** Sets the scene through the API: a requisition whose signed original the check has accepted. */
async function receivedRequisition(kommunkod: string, token: string): Promise<string> {
  const created = await call<{ id: string; upload: UploadSlot }>(
    stack,
    "POST",
    `/programmes/${PROGRAMME}/requisitions`,
    { token, body: sampleRequisition(programme, kommunkod, TODAY) },
  );
  if (created.status !== 201)
    throw new Error(`requisition ${created.status}: ${JSON.stringify(created.body)}`);
  const uploaded = await uploadWith(created.body.upload, smallPdf(), "signed.pdf", "application/pdf");
  if (uploaded >= 300) throw new Error(`upload ${uploaded}`);
  await waitFor(async () => {
    const res = await call<{ submission: { status: string } }>(
      stack,
      "GET",
      `/submissions/${created.body.id}`,
      {
        token,
      },
    );
    return res.body.submission.status === "received" || undefined;
  }, 20_000);
  return created.body.id;
}

beforeAll(async () => {
  [stack, browser] = await Promise.all([
    startLocalStack({
      port: 0,
      inMemory: true,
      stage: "test",
      today: TODAY,
      outboxIntervalMs: 200,
      web: { outDir },
    }),
    chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS }),
  ]);
  web = stack.webUrl ?? "";
  const lundToken = await devToken({ kommunkod: LUND });
  lundRequisition = await receivedRequisition(LUND, lundToken);
  [officer, lund] = await Promise.all([
    signedInPage(await devToken({ officer: true }), `officer-submission.html?id=${lundRequisition}`),
    signedInPage(lundToken, "programmes.html"),
  ]);
});

afterAll(async () => {
  await Promise.allSettled(contexts.map((c) => c.close()));
  await browser?.close();
  await stack?.stop();
  rmSync(outDir, { recursive: true, force: true });
});

describe("web pages: requested documents, opening, reported, survey", () => {
  it("an officer can return a submission asking for a bank statement, and the request shows as not received", async () => {
    // Prepare: the reason and the request belong to a return and show only once it is chosen
    await expect(officer.locator("#return-block").isHidden()).resolves.toBe(true);
    await officer.check("#f-decision-return");
    await expect(officer.locator("#return-block").isVisible()).resolves.toBe(true);
    await expect(officer.locator("#f-requestedAttachment-group legend").textContent()).resolves.toBe(
      "Begär en handling",
    );
    // Act
    await officer.fill("#f-reason", "Bankgirot kan inte kopplas till kommunen. Bifoga ett kontoutdrag.");
    await officer.getByLabel("Begär kontoutdrag").check();
    await review(officer, "officer-20-return-requesting-bank-statement");
    await officer.click("#decide");
    // Assess
    await officer.waitForSelector(".badge-returned");
    await expect(officer.textContent("#requests")).resolves.toContain("Kontoutdrag, begärt 2022-11-20");
    await expect(officer.textContent("#requests")).resolves.toContain("inte inkommet ännu");
    await expect(officer.textContent("#history-title + table")).resolves.toContain("begärt: Kontoutdrag");
    await review(officer, "officer-21-returned-with-request");
  });

  it("the municipality sees the bank statement as still required, with an upload area for it", async () => {
    // Act
    await goTo(lund, `submission.html?id=${lundRequisition}`);
    // Assess
    const todo = await lund.textContent("#status-area");
    expect(todo).toContain("Begärd bilaga: Kontoutdrag");
    expect(todo).toContain("inte inkommet ännu");
    expect(todo).toContain("Bankgirot kan inte kopplas till kommunen");
    await expect(lund.locator("#requested-upload h2").textContent()).resolves.toBe("Ladda upp kontoutdrag");
    await expect(lund.getByRole("link", { name: "Rätta och skicka in igen" }).count()).resolves.toBe(1);
    await review(lund, "officer-22-municipality-bank-statement-required");
  });

  it("a file that is not a scan is refused with the reason in Swedish, and in English after switching", async () => {
    // Act: text renamed .pdf, through the bank statement's own file button
    await lund.setInputFiles("#bank-statement-upload-file", {
      name: "kontoutdrag.pdf",
      mimeType: "application/pdf",
      buffer: Buffer.from("just some text, not a scan"),
    });
    // Assess
    await lund.waitForSelector("#bank-statement-upload-result .notice-error", { timeout: 30_000 });
    await expect(lund.textContent("#bank-statement-upload-result")).resolves.toContain(
      "Orsak: filen är inte en PDF, JPEG, PNG eller TIFF.",
    );
    await expect(lund.textContent("#status-area")).resolves.toContain(
      "Senaste filen godtogs inte: filen är inte en PDF, JPEG, PNG eller TIFF.",
    );
    await review(lund, "officer-23-bank-statement-refused-sv");

    // Act: the stored refusal, in the other language
    await switchLanguage(lund);
    // Assess
    await expect(lund.textContent("#status-area")).resolves.toContain(
      "The last file was not accepted: the file is not a PDF, JPEG, PNG or TIFF.",
    );
    await expect(lund.textContent("#attachments-title + table")).resolves.toContain(
      "Not accepted – the file is not a PDF, JPEG, PNG or TIFF.",
    );
    await review(lund, "officer-24-bank-statement-refused-en");
    await switchLanguage(lund);
    await expect(lund.getAttribute("html", "lang")).resolves.toBe("sv");
  });

  it("the requested bank statement, uploaded, is accepted and no longer required; the officer sees it received", async () => {
    // Act
    await lund.setInputFiles("#bank-statement-upload-file", {
      name: "kontoutdrag.pdf",
      mimeType: "application/pdf",
      buffer: Buffer.from(smallPdf("Kontoutdrag Lunds kommun")),
    });
    // Assess
    await lund.waitForSelector("#bank-statement-upload-result .notice-success", { timeout: 30_000 });
    await expect(lund.textContent("#bank-statement-upload-result")).resolves.toContain(
      "Kontoutdraget är mottaget.",
    );
    await expect(lund.textContent("#status-area")).resolves.toContain("Kontoutdrag, begärt");
    await expect(lund.locator("#status-area .step.done", { hasText: "Begärd bilaga" }).count()).resolves.toBe(
      1,
    );
    await expect(lund.textContent("#history-title + table")).resolves.toContain("Kontoutdrag mottaget");
    await review(lund, "officer-25-bank-statement-accepted");

    await officer.reload();
    await ready(officer);
    await expect(officer.textContent("#requests")).resolves.toMatch(/Kontoutdrag, begärt .*: inkommet\./);
    // The officer can open the bank statement itself: a presigned link to the accepted file.
    const link = officer.getByRole("link", { name: "Öppna kontoutdrag" });
    const href = (await link.getAttribute("href")) ?? "";
    const file = await fetch(href);
    expect(file.status).toBe(200);
    expect(Buffer.from(await file.arrayBuffer()).toString("latin1")).toContain("Kontoutdrag Lunds kommun");
  });

  it("the corrected version counts the bank statement sent with the returned one and asks for no upload", async () => {
    // Prepare
    await goTo(lund, `submission.html?id=${lundRequisition}`);
    // Act: correct and send again, the form filled in from the returned version
    await lund.getByRole("link", { name: "Rätta och skicka in igen" }).click();
    await ready(lund);
    await lund.click("#requisition-form button[type=submit]");
    await lund.waitForURL(/submission\.html\?id=.+&new=1/);
    await ready(lund);
    // Assess
    await expect(lund.locator(".receipt").textContent()).resolves.toContain("SB-2022-1281-R2");
    await expect(
      lund.locator("#status-area .step.done", { hasText: "vid återsändningen av SB-2022-1281-R1" }).count(),
    ).resolves.toBe(1);
    await expect(lund.locator("#requested-upload").count()).resolves.toBe(0);
    await review(lund, "officer-25b-correction-request-met");
  });

  it("an officer opens a programme that is not open, after confirming, and then sees it open without the button", async () => {
    // Prepare
    await goTo(officer, `officer.html?programme=${PROGRAMME}`);
    await expect(officer.textContent("#opening-state")).resolves.toContain("Bidraget är inte öppnat");
    await review(officer, "officer-26-programme-not-open");

    // Act: the first click only asks; "Avbryt" takes it back
    await officer.click("#open-programme");
    // Assess
    await expect(officer.locator("#open-confirm").isVisible()).resolves.toBe(true);
    await expect(officer.evaluate(() => document.activeElement?.id)).resolves.toBe("open-confirm-text");
    await expect(officer.textContent("#open-confirm-text")).resolves.toContain(
      `${programme.allocations.length} kommuner får utskicket nu`,
    );
    await review(officer, "officer-27-open-confirm");
    await officer.click("#open-confirm-no");
    await expect(officer.locator("#open-confirm").isHidden()).resolves.toBe(true);
    await expect(officer.evaluate(() => document.activeElement?.id)).resolves.toBe("open-programme");

    // Act: ask again and confirm
    await officer.click("#open-programme");
    await officer.click("#open-confirm-yes");
    // Assess: what happened, with focus on it; the button is gone
    await officer.waitForSelector("#opening-outcome", { timeout: 60_000 });
    const outcome = await officer.textContent("#opening-outcome");
    expect(outcome).toContain("Bidraget är öppnat.");
    expect(outcome).toContain(`${programme.allocations.length} kommuner fick utskicket nu`);
    await expect(officer.evaluate(() => document.activeElement?.id)).resolves.toBe("opening-outcome");
    await expect(officer.locator("#open-programme").count()).resolves.toBe(0);
    await review(officer, "officer-28-programme-opened");

    // Assess: on the next visit it is open, and there is nothing to press
    await officer.reload();
    await ready(officer);
    await expect(officer.textContent("#opening-state")).resolves.toContain("Bidraget är öppnat");
    await expect(officer.locator("#open-programme").count()).resolves.toBe(0);
  });

  it("once open, sending the missing announcements sends nothing twice", async () => {
    // Prepare: the programme opened in the test above; every municipality has an address
    await goTo(officer, `officer.html?programme=${PROGRAMME}`);
    // Act
    await officer.click("#send-missing");
    await officer.waitForSelector("#send-missing-result #opening-outcome", { timeout: 60_000 });
    // Assess
    const outcome = await officer.textContent("#opening-outcome");
    expect(outcome).toContain("bara det som saknades skickades");
    expect(outcome).toContain(
      `0 kommuner fick utskicket nu, ${programme.allocations.length} hade fått det tidigare`,
    );
    await expect(officer.evaluate(() => document.activeElement?.id)).resolves.toBe("opening-outcome");
    await review(officer, "officer-29-send-missing");
  });

  it("a programme whose requisition deadline has passed cannot be opened and offers no button", async () => {
    // Act
    await goTo(officer, `officer.html?programme=${PAST_PROGRAMME}`);
    // Assess
    await expect(officer.textContent("#opening-state")).resolves.toContain("kan inte längre öppnas");
    await expect(officer.locator("#open-programme").count()).resolves.toBe(0);
  });

  it("the report page shows a notice with a link to the report, not the form, once the municipality has reported", async () => {
    // Prepare: Malmö requisitions and reports through the API
    const token = await devToken({ kommunkod: MALMO });
    await receivedRequisition(MALMO, token);
    const report = await call<{ id: string; reference: string }>(
      stack,
      "POST",
      `/programmes/${PROGRAMME}/reports`,
      {
        token,
        body: sampleReport(programme, MALMO, TODAY),
      },
    );
    expect(report.status).toBe(201);
    const malmo = await signedInPage(token, "programmes.html");
    // Act
    await goTo(malmo, `report.html?programme=${PROGRAMME}`);
    // Assess
    await expect(malmo.locator("#report-form").count()).resolves.toBe(0);
    await expect(malmo.locator("#already-reported h2").textContent()).resolves.toBe(
      "Redovisningen är redan inlämnad",
    );
    await review(malmo, "officer-29-report-already-sent");
    await malmo.getByRole("link", { name: report.body.reference }).click();
    await ready(malmo);
    expect(malmo.url()).toContain(`submission.html?id=${report.body.id}`);
  });

  it("the programmes page says whether requisitioning commits to the survey, in Swedish and English", async () => {
    // Act
    await goTo(lund, "programmes.html");
    const card = lund.locator("article", { hasText: programme.title });
    // Assess
    await expect(card.locator("[data-field=survey]").textContent()).resolves.toContain(
      "Kommuner som rekvirerar ska svara på Socialstyrelsens enkät",
    );
    await review(lund, "officer-30-programmes-survey");
    await switchLanguage(lund);
    await expect(card.locator("[data-field=survey]").textContent()).resolves.toContain(
      "Municipalities that requisition must answer the National Board of Health and Welfare's survey",
    );
    await switchLanguage(lund);
  });

  it("had no script errors and no Content-Security-Policy violations on any page", () => {
    expect(problems).toEqual([]);
  });
});
