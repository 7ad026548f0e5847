import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatKronor } from "../../shared/money.ts";
import { expectNoHorizontalScroll, NARROW, newContext, openPage, ready, review } from "./web-helpers.ts";
import { startWebRig, type WebRig } from "./web-rig.ts";

/**
 * A recipient that is not a municipality, on the pages, in Chromium against the whole local stack:
 * SKR signs in with the dev sign-in, sees only its own share of the äldreomsorg agreements (seed
 * 000, 7.2), and requisitions the 17 900 000 kr with its own name pre-filled; a municipality's kind
 * of organisation number is refused on the field with the number SKR must give. On a phone's width.
 */
const TODAY = "2022-11-20";
const SKR = "9001";
const SKR_NUMBER = "222000-0315";

let rig: WebRig;

beforeAll(async () => {
  rig = await startWebRig("web-recipients", { today: TODAY });
});

afterAll(async () => {
  await rig?.stop();
});

describe("web pages: SKR requisitions its own share", () => {
  it("signs in as SKR, sees only its own programmes, and requisitions its share", async () => {
    // Prepare: a phone-width tab, signed in the way a user does
    const context = await newContext(rig.browser, NARROW);
    const page = await openPage(context, rig.problems);
    await page.goto(rig.web);
    await ready(page);
    await page.click("#sign-in");
    await page.waitForURL(/\/dev\/oauth2\/authorize\?/);
    await page.selectOption("#who", SKR);
    await page.click("#continue");
    await page.waitForURL(/programmes\.html/);
    await ready(page);

    // Act + Assess: the list holds SKR's two shares and nothing of the municipalities'
    await expect(page.locator("h1").textContent()).resolves.toBe(
      "Sveriges Kommuner och Regioners statsbidrag",
    );
    const cards = page.locator("article");
    await expect(cards.count()).resolves.toBe(2);
    const share = cards.filter({ hasText: "2022" }).first();
    await expect(share.textContent()).resolves.toContain(formatKronor(17_900_000));
    await expectNoHorizontalScroll(page, NARROW.width, "skr-programmes");

    // The form names SKR; a municipality's kind of number is refused with SKR's own
    await share.getByRole("link", { name: "Rekvirera bidraget" }).click();
    await ready(page);
    await expect(page.inputValue("#f-recipient-name")).resolves.toBe("Sveriges Kommuner och Regioner");
    await page.fill("#f-recipient-organisationNumber", "212000-1264");
    await page.locator("#f-recipient-organisationNumber").blur();
    await expect(
      page.locator("#f-recipient-organisationNumber-error").textContent({ timeout: 5_000 }),
    ).resolves.toContain(SKR_NUMBER);

    const values: Record<string, string> = {
      "#f-recipient-organisationNumber": SKR_NUMBER,
      "#f-recipient-contactPerson": "Åsa Öberg",
      "#f-recipient-postalAddress-street": "Box 2200",
      "#f-recipient-postalAddress-postalCode": "11893",
      "#f-recipient-postalAddress-city": "Stockholm",
      "#f-recipient-phone": "08-452 70 00",
      "#f-recipient-email": "ekonomi@skr.example",
      "#f-grant-agreementDiarienummer": "S2022/00001/SOF",
      "#f-grant-decisionDiarienummer": "S2022/00002/SOF",
      "#f-grant-amount": "17 900 000",
      "#f-payment-account": "5050-1055",
    };
    for (const [selector, value] of Object.entries(values)) await page.fill(selector, value);
    await page.locator("#f-payment-account").blur();
    await expectNoHorizontalScroll(page, NARROW.width, "skr-requisition");
    await page.click("#requisition-form button[type=submit]");
    await page.waitForURL(/submission\.html\?id=.+&new=1/);
    await ready(page);
    await review(page, "skr-receipt");
    await expect(page.locator(".receipt").textContent()).resolves.toContain("SB-2022-9001-R1");
    expect(rig.problems).toEqual([]);
    await context.close();
  });
});
