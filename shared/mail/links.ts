/**
 * Links in mail go to the page where the reader acts, never to an API path. The base is the web
 * pages' address (WEB_BASE_URL); without one, mails name the page in words instead.
 */
export type Page =
  | "submission.html"
  | "officer-submission.html"
  | "requisition.html"
  | "report.html"
  | "officer.html";

export function pageLink(
  webBaseUrl: string | undefined,
  page: Page,
  params: Record<string, string>,
): string | undefined {
  if (!webBaseUrl) return undefined;
  const query = new URLSearchParams(params).toString();
  return `${webBaseUrl.replace(/\/$/, "")}/${page}${query ? `?${query}` : ""}`;
}
