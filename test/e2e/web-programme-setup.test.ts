import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  NEXT_YEAR_CSV,
  NEXT_YEAR_ID,
  NEXT_YEAR_META,
  WRONG_TOTAL_CSV,
} from "../fixtures/programmes/next-year.ts";
import { expectNoHorizontalScroll, NARROW, review } from "./web-helpers.ts";
import { startWebRig, type WebRig } from "./web-rig.ts";

/**
 * An officer sets up next year's programme in the browser against the whole local stack: the
 * terms, Bilaga 1 chosen as a CSV file, a wrong total refused in the preview, the fixed file,
 * publishing; then Lund sees the programme, and an officer of another agency does not.
 */
const TODAY = "2023-02-01";

let rig: WebRig;
const signedIn = (token: string, path: string) => rig.signedIn(token, path);

async function chooseCsv(page: Page, csv: string): Promise<void> {
  await page.setInputFiles("#bilaga1-file", {
    name: "bilaga1.csv",
    mimeType: "text/csv",
    buffer: Buffer.from(`\uFEFF${csv}`),
  });
  await page.waitForFunction(
    () => (document.getElementById("f-bilaga1Csv") as HTMLTextAreaElement | null)?.value !== "",
  );
}

beforeAll(async () => {
  rig = await startWebRig("web-setup", { today: TODAY });
});

afterAll(async () => {
  await rig?.stop();
});

