/** Every page: its file, its script (web/src/pages/<script>.ts) and its title. Used by the build and the nav. */
export const PAGES = [
  { id: "sign-in", file: "index.html", script: "sign-in", title: { sv: "Logga in", en: "Sign in" } },
  {
    id: "programmes",
    file: "programmes.html",
    script: "programmes",
    title: { sv: "Våra statsbidrag", en: "Our state grants" },
  },
  {
    id: "requisition",
    file: "requisition.html",
    script: "requisition",
    title: { sv: "Rekvisition av statsbidrag", en: "Requisition of state grant" },
  },
  {
    id: "report",
    file: "report.html",
    script: "report",
    title: { sv: "Ekonomisk redovisning", en: "Financial report" },
  },
  {
    id: "submission",
    file: "submission.html",
    script: "submission",
    title: { sv: "Inlämning", en: "Submission" },
  },
  {
    id: "officer",
    file: "officer.html",
    script: "officer",
    title: { sv: "Översikt för handläggare", en: "Officer overview" },
  },
  {
    id: "officer-submission",
    file: "officer-submission.html",
    script: "officer-submission",
    title: { sv: "Granska inlämning", en: "Review submission" },
  },
  {
    id: "programme-setup",
    file: "programme-setup.html",
    script: "programme-setup",
    title: { sv: "Nytt bidrag", en: "New programme" },
  },
  {
    id: "intake",
    file: "intake.html",
    script: "intake",
    title: { sv: "Inkommande e-post", en: "Incoming mail" },
  },
  {
    id: "contacts",
    file: "contacts.html",
    script: "contacts",
    title: { sv: "Kontaktregister", en: "Contact register" },
  },
] as const;

export type PageId = (typeof PAGES)[number]["id"];

export function pageFile(id: PageId): string {
  const page = PAGES.find((p) => p.id === id);
  if (!page) throw new Error(`no page ${id}`);
  return page.file;
}
