import { mkdirSync } from "node:fs";
import { join } from "node:path";
import AxeBuilder from "@axe-core/playwright";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { ROUTES } from "../../infra/routes.ts";

/** Helpers for the browser tests of the web pages (test/e2e/web.test.ts). */
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

export const ARTIFACTS = join(process.cwd(), "test", "artifacts", "web");
mkdirSync(ARTIFACTS, { recursive: true });

/** Whether infra/routes.ts has a route, whatever its parameters are called. */
export function hasRoute(method: string, path: string): boolean {
  const shape = (p: string) => p.replace(/\{[^}]+\}/g, "{}");
  return ROUTES.some((r) => r.method === method && shape(r.path) === shape(path));
}

export function missingRoutes(routes: [string, string][]): string[] {
  return routes.filter(([method, path]) => !hasRoute(method, path)).map(([m, p]) => `${m} ${p}`);
}

/**
 * A page that records what must never happen: uncaught errors and Content-Security-Policy
 * violations. Chromium writes most violations to the console, but not an eval that a script
 * caught (a `new Function` probe): the page's own `securitypolicyviolation` event says it too.
 */
export async function openPage(context: BrowserContext, problems: string[]): Promise<Page> {
  const page = await context.newPage();
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) =>
      console.error(`Content Security Policy violation: ${e.violatedDirective} ${e.blockedURI}`),
    );
  });
  page.on("pageerror", (error) => problems.push(`pageerror: ${error.message}`));
  page.on("console", (message) => {
    const text = message.text();
    if (/Content Security Policy|Refused to/i.test(text)) problems.push(`csp: ${text}`);
  });
  return page;
}

/** A phone's width: the pages must work without sideways scrolling at it. */
export const NARROW = { width: 390, height: 844 };

export async function newContext(
  browser: Browser,
  viewport: { width: number; height: number } = { width: 1200, height: 900 },
): Promise<BrowserContext> {
  return browser.newContext({ acceptDownloads: true, viewport, locale: "sv-SE" });
}

/**
 * Chooses the pages' language for what this page opens next (web/src/i18n.ts keeps it in
 * localStorage, per browser context). Each test says which language it expects, so a test that
 * switched languages and failed halfway leaves nothing behind for the next one.
 */
export async function useLanguage(page: Page, lang: "sv" | "en"): Promise<void> {
  await page.evaluate((l) => localStorage.setItem("statsbidrag.lang", l), lang);
}

/** The e-mail address in the signed-in user's ID token: where the API sends that user's mail. */
export async function signedInEmail(page: Page): Promise<string> {
  const email = await page.evaluate(() => {
    const token = sessionStorage.getItem("statsbidrag.session") ?? "";
    const payload = (token.split(".")[1] ?? "").replace(/-/g, "+").replace(/_/g, "/");
    return (JSON.parse(atob(payload)) as { email?: string }).email ?? "";
  });
  if (!email) throw new Error("the session's token has no e-mail");
  return email;
}

/** The page fits its viewport's width: nothing scrolls sideways. */
export async function expectNoHorizontalScroll(page: Page, width: number, name: string): Promise<void> {
  const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
  if (scrollWidth > width) {
    const wide = await page.evaluate((max) => {
      const out: string[] = [];
      for (const el of document.querySelectorAll<HTMLElement>("body *")) {
        const r = el.getBoundingClientRect();
        if (r.right > max + 0.5 && out.length < 10)
          out.push(
            `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ""}.${el.className} → ${Math.round(r.right)}`,
          );
      }
      return out;
    }, width);
    throw new Error(
      `${name} scrolls sideways at ${width} px (scrollWidth ${scrollWidth}):\n  ${wide.join("\n  ")}`,
    );
  }
}

/** Waits until the page's script has rendered it (layout.ts sets data-ready). */
export async function ready(page: Page): Promise<void> {
  await page.waitForSelector("body[data-ready='true']", { timeout: 20_000 });
}

/** axe-core with the WCAG 2.1 A/AA rules: no serious or critical violation is allowed. */
export async function expectAccessible(page: Page, name: string): Promise<void> {
  const results = await new AxeBuilder({ page })
    // The browser's own PDF viewer inside the original's frame is not ours to check.
    .exclude("#original-frame")
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
    // Only violations are reported on: skipping the details of passes halves the run time.
    .options({ resultTypes: ["violations"] })
    .analyze();
  const bad = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  if (bad.length > 0) {
    const detail = bad
      .map(
        (v) => `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes.map((n) => n.target.join(" ")).join("\n  ")}`,
      )
      .join("\n");
    throw new Error(`axe found serious/critical violations on ${name}:\n${detail}`);
  }
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}

/** Accessibility check and a screenshot for review, in one go. */
export async function review(page: Page, name: string): Promise<void> {
  await screenshot(page, name);
  await expectAccessible(page, name);
}

/** Presses Tab (only) until the element with `id` has focus. */
export async function tabTo(page: Page, id: string, max = 120): Promise<void> {
  for (let i = 0; i < max; i++) {
    if ((await page.evaluate(() => document.activeElement?.id ?? "")) === id) return;
    await page.keyboard.press("Tab");
  }
  await screenshot(page, `failed-tab-to-${id}`);
  throw new Error(
    `#${id} not reached with Tab within ${max} presses (see test/artifacts/web/failed-tab-to-${id}.png)`,
  );
}

/** Tab to a field and type into it, replacing what is there (select all, then type). */
export async function typeInto(page: Page, id: string, text: string): Promise<void> {
  await tabTo(page, id);
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.type(text);
}
