import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type LocalStack, startLocalStack } from "../../infra/local/stack.ts";
import { sampleReport, sampleRequisition } from "../../shared/forms/samples.ts";
import type { Programme } from "../../shared/programmes/schema.ts";
import { seedProgramme } from "../../shared/programmes/seeds.ts";
import type { UploadSlot } from "../../shared/submissions/upload-slot.ts";
import { ATTESTANT_SUBJECT } from "../helpers/four-eyes.ts";
import { payOverHttp } from "../helpers/four-eyes-http.ts";
import { call, smallPdf, uploadWith } from "../helpers/local-stack.ts";
import { waitFor } from "../helpers/wait.ts";
import {
  CHROMIUM_ARGS,
  expectNoHorizontalScroll,
  NARROW,
  newContext,
  openPage,
  ready,
  review,
  useLanguage,
} from "./web-helpers.ts";
import { webStackOptions } from "./web-rig.ts";

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
const STOCKHOLM = "0180";
const GOTEBORG = "1480";
/**
 * EICAR's standard anti-virus test file (68 printable bytes every scanner reports as a threat,
 * harmless by design), in two parts so that a scanner on a developer's machine leaves this file alone.
 */
const EICAR = ["X5O!P%@AP[4\\PZX54(P^)7CC)7}$", "EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"].join("");
const programme: Programme =
  seedProgramme(PROGRAMME) ??
  (() => {
    throw new Error(`${PROGRAMME} missing`);
  })();

