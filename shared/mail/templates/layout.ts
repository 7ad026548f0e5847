/**
 * Every e-mail the system sends, in one place. Text parts are plain; HTML parts escape every
 * value (names may contain <, & and å ä ö), so a form field can never inject markup.
 */
export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

export function escapeHtml(value: string): string {
  return value
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

/** Subjects are single header lines: no control characters, bounded length. */
export function headerSafe(value: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point
  return value.replace(/[\u0000-\u001f\u007f]+/g, " ").slice(0, 200);
}

export type Row = readonly [label: string, value: string];

export function render(subject: string, intro: string[], rows: Row[], outro: string[]): RenderedMail {
  const text = [...intro, "", ...rows.map(([k, v]) => `${k}: ${v}`), "", ...outro].join("\n");
  const html = [
    '<!doctype html><html lang="sv"><body>',
    ...intro.map((p) => `<p>${escapeHtml(p)}</p>`),
    "<table>",
    ...rows.map(([k, v]) => `<tr><th align="left">${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`),
    "</table>",
    ...outro.map((p) => `<p>${escapeHtml(p)}</p>`),
    "</body></html>",
  ].join("\n");
  return { subject: headerSafe(subject), text, html };
}
