import { PAGES } from "./pages.ts";

/**
 * The page a signed-out visitor opened (a link in a mail: a submission, its form to sign), to
 * come back to once signed in. It waits in the tab's sessionStorage through the hosted sign-in's
 * round trip, and only one of our own pages is ever taken back, so no link can make the sign-in
 * send anyone elsewhere.
 */
const KEY = "statsbidrag.return-to";

export function rememberPage(url: URL): void {
  const file = url.pathname.split("/").pop() ?? "";
  sessionStorage.setItem(KEY, `${file}${url.search}`);
}

/** The page to return to, once: our page's file and its query, or undefined. */
export function takeRememberedPage(): string | undefined {
  const page = sessionStorage.getItem(KEY);
  sessionStorage.removeItem(KEY);
  const file = page?.split("?")[0];
  return PAGES.some((p) => p.file === file && p.id !== "sign-in") ? (page ?? undefined) : undefined;
}
