import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type LocalStack, startLocalStack } from "../../infra/local/stack.ts";
import { sampleBankgiro, sampleOrganisationNumber } from "../../shared/forms/samples.ts";
import { formatKronor } from "../../shared/money.ts";
import { seedProgramme } from "../../shared/programmes/seeds.ts";
import { smallPdf } from "../helpers/local-stack.ts";
import { pdfPageTexts } from "../helpers/pdf-text.ts";
import { waitFor } from "../helpers/wait.ts";
import {
  ARTIFACTS,
  CHROMIUM_ARGS,
  missingRoutes,
  newContext,
  openPage,
  ready,
  review,
  screenshot,
  signedInEmail,
  tabTo,
  typeInto,
  useLanguage,
} from "./web-helpers.ts";
import { webPagesDir, webStackOptions } from "./web-rig.ts";

/**
 * The web pages in Chromium against the whole local stack (in this process, on free ports, the
 * clock on 2022-11-20): Lund requisitions, prints the pre-filled form, uploads a scan and gets its
 * receipt (mailed to the signed-in user, never to the form's free-text address); an officer returns
 * it; Lund corrects it; the officer approves (after confirming) and pays; the overview adds up; the
 * report states the payment on record. Every page is checked with axe-core and photographed into
 * test/artifacts/web/.
 */
const PROGRAMME = "skr-aldreomsorg-2022";
const programme = seedProgramme(PROGRAMME);
if (!programme) throw new Error(`${PROGRAMME} missing`);
const LUND_EMAIL = "e2e-web@lund.example";

const OFFICER_ROUTES: [string, string][] = [
  ["GET", "/programmes/{id}/overview"],
  ["GET", "/programmes/{id}/submissions"],
  ["POST", "/submissions/{id}/decision"],
];
const CORRECTION_ROUTES: [string, string][] = [["POST", "/submissions/{id}/corrections"]];
const missingOfficer = missingRoutes(OFFICER_ROUTES);
const missingCorrection = missingRoutes([...OFFICER_ROUTES, ...CORRECTION_ROUTES]);
const skipNote = (missing: string[]) =>
  missing.length > 0 ? ` [skipped: ${missing.join(", ")} not in infra/routes.ts yet]` : "";

let stack: LocalStack;
let browser: Browser;
let web: string;
const problems: string[] = [];
const contexts: BrowserContext[] = [];
let lund: Page;
let firstSubmissionUrl = "";

/**
 * Signs in the way a user does: the sign-in page's button, then the hosted sign-in (locally the dev
 * issuer's pick list, at Cognito's paths), back with a code that the page exchanges (PKCE).
 */
async function signInWithUi(page: Page, who: string, landing: RegExp, shot?: string): Promise<void> {
  await page.goto(web);
  await ready(page);
  if (shot) await screenshot(page, shot);
  await page.click("#sign-in");
  await page.waitForURL(/\/dev\/oauth2\/authorize\?/);
  if (shot) await review(page, `${shot}-hosted`);
  await page.selectOption("#who", who);
  await page.click("#continue");
  await page.waitForURL(landing);
  await ready(page);
}

async function signInWithToken(page: Page, token: string, path: string): Promise<void> {
  await page.goto(`${web}index.html?reason=signed-out`);
  // Once the sign-in page has rendered (signed out), it no longer redirects.
  await ready(page);
  await page.evaluate((t) => sessionStorage.setItem("statsbidrag.session", t), token);
  await page.goto(`${web}${path}`);
  await ready(page);
}

/** Waits until the element shows `text` (the pages update after the API answers). */
async function showsText(page: Page, selector: string, text: string): Promise<void> {
  await page.waitForFunction(
    ([sel, want]) => document.querySelector(sel ?? "")?.textContent?.includes(want ?? "") === true,
    [selector, text],
    { timeout: 10_000 },
  );
}

/** Uploads a file through the page's drop zone (a real drop event with a DataTransfer). */
async function dropFile(page: Page, name: string, content: string, type: string): Promise<void> {
  const dataTransfer = await page.evaluateHandle(
    ({ name, content, type }) => {
      const dt = new DataTransfer();
      dt.items.add(new File([content], name, { type }));
      return dt;
    },
    { name, content, type },
  );
  await page.dispatchEvent("#drop-zone", "drop", { dataTransfer });
}

/** A 1×1 PNG: scans may be images too, and the officer's view then shows an <img>. */
const TINY_PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8/5+hHgAHggJ/PchI7wAAAABJRU5ErkJggg==",
  "base64",
);

