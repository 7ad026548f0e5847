import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { type LocalStack, type LocalStackOptions, startLocalStack } from "../../infra/local/stack.ts";
import { requireEnv } from "../helpers/env.ts";
import { WEB_DIR_ENV } from "../helpers/web-pages-setup.ts";
import { CHROMIUM_ARGS, newContext, openPage, ready } from "./web-helpers.ts";

/**
 * What every browser test file's stack shares with the others (the e2e project's global setup):
 * the DynamoDB Local of test/integration/global-setup.ts, in a table of the file's own, and the
 * pages built once by test/helpers/web-pages-setup.ts. S3 and SES stay the file's own, in its
 * process, so its uploads and mails meet no other file's.
 */
export function webStackOptions(name: string): Pick<LocalStackOptions, "external" | "tableName" | "web"> {
  return {
    external: { dynamodb: requireEnv("AWS_ENDPOINT_URL_DYNAMODB") },
    tableName: `statsbidrag-test-${name}`,
    web: { outDir: requireEnv(WEB_DIR_ENV), build: false },
  };
}

/** The folder the pages are served from (built once per run). */
export const webPagesDir = (): string => requireEnv(WEB_DIR_ENV);

/**
 * One browser test file's world: the whole local stack serving the pages, a Chromium, and tabs
 * signed in as whoever the test mints a token for. `problems` collects script errors and CSP
 * violations from every tab; `stop` closes all it opened.
 */
export interface WebRig {
  stack: LocalStack;
  browser: Browser;
  /** The pages' base URL, ending in /. */
  web: string;
  problems: string[];
  /** A tab in its own browser context, signed in with `token`, on `path`. */
  signedIn(token: string, path: string, viewport?: { width: number; height: number }): Promise<Page>;
  stop(): Promise<void>;
}

export async function startWebRig(
  name: string,
  options: Partial<Omit<LocalStackOptions, "web">> = {},
): Promise<WebRig> {
  const [stack, browser] = await Promise.all([
    startLocalStack({
      port: 0,
      inMemory: true,
      stage: "test",
      outboxIntervalMs: 200,
      ...webStackOptions(name),
      ...options,
    }),
    chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS }),
  ]);
  const web = stack.webUrl ?? "";
  const problems: string[] = [];
  const contexts: BrowserContext[] = [];
  return {
    stack,
    browser,
    web,
    problems,
    async signedIn(token, path, viewport) {
      const context = await newContext(browser, viewport);
      contexts.push(context);
      const page = await openPage(context, problems);
      await page.goto(`${web}index.html?reason=signed-out`);
      await ready(page);
      await page.evaluate((t) => sessionStorage.setItem("statsbidrag.session", t), token);
      await page.goto(`${web}${path}`);
      await ready(page);
      return page;
    },
    async stop() {
      await Promise.allSettled(contexts.map((c) => c.close()));
      await browser.close();
      await stack.stop();
    },
  };
}