describe("web pages: setting up a programme", () => {
  it("refuses a wrong total in the preview, then publishes the fixed table; Lund sees the programme, another agency does not", async () => {
    // Prepare
    const officer = await signedIn(
      await rig.stack.issuer.mint({ officer: true, email: "handlaggare@kammarkollegiet.example" }),
      "programme-setup.html",
    );
    const meta = NEXT_YEAR_META;
    const fill = async (id: string, value: string) => officer.fill(`#f-meta-${id}`, value);
    await fill("id", NEXT_YEAR_ID);
    await fill("year", String(meta.year));
    await fill("title", meta.title);
    await fill("agreementTitle", meta.agreementTitle);
    await fill("grantingAgency", meta.grantingAgency);
    await fill("receivingAgency", meta.receivingAgency);
    await fill("totalBase", "167 100 000");
    await fill("grantPeriod-from", meta.grantPeriod.from);
    await fill("grantPeriod-to", meta.grantPeriod.to);
    await fill("deadlines-requisition", meta.deadlines.requisition);
    await fill("deadlines-report", meta.deadlines.report);
    await fill("deadlines-repayment", meta.deadlines.repayment);
    await officer.check("#f-meta-survey-atRequisition");
    await fill("officerEmails", "statsbidrag@kammarkollegiet.example");
    await chooseCsv(officer, WRONG_TOTAL_CSV);

    // Act: preview the table whose rows add up to one krona too much
    await officer.click("#preview");
    await officer.waitForSelector("#draft-preview");
    // Assess: the problem and the proof, and nothing to publish
    await expect(officer.textContent("#draft-problems")).resolves.toContain("167 100 001 kr");
    await expect(officer.textContent("#draft-sum")).resolves.toContain("167 100 001");
    await expect(officer.locator("#publish").count()).resolves.toBe(0);
    await review(officer, "setup-01-wrong-total");

    // Act: the fixed file, previewed and published
    await chooseCsv(officer, NEXT_YEAR_CSV);
    await officer.click("#preview");
    await officer.waitForSelector("#publish");
    await officer.click("#publish");
    await officer.waitForSelector("#setup-result .notice-success");
    // Assess
    await expect(officer.textContent("#setup-result")).resolves.toContain(
      "Bidraget är publicerat och öppnat.",
    );
    await review(officer, "setup-02-published");

    // Assess: Lund can requisition under it at once (the list of programmes follows within a
    // minute, as each function keeps it that long); Socialstyrelsen's officer does not see it
    const lund = await signedIn(
      await rig.stack.issuer.mint({ kommunkod: "1281" }),
      `requisition.html?programme=${NEXT_YEAR_ID}`,
    );
    await expect(lund.textContent("main")).resolves.toContain(meta.title);
    await expect(lund.textContent("main")).resolves.toContain("1 530 608");
    const other = await signedIn(
      await rig.stack.issuer.mint({
        officer: true,
        email: "h@socialstyrelsen.example",
        agency: "socialstyrelsen",
      }),
      "officer.html",
    );
    await expect(other.locator("#programme option").allTextContents()).resolves.not.toContain(meta.title);
  });

  it("sets the diarienummer and moves the report deadline from the overview, with a reason and the decision", async () => {
    // Prepare: the link the publish notice gives
    const officer = await signedIn(
      await rig.stack.issuer.mint({ officer: true, email: "handlaggare@kammarkollegiet.example" }),
      `officer.html?programme=${NEXT_YEAR_ID}`,
    );
    await expect(officer.textContent("h2.programme-title")).resolves.toBe(NEXT_YEAR_META.title);
    // Act: a moved deadline without the decision it rests on
    await officer.fill("#f-agreementDiarienummer", "S2023/01234/ÄO");
    await officer.fill("#f-deadlines-report", "2024-04-30");
    await officer.fill("#f-reason", "Förlängd tid för redovisning.");
    await officer.click("#facts-save");
    // Assess: the API's refusal lands on the decision field
    await officer.waitForSelector("#f-decision[aria-invalid='true']");
    // Act: with the decision
    await officer.fill("#f-decision", "Beslut 2023-02-01, dnr 4.1-1234/2023");
    // Straight from the field to the button: its error must not vanish (and move the button)
    // between mouse down and up, or the click is lost. Moving the focus to the button, as mouse
    // down does, also drops the live check the typing started (due 250 ms later).
    await officer.focus("#facts-save");
    await officer.waitForTimeout(400);
    await expect(officer.getAttribute("#f-decision", "aria-invalid")).resolves.toBe("true");
    await officer.click("#facts-save");
    // The moved deadline is mailed to 290 municipalities before the answer: give it time
    await officer.waitForSelector("#facts-result > *", { timeout: 90_000 });
    await expect(
      officer.locator("#facts-result .notice-success").count(),
      (await officer.textContent("#facts-result")) ?? "",
    ).resolves.toBe(1);
    // Assess
    const saved = (await officer.textContent("#facts-result")) ?? "";
    expect(saved).toContain("version 2");
    expect(saved).toContain("Diarienummer, överenskommelsen, Sista dag för ekonomisk redovisning.");
    expect(saved).toContain("290 kommuner fick besked om det nya datumet.");
    await review(officer, "setup-03-facts-saved");
  });

  it("adds a required question; Lund's form asks it, refuses the requisition unanswered, sends it answered; the officer reads the answer", async () => {
    // Prepare
    const officer = await signedIn(
      await rig.stack.issuer.mint({ officer: true, email: "handlaggare@kammarkollegiet.example" }),
      `officer.html?programme=${NEXT_YEAR_ID}`,
    );
    await officer.waitForSelector("#questions-form");
    // Act: the officer adds the question
    await officer.fill("#f-question-label-sv", "Hur används medlen i hemtjänsten?");
    await officer.fill("#f-question-label-en", "How are the funds used in home care?");
    await officer.fill("#f-question-reason", "Uppföljning enligt överenskommelsen.");
    await officer.click("#questions-add");
    await officer.waitForSelector("#questions-result .notice-success");
    // Assess
    await expect(officer.textContent("#questions-list")).resolves.toContain(
      "Hur används medlen i hemtjänsten? (Rekvisitionen, fritext, obligatorisk)",
    );

    // Act: Lund fills in everything else (the example) but leaves the question; then answers it.
    // Functions keep a programme they read for PROGRAMME_CACHE_SECONDS (2 on the local stack).
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    const lund = await signedIn(
      await rig.stack.issuer.mint({ kommunkod: "1281" }),
      `requisition.html?programme=${NEXT_YEAR_ID}`,
    );
    await lund.waitForSelector("#f-answers-hur-anvands-medlen-i-hemtjansten");
    await lund.click("#fill-example");
    await lund.fill("#f-answers-hur-anvands-medlen-i-hemtjansten", "");
    await lund.click("#requisition-form button[type=submit]");
    // Assess: refused on the question's own field, and named in the summary
    await lund.waitForSelector("#f-answers-hur-anvands-medlen-i-hemtjansten[aria-invalid='true']");
    const unanswered = 'Svara på frågan "Hur används medlen i hemtjänsten?"';
    await lund.locator("#error-summary", { hasText: unanswered }).waitFor({ timeout: 10_000 });
    await expect(lund.textContent("#error-summary")).resolves.toContain(unanswered);
    await review(lund, "setup-05-question-unanswered");
    // Act
    await lund.fill("#f-answers-hur-anvands-medlen-i-hemtjansten", "Trygghetslarm och nattkameror.");
    await lund.click("#requisition-form button[type=submit]");
    await lund.waitForURL(/submission\.html/, { timeout: 15_000 });
    const submissionUrl = new URL(lund.url());
    // Assess: the officer reads the answer under the question's wording
    const detail = await signedIn(
      await rig.stack.issuer.mint({ officer: true, email: "handlaggare@kammarkollegiet.example" }),
      `officer-submission.html?id=${submissionUrl.searchParams.get("id") ?? ""}`,
    );
    await expect(detail.textContent(".form-data")).resolves.toMatch(
      /Hur används medlen i hemtjänsten\?\s*Trygghetslarm och nattkameror\./,
    );
  });

  it("corrects an allocation from the overview: below what Lund requisitioned is refused on the field, Ale's raise is saved", async () => {
    // Prepare: Lund requisitioned its share in the test above
    const officer = await signedIn(
      await rig.stack.issuer.mint({ officer: true, email: "handlaggare@kammarkollegiet.example" }),
      `officer.html?programme=${NEXT_YEAR_ID}`,
    );
    await officer.waitForSelector("#allocations-form");
    // Act: Lund lowered to 1 kr
    await officer.selectOption("#f-corrections-0-kommunkod", "1281");
    await officer.fill("#f-corrections-0-amount", "1");
    await officer.fill("#f-allocations-reason", "Fel belopp i Bilaga 1.");
    await officer.click("#allocations-save");
    // Assess: the API's refusal lands on the amount
    await officer.waitForSelector("#f-corrections-0-amount[aria-invalid='true']");
    await expect(officer.textContent("#allocations-form")).resolves.toContain("redan har rekvirerat");
    // Act: Ale raised by 10 000 kr
    await officer.selectOption("#f-corrections-0-kommunkod", "1440");
    await officer.fill("#f-corrections-0-amount", "391 308");
    await officer.click("#allocations-save");
    await officer.waitForSelector("#allocations-result .notice-success");
    // Assess
    await expect(officer.textContent("#allocations-result")).resolves.toMatch(
      /Ale 381\s308 kr → 391\s308 kr\. Tilldelningarna summerar nu till 167\s110\s000 kr\./,
    );
  });

  it("closes the programme only when the officer confirms; Lund then sees it closed and no way to requisition", async () => {
    // Prepare
    const officer = await signedIn(
      await rig.stack.issuer.mint({ officer: true, email: "handlaggare@kammarkollegiet.example" }),
      `officer.html?programme=${NEXT_YEAR_ID}`,
    );
    await officer.fill("#f-close-reason", "Medlen är slut enligt beslut.");
    // Act: without the confirmation
    await officer.click("#close-programme");
    // Assess: nothing closed, the box is the error
    await officer.waitForSelector("#f-close-confirm[aria-invalid='true']");
    // Act
    await officer.check("#f-close-confirm");
    await officer.click("#close-programme");
    await officer.waitForSelector("#closed-notice");
    // Assess
    await expect(officer.textContent("#closed-notice")).resolves.toContain(
      `Bidraget stängdes den ${TODAY}. Skäl: Medlen är slut enligt beslut.`,
    );
    await new Promise((resolve) => setTimeout(resolve, 2_500)); // the programme cache, as above
    const lund = await signedIn(await rig.stack.issuer.mint({ kommunkod: "1281" }), "programmes.html");
    await lund.waitForSelector(`#closed-${NEXT_YEAR_ID}`);
    const card = lund.locator("article", { hasText: NEXT_YEAR_META.title });
    await expect(card.getByRole("link", { name: "Rekvirera bidraget" }).count()).resolves.toBe(0);
  });

  it("on a 390 px wide screen the set-up page needs no sideways scrolling and passes axe", async () => {
    // Prepare
    const officer = await rig.signedIn(
      await rig.stack.issuer.mint({ officer: true, email: "handlaggare@kammarkollegiet.example" }),
      "programme-setup.html",
      NARROW,
    );
    // Assess
    await expectNoHorizontalScroll(officer, NARROW.width, "programme-setup");
    await review(officer, "setup-04-narrow");
  });

  it("had no script errors and no Content-Security-Policy violations on any page", () => {
    expect(rig.problems).toEqual([]);
  });
});