async function uploadSignedScan(page: Page, as: "pdf" | "png" = "pdf"): Promise<void> {
  await page.setInputFiles(
    "#upload-file",
    as === "pdf"
      ? { name: "bilaga2-signerad.pdf", mimeType: "application/pdf", buffer: Buffer.from(smallPdf("Signed")) }
      : { name: "bilaga2-signerad.png", mimeType: "image/png", buffer: TINY_PNG },
  );
  await page.waitForSelector("#upload-result .notice-success", { timeout: 30_000 });
}

beforeAll(async () => {
  [stack, browser] = await Promise.all([
    startLocalStack({
      port: 0,
      inMemory: true,
      stage: "test",
      today: "2022-11-20",
      outboxIntervalMs: 200,
      ...webStackOptions("web"),
    }),
    chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS }),
  ]);
  web = stack.webUrl ?? "";
});

afterAll(async () => {
  await Promise.allSettled(contexts.map((c) => c.close()));
  await browser?.close();
  await stack?.stop();
});

describe("web pages", () => {
  it("serves the pages with a tight Content-Security-Policy and no secrets in the bundle", async () => {
    // Act
    const res = await fetch(web);
    // Assess
    expect(res.status).toBe(200);
    const csp = res.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain(`connect-src 'self' ${new URL(stack.s3Endpoint).origin}`);
    expect(csp).toContain("frame-src blob:");
    expect(csp).not.toMatch(/unsafe-(inline|eval)/);
    const html = await res.text();
    expect(html).not.toMatch(/<script>|style=/);
    const assets = join(webPagesDir(), "assets");
    const bundle = readdirSync(assets)
      .filter((f) => f.endsWith(".js"))
      .map((f) => readFileSync(join(assets, f), "utf8"))
      .join("\n");
    // No key material (a JWK private part is "d") and no emulator credentials in the pages.
    expect(bundle).not.toMatch(/privateJwk|BEGIN PRIVATE|S3RVER|"d":"/);
  });

  it("a municipality requisitions, downloads the pre-filled PDF, uploads the signed scan and gets a receipt", async () => {
    // Prepare
    const context = await newContext(browser);
    contexts.push(context);
    lund = await openPage(context, problems);

    // Act + Assess: sign in (local dev sign-in) and see the grants
    await signInWithUi(lund, "1281", /programmes\.html/, "00-sign-in");
    await review(lund, "01-programmes");
    await expect(lund.locator("h1").textContent()).resolves.toBe("Lunds statsbidrag");
    const card = lund.locator("article", { hasText: "2022" }).first();
    await expect(card.textContent()).resolves.toContain(formatKronor(1_530_608));
    await expect(card.textContent()).resolves.toContain("11 dagar kvar");

    // The requisition form: live validation by the shared rules, with messages on the fields
    await card.getByRole("link", { name: "Rekvirera bidraget" }).click();
    await ready(lund);
    await screenshot(lund, "02-requisition-form");
    await lund.fill("#f-grant-amount", "2 000 000");
    await lund.locator("#f-grant-amount").blur();
    const amountError = lund.locator("#f-grant-amount-error");
    await expect(amountError.textContent({ timeout: 5_000 })).resolves.toContain(
      "överstiger Lunds tilldelning 1 530 608 kr",
    );
    await expect(lund.getAttribute("#f-grant-amount", "aria-invalid")).resolves.toBe("true");
    await expect(lund.getAttribute("#f-grant-amount", "aria-describedby")).resolves.toContain(
      "f-grant-amount-error",
    );
    await expect(lund.textContent("#f-grant-amount-preview")).resolves.toBe("= 2 000 000 kr");
    // Tabbing past the box is not an answer: no error until it is ticked, unticked or submitted
    await lund.focus("#f-grant-surveyCommitment");
    await lund.keyboard.press("Tab");
    await lund.waitForTimeout(400); // past the live validation's 250 ms pause
    await expect(lund.locator("#f-grant-surveyCommitment-error").isHidden()).resolves.toBe(true);
    await lund.click("#requisition-form button[type=submit]");
    const summary = lund.locator("#error-summary");
    await expect(summary.isVisible()).resolves.toBe(true);
    await expect(lund.evaluate(() => document.activeElement?.id)).resolves.toBe("error-summary");
    await review(lund, "03-requisition-errors");
    await summary.getByRole("link", { name: /Organisationsnummer/ }).click();
    await expect(lund.evaluate(() => document.activeElement?.id)).resolves.toBe(
      "f-recipient-organisationNumber",
    );

    const values: Record<string, string> = {
      "#f-recipient-organisationNumber": sampleOrganisationNumber("1281"),
      "#f-recipient-contactPerson": "Åsa Öberg",
      "#f-recipient-postalAddress-street": "Box 41",
      "#f-recipient-postalAddress-postalCode": "22100",
      "#f-recipient-postalAddress-city": "Lund",
      "#f-recipient-phone": "046-35 50 00",
      "#f-recipient-email": LUND_EMAIL,
      "#f-grant-agreementDiarienummer": "S2022/00001/SOF",
      "#f-grant-decisionDiarienummer": "S2022/00002/SOF",
      // Written as many do, with dots between the thousands
      "#f-grant-amount": "1.530.608",
      "#f-payment-account": sampleBankgiro("1281"),
    };
    for (const [selector, value] of Object.entries(values)) await lund.fill(selector, value);
    // The 2022 agreement makes answering Socialstyrelsen's survey a condition of requisitioning.
    await lund.check("#f-grant-surveyCommitment");
    await lund.locator("#f-payment-account").blur();
    // The signatory is the signed-in account's name (the dev sign-in's person), not typed
    await expect(lund.inputValue("#f-signature-signatory")).resolves.toBe("Eva Ekström");
    await expect(lund.locator("#f-signature-signatory").isEditable()).resolves.toBe(false);
    await waitFor(async () => (await summary.isHidden()) || undefined, 5_000);
    await lund.click("#requisition-form button[type=submit]");

    // The receipt, the PDF to sign, the upload
    await lund.waitForURL(/submission\.html\?id=.+&new=1/);
    await ready(lund);
    firstSubmissionUrl = lund.url();
    // "Just sent" is said once: a reload must not say it again
    expect(firstSubmissionUrl).not.toContain("new=1");
    const receipt = await lund.locator(".receipt").textContent();
    expect(receipt).toContain("SB-2022-1281-R1");
    expect(receipt).toContain("1 530 608 kr");
    expect(receipt).toMatch(/2022-11-20 \d\d:\d\d:\d\d/);
    await review(lund, "04-submission-receipt");

    const [download] = await Promise.all([lund.waitForEvent("download"), lund.click("#download-pdf")]);
    expect(download.suggestedFilename()).toBe("Bilaga2-SB-2022-1281-R1.pdf");
    const pdf = readFileSync((await download.path()) ?? "");
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    const pages = pdfPageTexts(pdf);
    for (const page of pages) expect(page).toContain("SB-2022-1281-R1");
    expect(pages.join("\n")).toContain("1 530 608 kr");
    expect(pages.join("\n")).toContain("Åsa Öberg");
    expect(pages.join("\n")).toContain("Eva Ekström");

    // A file that is not a scan, dropped on the drop zone: refused, with the reason
    await dropFile(lund, "inte-en-skanning.pdf", "just some text", "application/pdf");
    await lund.waitForSelector("#upload-result .notice-error", { timeout: 30_000 });
    await expect(lund.textContent("#upload-result")).resolves.toContain(
      "filen är inte en PDF, JPEG, PNG eller TIFF",
    );
    // A refused file leaves no full, blue progress bar behind
    await expect(lund.locator("#upload-progress").isHidden()).resolves.toBe(true);
    await screenshot(lund, "05-upload-rejected");

    // The signed scan through the file button: received
    await uploadSignedScan(lund);
    await expect(lund.textContent("#upload-result")).resolves.toContain(
      "Det underskrivna originalet är mottaget",
    );
    await expect(lund.textContent("#status-area")).resolves.toContain("Mottagen");
    await screenshot(lund, "06-submission-received");

    // The receipt mail, in the SES emulator's store and its mail UI. It goes to the signed-in user
    // (the token's address) and the contact register, never to the form's free-text e-mail.
    const signedIn = await signedInEmail(lund);
    type Store = { emails: { subject: string; destination: { to: string[] } }[] };
    const readStore = async () => (await (await fetch(stack.mailStoreUrl)).json()) as Store;
    const mail = await waitFor(async () => {
      const store = await readStore();
      return store.emails.find((m) => m.destination.to.includes(signedIn) && m.subject.startsWith("Kvitto"));
    }, 15_000);
    expect(mail.subject).toBe("Kvitto: rekvisition SB-2022-1281-R1 mottagen");
    expect(signedIn).not.toBe(LUND_EMAIL);
    expect((await readStore()).emails.filter((m) => m.destination.to.includes(LUND_EMAIL))).toEqual([]);
    const mailUi = await context.newPage();
    await mailUi.goto(stack.mailUiUrl);
    await mailUi.waitForLoadState("load");
    await screenshot(mailUi, "07-mail-ui");
    await mailUi.close();
  });

  it("a preparer may fill in the requisition but not send it: the button is disabled and says whose it is", async () => {
    // Prepare: a context of its own, not in `contexts`, whose order later tests rely on.
    const context = await newContext(browser);
    try {
      const page = await openPage(context, problems);
      const token = await stack.issuer.mint({ kommunkod: "0180", roles: ["preparer"] });
      // Act
      await signInWithToken(page, token, `requisition.html?programme=${PROGRAMME}`);
      // Assess
      await expect(page.locator("#requisition-form button[type=submit]").isDisabled()).resolves.toBe(true);
      await expect(page.textContent("#role-needed")).resolves.toContain("behörig företrädare");
      await expect(page.locator("#f-recipient-contactPerson").isEditable()).resolves.toBe(true);
      await review(page, "03c-requisition-preparer");
    } finally {
      await context.close();
    }
  });

  it("a preparer's draft is on the server: a signatory in another browser finishes and sends it; a stale save is said, never written over", async () => {
    // Prepare: Stockholm's preparer and signatory, each in a browser of their own
    const preparerContext = await newContext(browser);
    const signatoryContext = await newContext(browser);
    try {
      const preparer = await openPage(preparerContext, problems);
      const signatory = await openPage(signatoryContext, problems);
      const path = `requisition.html?programme=${PROGRAMME}`;
      await signInWithToken(
        preparer,
        await stack.issuer.mint({ kommunkod: "0180", roles: ["preparer"], name: "Pia Persson" }),
        path,
      );
      // Act: the preparer fills in part of the form and saves it
      await preparer.fill("#f-recipient-organisationNumber", sampleOrganisationNumber("0180"));
      await preparer.fill("#f-recipient-contactPerson", "Pia Persson");
      await preparer.fill("#f-recipient-postalAddress-street", "Ragnar Östbergs plan 1");
      await preparer.fill("#f-recipient-postalAddress-postalCode", "105 35");
      await preparer.fill("#f-recipient-postalAddress-city", "Stockholm");
      await preparer.fill("#f-recipient-phone", "08-508 290 00");
      await preparer.fill("#f-recipient-email", "statsbidrag@stockholm.example");
      await preparer.click("#save-draft");
      await showsText(preparer, "#draft-status", "Utkast sparat av Pia Persson 2022-11-20");
      // Act: the signatory opens the form elsewhere: the preparer's values and who saved them
      await signInWithToken(
        signatory,
        await stack.issuer.mint({ kommunkod: "0180", roles: ["signatory"], name: "Sven Svensson" }),
        path,
      );
      // Assess
      await expect(signatory.inputValue("#f-recipient-contactPerson")).resolves.toBe("Pia Persson");
      await expect(signatory.textContent("#draft-status")).resolves.toContain("Utkast sparat av Pia Persson");
      await expect(signatory.inputValue("#f-signature-signatory")).resolves.toBe("Sven Svensson");
      await review(signatory, "03d-requisition-draft-signatory");
      // Act: the signatory changes the contact person and saves; the preparer, on the old version, types on
      await signatory.fill("#f-recipient-contactPerson", "Sven Svensson");
      await signatory.click("#save-draft");
      await showsText(signatory, "#draft-status", "Utkast sparat av Sven Svensson");
      await preparer.fill("#f-recipient-postalAddress-city", "Stockholms stad");
      await preparer.click("#save-draft");
      // Assess: the preparer is told, and may load the colleague's draft; nothing was overwritten
      await showsText(preparer, "#draft-conflict", "En kollega har sparat utkastet");
      await preparer.click("#load-colleague-draft");
      // The colleague's draft is read from the API before it fills the form: wait for it to say whose.
      await showsText(preparer, "#draft-status", "Utkast sparat av Sven Svensson");
      await expect(preparer.inputValue("#f-recipient-contactPerson")).resolves.toBe("Sven Svensson");
      await expect(preparer.inputValue("#f-recipient-postalAddress-city")).resolves.toBe("Stockholm");
      // Act: the signatory completes the form and sends it
      await signatory.fill("#f-grant-agreementDiarienummer", "S2022/00001/SOF");
      await signatory.fill("#f-grant-decisionDiarienummer", "S2022/00002/SOF");
      await signatory.check("#f-grant-surveyCommitment");
      await signatory.fill("#f-payment-account", sampleBankgiro("0180"));
      await signatory.click("#requisition-form button[type=submit]");
      // Assess: sent under the signatory's name, and the draft is gone with it
      await signatory.waitForURL(/submission\.html/, { timeout: 15_000 });
      await ready(signatory);
      await expect(signatory.locator(".receipt").textContent()).resolves.toContain("SB-2022-0180-R1");
      const draft = await fetch(`${stack.apiUrl}/programmes/${PROGRAMME}/drafts/requisition`, {
        headers: { authorization: `Bearer ${await stack.issuer.mint({ kommunkod: "0180" })}` },
      });
      expect(draft.status).toBe(404);
    } finally {
      await Promise.allSettled([preparerContext.close(), signatoryContext.close()]);
    }
  });

  it("keyboard only: Malmö completes the requisition form with Tab, typing and Enter", async () => {
    // Prepare
    const context = await newContext(browser);
    contexts.push(context);
    const page = await openPage(context, problems);
    const token = await stack.issuer.mint({ kommunkod: "1280" });
    await signInWithToken(page, token, `requisition.html?programme=${PROGRAMME}`);

    // Act: Enter first, so the error summary shows and takes focus
    await tabTo(page, "f-recipient-organisationNumber");
    await page.keyboard.press("Enter");
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe("error-summary");
    const fields: [string, string][] = [
      ["f-recipient-organisationNumber", sampleOrganisationNumber("1280")],
      ["f-recipient-contactPerson", "Märta Ängström"],
      ["f-recipient-postalAddress-street", "August Palms plats 1"],
      ["f-recipient-postalAddress-postalCode", "205 80"],
      ["f-recipient-postalAddress-city", "Malmö"],
      ["f-recipient-phone", "040-34 10 00"],
      ["f-recipient-email", "statsbidrag@malmo.example"],
      ["f-grant-agreementDiarienummer", "S2022/00001/SOF"],
      ["f-grant-decisionDiarienummer", "S2022/00002/SOF"],
      ["f-payment-account", sampleBankgiro("1280")],
    ];
    for (const [id, text] of fields) {
      // The survey commitment comes between the case numbers and the account: ticked with Space.
      if (id === "f-payment-account") {
        await tabTo(page, "f-grant-surveyCommitment");
        await page.keyboard.press("Space");
      }
      await typeInto(page, id, text);
    }
    await page.keyboard.press("Enter");

    // Assess
    await page.waitForURL(/submission\.html/, { timeout: 15_000 });
    await ready(page);
    await expect(page.locator(".receipt").textContent()).resolves.toContain("SB-2022-1280-R1");
  });

  it(`an officer sees the original beside the data and returns it with a reason${skipNote(missingOfficer)}`, async (ctx) => {
    if (missingOfficer.length > 0) ctx.skip();
    // Prepare
    const context = await newContext(browser);
    contexts.push(context);
    const officer = await openPage(context, problems);

    // Act
    await signInWithUi(officer, "officer", /officer\.html/);
    await officer.waitForSelector("#overview-split");
    await review(officer, "08-officer-overview");
    // A name that is no municipality is said, not silently dropped
    await officer.fill("#filter-kommun", "Lundx");
    await officer.click("#filters button[type=submit]");
    await expect(officer.textContent("#filter-kommun-error")).resolves.toContain(
      'Ingen kommun heter eller har koden "Lundx"',
    );
    // A name is as good as a code
    await officer.fill("#filter-kommun", "Lund");
    await officer.selectOption("#filter-status", "received");
    await officer.click("#filters button[type=submit]");
    await officer.waitForSelector("#submissions a:text('SB-2022-1281-R1')");
    await expect(officer.locator("#submissions tbody tr").count()).resolves.toBe(1);
    await officer.click("#submissions a:text('SB-2022-1281-R1')");
    await ready(officer);
    const frame = officer.locator("#original-frame, #original-image");
    await expect(frame.getAttribute("src")).resolves.toMatch(/^blob:/);
    await review(officer, "09-officer-submission");
    // The payment method as people write it, not the form's value
    await expect(officer.textContent(".form-data")).resolves.toMatch(/Betalningssätt\s*Bankgiro/);
    // What Lund may claim, beside what it claims
    await expect(officer.locator(".facts").first().textContent()).resolves.toMatch(
      /Tilldelat enligt Bilaga 1\s*1 530 608 kr \(och 1 500 000 kr extra som modellkommun\)/,
    );
    await officer.check("#f-decision-return");
    await officer.fill("#f-reason", "Bankgironumret tillhör inte kommunen. Ange kommunens eget bankgiro.");
    await officer.click("#decide");

    // Assess
    await officer.waitForSelector(".badge-returned");
    await expect(officer.textContent("#saved-notice")).resolves.toContain("Beslutet är sparat: återsänd");
    await useLanguage(lund, "sv");
    await lund.goto(firstSubmissionUrl);
    await ready(lund);
    await expect(lund.textContent("#status-area")).resolves.toContain("Bankgironumret tillhör inte kommunen");
    await screenshot(lund, "10-submission-returned");
  });

  it(`the municipality corrects and resubmits; the officer approves and pays; the overview adds up${skipNote(missingCorrection)}`, async (ctx) => {
    if (missingCorrection.length > 0) ctx.skip();
    // Prepare
    await useLanguage(lund, "sv");
    await lund.goto(firstSubmissionUrl);
    await ready(lund);
    // Act: correct
    await lund.getByRole("link", { name: "Rätta och skicka in igen" }).click();
    await ready(lund);
    await expect(lund.inputValue("#f-recipient-email")).resolves.toBe(LUND_EMAIL);
    await lund.fill("#f-payment-account", sampleBankgiro("1281"));
    await lund.fill("#f-recipient-contactPerson", "Åsa Öberg (rättad)");
    await lund.click("#requisition-form button[type=submit]");
    await lund.waitForURL(/submission\.html/);
    await ready(lund);
    await expect(lund.locator(".receipt").textContent()).resolves.toContain("SB-2022-1281-R2");
    await uploadSignedScan(lund, "png");

    // Act: approve and pay
    const officer = contexts[2]?.pages()[0];
    if (!officer) throw new Error("officer page missing");
    await officer.goto(`${web}officer.html?programme=${PROGRAMME}`);
    await officer.waitForSelector("#submissions a:text('SB-2022-1281-R2')");
    await officer.click("#submissions a:text('SB-2022-1281-R2')");
    await ready(officer);
    await expect(officer.getAttribute("#original-image", "src")).resolves.toMatch(/^blob:/);
    await officer.check("#f-decision");
    await officer.click("#decide");
    // Approving cannot be taken back: the page asks first.
    await expect(officer.textContent("#decide-confirm-text")).resolves.toContain("Godkänna SB-2022-1281-R2?");
    await expect(officer.evaluate(() => document.activeElement?.id)).resolves.toBe("decide-confirm-text");
    await officer.click("#decide-confirm-yes");
    await officer.waitForSelector(".badge-approved");
    await expect(officer.textContent("#saved-notice")).resolves.toContain("Beslutet är sparat: godkänd");
    await screenshot(officer, "11-officer-approved");
    // The payment, four eyes: this officer proposes; they may not attest it themselves
    await officer.click("#payment-form button[type=submit]");
    await officer.waitForSelector(".badge-payment-proposed");
    await expect(officer.locator("#payment-form").count()).resolves.toBe(0);
    await expect(officer.textContent("#saved-notice")).resolves.toContain(
      "Utbetalningen är föreslagen: 1 530 608 kr den 2022-11-20",
    );
    await expect(officer.locator("#attest-payment").count()).resolves.toBe(0);
    await expect(officer.textContent("#attest-unavailable")).resolves.toContain("attest");
    const reviewUrl = officer.url();
    // A second officer, an attestant, attests what was proposed
    const attestantContext = await newContext(browser);
    contexts.push(attestantContext);
    const attestant = await openPage(attestantContext, problems);
    await signInWithToken(
      attestant,
      await stack.issuer.mint({
        officer: true,
        email: "attestant@kammarkollegiet.example",
        roles: ["attestant"],
      }),
      reviewUrl.slice(reviewUrl.indexOf("officer-submission.html")),
    );
    await expect(attestant.textContent("#payment-proposal")).resolves.toContain("1 530 608 kr");
    await attestant.click("#attest-payment");
    await attestant.waitForSelector(".badge-paid");
    await expect(attestant.textContent("#payment")).resolves.toContain("1 530 608 kr");
    await expect(attestant.textContent("#saved-notice")).resolves.toContain(
      "Utbetalningen är attesterad: 1 530 608 kr den 2022-11-20",
    );
    await review(attestant, "11b-officer-paid");

    // Assess: the overview's parts add up to the programme's total
    await officer.goto(`${web}officer.html?programme=${PROGRAMME}`);
    await officer.waitForSelector("#overview-split");
    const total = programme.totalBase + (programme.modelExtra?.total ?? 0);
    await expect(officer.textContent("#overview-sum")).resolves.toBe(formatKronor(total));
    await expect(officer.getAttribute("#overview-balance", "class")).resolves.toContain("notice-success");
    const allocation = (kommunkod: string) =>
      programme.allocations.find((a) => a.kommunkod === kommunkod)?.amount ?? 0;
    // Lund, Malmö, and Stockholm (sent from its shared draft)
    await expect(officer.textContent("#overview-split tbody tr:first-child")).resolves.toContain(
      formatKronor(1_530_608 + allocation("1280") + allocation("0180")),
    );
    const [csv] = await Promise.all([officer.waitForEvent("download"), officer.click("#export-csv")]);
    expect(readFileSync((await csv.path()) ?? "", "utf8")).toMatch(
      /^\uFEFF?Mottagarkod;Mottagare;Mottagartyp;Tilldelning \(kr\);/,
    );
    await screenshot(officer, "12-officer-overview-after");
  });

  it("the financial report states the payment on record, computes unspent funds as you type and is received", async () => {
    // Prepare
    await useLanguage(lund, "sv");
    // Act
    await lund.goto(`${web}report.html?programme=${PROGRAMME}`);
    await ready(lund);
    // Assess: paid and received are the payment the officer recorded, given, not typed (the API
    // refuses any other sum), and the example data does not change them
    for (const field of ["#f-grant-totalPaid", "#f-accounting-received"]) {
      await expect(lund.inputValue(field)).resolves.toBe("1 530 608");
      await expect(lund.locator(field).isEditable()).resolves.toBe(false);
    }
    await expect(lund.textContent("#f-accounting-received-hint")).resolves.toContain("Enligt utbetalning");
    await lund.click("#fill-example");
    await expect(lund.inputValue("#f-grant-totalPaid")).resolves.toBe("1 530 608");
    await expect(lund.inputValue("#f-accounting-received")).resolves.toBe("1 530 608");
    // Act: the costs; unspent = paid − costs
    await lund.fill("#f-accounting-costs", "1 400 000");
    // Assess
    await expect(lund.textContent("#unspent")).resolves.toBe("130 608 kr");
    await lund.check("#f-certification-alternative-2");
    await expect(lund.locator("#f-certification-deviations").isVisible()).resolves.toBe(true);
    await review(lund, "13-report-form");
    await lund.check("#f-certification-alternative");
    await expect(lund.locator("#f-certification-deviations").isVisible()).resolves.toBe(false);
    await lund.click("#report-form button[type=submit]");
    await lund.waitForURL(/submission\.html/);
    await ready(lund);
    const receipt = await lund.locator(".receipt").textContent();
    expect(receipt).toContain("SB-2022-1281-E1");
    expect(receipt).toContain("130 608 kr");
  });

  it(`an officer registers the repayment of the unspent funds${skipNote(missingOfficer)}`, async (ctx) => {
    if (missingOfficer.length > 0) ctx.skip();
    const officer = contexts[2]?.pages()[0];
    if (!officer) throw new Error("officer page missing");
    // Act
    await officer.goto(`${web}officer.html?programme=${PROGRAMME}`);
    await officer.waitForSelector("#overview-split");
    // Only who owes is offered: Lund, with what it has left to repay.
    await expect(officer.locator("#f-kommunkod option").allTextContents()).resolves.toEqual([
      "Välj kommun",
      expect.stringMatching(/^Lund \(1281\), kvar \d[\d\s\u00a0]* kr$/),
    ]);
    await officer.selectOption("#f-kommunkod", "1281");
    await officer.fill("#f-amount", "130 608");
    await officer.click("#repayment-form button[type=submit]");
    // Assess: proposed, not yet repaid (an attestant attests it)
    await officer.waitForSelector("#repayment-result .notice-success");
    await expect(officer.textContent("#repayment-result")).resolves.toContain(
      "Föreslaget, väntar på attest av en annan handläggare: 130 608 kr",
    );
    // The proposer is not offered to attest it
    await showsText(officer, "#repayment-proposals", "Lund (1281): 130 608 kr");
    await expect(officer.locator("#repayment-proposals button").count()).resolves.toBe(0);
    await screenshot(officer, "13b-officer-repayment");
    // Act: a second officer, an attestant, attests it on the same page
    const attestant = contexts[3]?.pages()[0];
    if (!attestant) throw new Error("attestant page missing");
    await attestant.goto(`${web}officer.html?programme=${PROGRAMME}`);
    await ready(attestant);
    await attestant
      .getByRole("button", { name: "Attestera återbetalningen från Lund (1281), 130 608 kr" })
      .click();
    // Assess: repaid now, and nothing left to attest
    await showsText(attestant, "#repayment-attest-result", "Återbetalningen från Lund (1281) är attesterad");
    await showsText(attestant, "#repayment-proposals", "Ingen återbetalning väntar på attest");
    await review(attestant, "13c-officer-repayment-attested");
  });

  it(
    "the contact register can be read and changed by an officer" +
      skipNote(missingRoutes([["PUT", "/contacts/{kommunkod}"]])),
    async (ctx) => {
      if (missingRoutes([["PUT", "/contacts/{kommunkod}"]]).length > 0) ctx.skip();
      const officer = contexts[2]?.pages()[0];
      if (!officer) throw new Error("officer page missing");
      await officer.goto(`${web}contacts.html`);
      await ready(officer);
      await officer.fill("#register-search", "1281");
      await expect(officer.textContent("#register-count")).resolves.toBe("1 av 311 bidragsmottagare visas.");
      await screenshot(officer, "14-contacts-register");
      await officer.getByRole("link", { name: "Lund (1281)" }).click();
      await ready(officer);
      await officer.fill("#f-registryEmail", "registrator@lund.example");
      // A region's number is refused by the forms' own rule, before anything is sent.
      await officer.fill("#f-organisationNumber", "232100-0255");
      await officer.click("#contact-form button[type=submit]");
      await expect(officer.textContent("#f-organisationNumber-error")).resolves.toContain(
        "tillhör inte en kommun",
      );
      await officer.fill("#f-organisationNumber", "2120001264");
      await officer.click("#contact-form button[type=submit]");
      await officer.waitForSelector("#contact-result .notice-success");
      await expect(officer.inputValue("#f-organisationNumber")).resolves.toBe("212000-1264");
      await review(officer, "15-contacts-entry");
      await officer.goto(`${web}contacts.html`);
      await ready(officer);
      await officer.fill("#register-search", "212000-1264");
      await expect(officer.textContent("#register-count")).resolves.toBe("1 av 311 bidragsmottagare visas.");
    },
  );

  it("switches to English and keeps the choice across pages", async () => {
    // Prepare
    await useLanguage(lund, "sv");
    // Act
    await lund.goto(`${web}programmes.html`);
    await ready(lund);
    await lund.click("#language-switch");
    await lund.waitForLoadState("load");
    await ready(lund);
    // Assess
    await expect(lund.getAttribute("html", "lang")).resolves.toBe("en");
    await expect(lund.textContent("h1")).resolves.toBe("Lund's state grants");
    await expect(lund.evaluate(() => document.activeElement?.id)).resolves.toBe("language-switch");
    await lund.goto(`${web}report.html?programme=${PROGRAMME}`);
    await ready(lund);
    await expect(lund.textContent("h1")).resolves.toBe("Financial report");
    await screenshot(lund, "16-report-english");
    await lund.click("#language-switch");
    await ready(lund);
    await expect(lund.getAttribute("html", "lang")).resolves.toBe("sv");
  });

  it("signs out by itself when the token expires", async () => {
    // Prepare
    const context = await newContext(browser);
    contexts.push(context);
    const page = await openPage(context, problems);
    const res = await fetch(`${stack.apiUrl}/dev/sign-in`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ kommunkod: "1281", ttlSeconds: 2 }),
    });
    const { token } = (await res.json()) as { token: string };
    // Act
    await signInWithToken(page, token, "programmes.html");
    // Assess
    await page.waitForURL(/index\.html\?reason=expired/, { timeout: 10_000 });
    await ready(page);
    await expect(page.textContent("main")).resolves.toContain("Din session har gått ut");
    await expect(page.evaluate(() => sessionStorage.getItem("statsbidrag.session"))).resolves.toBeNull();
    await review(page, "17-sign-in-expired");
  });

  it("refuses a sign-in response whose state this tab did not send", async () => {
    // Prepare: a code delivered to a tab that never started a sign-in (login CSRF)
    const context = await newContext(browser);
    contexts.push(context);
    const page = await openPage(context, problems);
    // Act
    await page.goto(`${web}index.html?code=stolen-code&state=forged`);
    await ready(page);
    // Assess: refused, no session, and the code is gone from the address bar
    await expect(page.textContent("[role=alert]")).resolves.toContain(
      "kunde inte kopplas till den här fliken",
    );
    await expect(page.evaluate(() => sessionStorage.getItem("statsbidrag.session"))).resolves.toBeNull();
    expect(new URL(page.url()).search).toBe("");
  });

  it("signing out ends the hosted sign-in's session and comes back to the sign-in page", async () => {
    // Prepare
    const context = await newContext(browser);
    contexts.push(context);
    const page = await openPage(context, problems);
    await signInWithUi(page, "0180", /programmes\.html/);
    await expect(page.evaluate(() => sessionStorage.getItem("statsbidrag.session"))).resolves.not.toBeNull();
    // Act
    const logout = page.waitForRequest((r) => r.url().includes("/dev/logout?"));
    await page.getByRole("button", { name: "Logga ut" }).click();
    const request = await logout;
    await page.waitForURL(/index\.html$/);
    await ready(page);
    // Assess
    const params = new URL(request.url()).searchParams;
    expect(params.get("logout_uri")).toBe(`${web}index.html`);
    await expect(page.textContent("main")).resolves.toContain("Du är utloggad");
    await expect(page.evaluate(() => sessionStorage.getItem("statsbidrag.session"))).resolves.toBeNull();
  });

  it("had no script errors and no Content-Security-Policy violations on any page", () => {
    expect(problems).toEqual([]);
    expect(ARTIFACTS).toContain(join("test", "artifacts"));
  });
});