let stack: LocalStack;
let browser: Browser;
let web: string;
const problems: string[] = [];
const contexts: BrowserContext[] = [];
let officer: Page;
let lund: Page;
let lundRequisition = "";
let malmo: Page;
let malmoRequisition = "";
let stockholmRequisition = "";
let goteborgRequisition = "";

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
async function signedInPage(token: string, path: string, viewport?: typeof NARROW): Promise<Page> {
  const context = await newContext(browser, viewport);
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

/** Opens a page in Swedish (or `lang`), whatever language an earlier test left the context in. */
async function goTo(page: Page, path: string, lang: "sv" | "en" = "sv"): Promise<void> {
  await useLanguage(page, lang);
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
/** A 1×1 PNG scan (the upload check takes it as an unmatched scan). */
const SCAN_PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8/5+hHgAHggJ/PchI7wAAAABJRU5ErkJggg==",
  "base64",
);

async function receivedRequisition(kommunkod: string, token: string): Promise<string> {
  const created = await call<{ id: string; upload: UploadSlot }>(
    stack,
    "POST",
    `/programmes/${PROGRAMME}/requisitions`,
    { token, body: sampleRequisition(programme, kommunkod, TODAY) },
  );
  if (created.status !== 201)
    throw new Error(`requisition ${created.status}: ${JSON.stringify(created.body)}`);
  // An image, shown as an <img>: Chromium's PDF viewer in the officer's frame takes focus when it
  // has loaded, at a moment no test controls, and these tests check where focus goes.
  const uploaded = await uploadWith(created.body.upload, SCAN_PNG, "signed.png", "image/png");
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

/** Sets the scene through the API: an officer approves a received requisition, and it is paid in full. */
async function payRequisition(id: string): Promise<number> {
  const token = await devToken({ officer: true });
  const approved = await call<{ submission: { amount: number } }>(
    stack,
    "POST",
    `/submissions/${id}/decision`,
    {
      token,
      body: { decision: "approve" },
    },
  );
  if (approved.status !== 200)
    throw new Error(`approve ${approved.status}: ${JSON.stringify(approved.body)}`);
  const amount = approved.body.submission.amount;
  // Four eyes: this officer proposes, a second officer with the attestant role attests.
  const attestant = await stack.issuer.mint(ATTESTANT_SUBJECT);
  const paid = await payOverHttp(stack, { proposer: token, attestant }, id, { paidOn: TODAY, amount });
  if (paid.status >= 300) throw new Error(`payment ${paid.status}: ${JSON.stringify(paid.body)}`);
  return amount;
}

beforeAll(async () => {
  [stack, browser] = await Promise.all([
    startLocalStack({
      port: 0,
      inMemory: true,
      stage: "test",
      today: TODAY,
      outboxIntervalMs: 200,
      ...webStackOptions("web-officer"),
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
    await expect(officer.textContent("#history-table")).resolves.toContain("begärt: Kontoutdrag");
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
    // Prepare
    await goTo(lund, `submission.html?id=${lundRequisition}`);
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
    await expect(lund.textContent("#attachments-table")).resolves.toContain(
      "Not accepted – the file is not a PDF, JPEG, PNG or TIFF.",
    );
    await review(lund, "officer-24-bank-statement-refused-en");
    await switchLanguage(lund);
    await expect(lund.getAttribute("html", "lang")).resolves.toBe("sv");
  });

  it("the requested bank statement, uploaded, is accepted and no longer required; the officer sees it received", async () => {
    // Prepare
    await goTo(lund, `submission.html?id=${lundRequisition}`);
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
    await expect(lund.textContent("#history-table")).resolves.toContain("Kontoutdrag mottaget");
    // Nothing more to upload: the drop zone is gone, the result stays
    await expect(lund.locator("#bank-statement-drop-zone").isHidden()).resolves.toBe(true);
    await review(lund, "officer-25-bank-statement-accepted");

    await goTo(officer, `officer-submission.html?id=${lundRequisition}`);
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

  it("before any payment the report page says why the report has to wait, and shows no form", async () => {
    // Prepare: Malmö's requisition is received, nothing is paid
    const token = await devToken({ kommunkod: MALMO });
    malmoRequisition = await receivedRequisition(MALMO, token);
    malmo = await signedInPage(token, "programmes.html");
    await expect(malmo.textContent(`#report-waits-${PROGRAMME}`)).resolves.toContain(
      "när myndigheten har registrerat utbetalningen",
    );
    // Act
    await goTo(malmo, `report.html?programme=${PROGRAMME}`);
    // Assess
    await expect(malmo.locator("#report-form").count()).resolves.toBe(0);
    const notice = await malmo.textContent("#payment-pending");
    expect(notice).toContain("Redovisningen kan inte lämnas ännu");
    expect(notice).toContain("ingen utbetalning är registrerad");
    expect(notice).toContain("SB-2022-1280-R1: Mottagen.");
    await review(malmo, "officer-28b-report-waits-for-payment");
  });

  it("the report page shows a notice with a link to the report, not the form, once the municipality has reported", async () => {
    // Prepare: the officer approves and pays Malmö's requisition, Malmö reports what was paid
    // (a report must state the payment on record), all through the API
    const token = await devToken({ kommunkod: MALMO });
    const paid = await payRequisition(malmoRequisition);
    const form = sampleReport(programme, MALMO, TODAY);
    const costs = paid - 100_000;
    const report = await call<{ id: string; reference: string }>(
      stack,
      "POST",
      `/programmes/${PROGRAMME}/reports`,
      {
        token,
        body: {
          ...form,
          grant: { ...form.grant, totalPaid: paid },
          accounting: { ...form.accounting, received: paid, costs, unspent: paid - costs },
        },
      },
    );
    expect(report.status).toBe(201);
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

  it("a certifier certifies the report on the shared draft and a signatory sends it: both names from their accounts, neither typed", async () => {
    // Prepare: Upplands Väsby's requisition paid; a certifier and a signatory, each in their own browser
    const kommun = "0114";
    await payRequisition(await receivedRequisition(kommun, await stack.issuer.mint({ kommunkod: kommun })));
    const path = `report.html?programme=${PROGRAMME}`;
    const certifier = await signedInPage(
      await stack.issuer.mint({
        kommunkod: kommun,
        roles: ["certifier"],
        name: "Cecilia Certe",
        title: "Ekonomichef",
      }),
      path,
    );
    // Act: the certifier fills in the report and certifies it (sending is not theirs)
    await certifier.click("#fill-example");
    await expect(certifier.locator("#report-form button[type=submit]").isDisabled()).resolves.toBe(true);
    await certifier.click("#certify-report");
    await certifier.waitForFunction(
      () =>
        document.querySelector("#certification-status")?.textContent?.includes("Intygad av Cecilia Certe") ===
        true,
    );
    // Assess: the certifier's name and title, from the account, read-only
    await expect(certifier.inputValue("#f-certification-name")).resolves.toBe("Cecilia Certe");
    await expect(certifier.inputValue("#f-certification-title")).resolves.toBe("Ekonomichef");
    await expect(certifier.locator("#f-certification-name").isEditable()).resolves.toBe(false);
    await review(certifier, "officer-29b-report-certified");
    // Act: the signatory opens the certified draft and sends it
    const signatory = await signedInPage(
      await stack.issuer.mint({ kommunkod: kommun, roles: ["signatory"], name: "Sven Signatur" }),
      path,
    );
    await expect(signatory.textContent("#certification-status")).resolves.toContain(
      "Intygad av Cecilia Certe, Ekonomichef",
    );
    await expect(signatory.inputValue("#f-certification-name")).resolves.toBe("Cecilia Certe");
    await expect(signatory.inputValue("#f-signature-signatory")).resolves.toBe("Sven Signatur");
    await signatory.click("#report-form button[type=submit]");
    // Assess
    await signatory.waitForURL(/submission\.html/, { timeout: 15_000 });
    await ready(signatory);
    await expect(signatory.locator(".receipt").textContent()).resolves.toContain("SB-2022-0114-E1");
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
  });

  it("an officer refuses a requisition with a reason, after confirming; the municipality sees the refusal and has nothing left to do", async () => {
    // Prepare: Stockholm's requisition, received
    const token = await devToken({ kommunkod: STOCKHOLM });
    stockholmRequisition = await receivedRequisition(STOCKHOLM, token);
    await goTo(officer, `officer-submission.html?id=${stockholmRequisition}`);
    // Act: refuse without a reason
    await officer.check("#f-decision-refuse");
    await expect(officer.locator("#reason-block").isVisible()).resolves.toBe(true);
    await expect(officer.locator("#return-block").isHidden()).resolves.toBe(true);
    await officer.click("#decide");
    // Assess: the reason is required
    await expect(officer.textContent("#f-reason-error")).resolves.toContain("Ange ett skäl");
    await expect(officer.locator("#decide-confirm").isHidden()).resolves.toBe(true);
    // Act: with a reason (once the field is left, the error summary goes); the first click only
    // asks, "Avbryt" takes it back
    await officer.fill(
      "#f-reason",
      "Kommunen har redan fått bidraget för samma insats genom ett annat beslut.",
    );
    await officer.locator("#f-reason").blur();
    await waitFor(async () => (await officer.locator("#error-summary").isHidden()) || undefined, 5_000);
    await officer.click("#decide");
    // Assess
    await expect(officer.locator("#decide-confirm").isVisible()).resolves.toBe(true);
    await expect(officer.textContent("#decide-confirm-text")).resolves.toContain("Avslå SB-2022-0180-R1?");
    await expect(officer.evaluate(() => document.activeElement?.id)).resolves.toBe("decide-confirm-text");
    await review(officer, "officer-31-refuse-confirm");
    await officer.click("#decide-confirm-no");
    await expect(officer.locator("#decide-confirm").isHidden()).resolves.toBe(true);
    await expect(officer.evaluate(() => document.activeElement?.id)).resolves.toBe("decide");
    await expect(officer.locator(".badge-received").count()).resolves.toBe(1);
    // Act: ask again and confirm
    await officer.click("#decide");
    await officer.click("#decide-confirm-yes");
    // Assess: saved, said so, and nothing more to decide
    await officer.waitForSelector(".badge-refused");
    await expect(officer.textContent("#saved-notice")).resolves.toContain("Beslutet är sparat: avslagen");
    await expect(officer.evaluate(() => document.activeElement?.id)).resolves.toBe("saved-notice");
    await expect(officer.locator("#decision-form").count()).resolves.toBe(0);
    await expect(officer.textContent("main")).resolves.toContain("redan fått bidraget för samma insats");
    await review(officer, "officer-32-refused");

    // Act: the municipality's page
    const stockholm = await signedInPage(token, `submission.html?id=${stockholmRequisition}`);
    // Assess: the refusal and its reason, nothing to upload or correct
    await expect(stockholm.textContent("#status-area .badge")).resolves.toBe("Avslagen");
    const explanation = await stockholm.textContent("#status-explanation");
    expect(explanation).toContain("Handläggaren har avslagit rekvisitionen");
    expect(explanation).toContain("Motivering: Kommunen har redan fått bidraget för samma insats");
    await expect(stockholm.textContent("#nothing-left")).resolves.toContain("Ingenting återstår");
    await expect(stockholm.locator("#drop-zone").count()).resolves.toBe(0);
    await expect(stockholm.getByRole("link", { name: "Rätta och skicka in igen" }).count()).resolves.toBe(0);
    await expect(stockholm.textContent("#history-table")).resolves.toContain("Avslagen av handläggare");
    await review(stockholm, "officer-33-municipality-refused");
    // Assess: the refusal released the reservation, so before the deadline Stockholm may requisition again
    await goTo(stockholm, "programmes.html");
    await expect(
      stockholm
        .locator("article", { hasText: programme.title })
        .getByRole("link", { name: "Rekvirera bidraget" })
        .count(),
    ).resolves.toBe(1);
  });

  it("a scan carrying the EICAR test string is refused as malware; a clean scan then passes the malware scan and is received", async () => {
    // Prepare: Göteborg's requisition, its original not uploaded yet
    const token = await devToken({ kommunkod: GOTEBORG });
    const created = await call<{ id: string }>(stack, "POST", `/programmes/${PROGRAMME}/requisitions`, {
      token,
      body: sampleRequisition(programme, GOTEBORG, TODAY),
    });
    expect(created.status).toBe(201);
    goteborgRequisition = created.body.id;
    const goteborg = await signedInPage(token, `submission.html?id=${goteborgRequisition}`);
    // Act: a complete PDF with EICAR's test string behind its header: it passes the upload check,
    // and the malware scan (locally the GuardDuty stand-in) finds it
    await goteborg.setInputFiles("#upload-file", {
      name: "bilaga2-signerad.pdf",
      mimeType: "application/pdf",
      buffer: Buffer.from(smallPdf(EICAR)),
    });
    // Assess
    await goteborg.waitForSelector("#upload-result .notice-error", { timeout: 30_000 });
    await expect(goteborg.textContent("#upload-result")).resolves.toContain(
      "Orsak: filen innehåller skadlig kod. Ladda upp en ny skanning.",
    );
    await expect(goteborg.textContent("#status-area .badge")).resolves.toBe("Originalet godtogs inte");
    await expect(goteborg.textContent("#status-explanation")).resolves.toContain(
      "Orsak: filen innehåller skadlig kod.",
    );
    await expect(goteborg.textContent("#attachments-table")).resolves.toContain(
      "Inte godtagen – filen innehåller skadlig kod.",
    );
    const history = goteborg.locator("#history-table tbody tr");
    await expect(history.allTextContents()).resolves.toEqual(
      expect.arrayContaining([
        expect.stringContaining("Underskrivet original klarade kontrollen, virusskanning pågår"),
        expect.stringContaining("Uppladdad fil godtogs inte – filen innehåller skadlig kod."),
      ]),
    );
    await expect(goteborg.locator("#drop-zone").isVisible()).resolves.toBe(true);
    await review(goteborg, "officer-34-eicar-refused");

    // Act: a clean scan
    await goteborg.setInputFiles("#upload-file", {
      name: "bilaga2-signerad.pdf",
      mimeType: "application/pdf",
      buffer: Buffer.from(smallPdf("Signed by Göteborg")),
    });
    // Assess: through the scan to received; nothing more to upload
    await goteborg.waitForSelector("#upload-result .notice-success", { timeout: 30_000 });
    await expect(goteborg.textContent("#upload-result")).resolves.toContain(
      "Det underskrivna originalet är mottaget",
    );
    await expect(goteborg.textContent("#status-area .badge")).resolves.toBe("Mottagen");
    await expect(goteborg.locator("#drop-zone").isHidden()).resolves.toBe(true);
    const events = await history.allTextContents();
    const scanned = events.findLastIndex((e) => e.includes("virusskanning pågår"));
    const accepted = events.findIndex((e) => e.includes("Underskrivet original mottaget"));
    expect(events.filter((e) => e.includes("virusskanning pågår"))).toHaveLength(2);
    expect(scanned).toBeGreaterThanOrEqual(0);
    expect(accepted).toBeGreaterThan(scanned);
    const rows = await goteborg.locator("#attachments-table tbody tr").allTextContents();
    // Both files stay listed, the refused one and the accepted one (whatever the order).
    expect(rows).toHaveLength(2);
    expect(rows.filter((r) => r.includes("Mottagen och kontrollerad"))).toHaveLength(1);
    expect(rows.filter((r) => r.includes("Inte godtagen – filen innehåller skadlig kod."))).toHaveLength(1);
    // On a fresh load: no drop zone, and no upload time beside anything without a file
    await goTo(goteborg, `submission.html?id=${goteborgRequisition}`);
    await expect(goteborg.locator("#drop-zone").count()).resolves.toBe(0);
    await review(goteborg, "officer-35-clean-scan-received");
  });

  it("on a 390 px wide screen the municipality's and the officer's submission pages need no sideways scrolling and pass axe", async () => {
    // Prepare
    const pages: [string, Page, string][] = [];
    const gbg = await devToken({ kommunkod: GOTEBORG });
    const lundToken = await devToken({ kommunkod: LUND });
    const officerToken = await devToken({ officer: true });
    const narrow = (token: string, path: string) => signedInPage(token, path, NARROW);
    pages.push(
      ["narrow-municipality-received", await narrow(gbg, `submission.html?id=${goteborgRequisition}`), ""],
      ["narrow-municipality-replaced", await narrow(lundToken, `submission.html?id=${lundRequisition}`), ""],
      [
        "narrow-officer-decision",
        await narrow(officerToken, `officer-submission.html?id=${goteborgRequisition}`),
        "#decision-form",
      ],
      [
        "narrow-officer-replaced",
        await narrow(officerToken, `officer-submission.html?id=${lundRequisition}`),
        "#replaced-notice",
      ],
      [
        "narrow-officer-paid",
        await narrow(officerToken, `officer-submission.html?id=${malmoRequisition}`),
        "#payment",
      ],
    );
    for (const [name, page, marker] of pages) {
      // Act
      if (marker) await page.waitForSelector(marker);
      // Assess
      await expectNoHorizontalScroll(page, NARROW.width, name);
      await review(page, name);
    }
    // Assess: the replaced version says so on both sides and links its replacement
    const municipality = pages[1]?.[1];
    const officerNarrow = pages[3]?.[1];
    if (!municipality || !officerNarrow) throw new Error("pages missing");
    await expect(municipality.textContent("#status-explanation")).resolves.toContain(
      "ersatt av en rättad version",
    );
    await expect(municipality.textContent("#replacement-link")).resolves.toBe("Visa SB-2022-1281-R2");
    await expect(officerNarrow.textContent("#replacement-link")).resolves.toBe("SB-2022-1281-R2");
    await expect(officerNarrow.locator("#decision-form").count()).resolves.toBe(0);
  });

  it("had no script errors and no Content-Security-Policy violations on any page", () => {
    expect(problems).toEqual([]);
  });
});
