import { ApiError } from "./api.ts";
import { loadConfig } from "./config.ts";
import { byId, clear, h } from "./dom.ts";
import { lang, type Msg, m, setLang, T, t } from "./i18n.ts";
import { PAGES, type PageId, pageFile } from "./pages.ts";
import { rememberPage } from "./return-to.ts";
import { readSession, type Session, SignedOut, signOut, watchExpiry } from "./session.ts";

export interface PageContext {
  session: Session;
  main: HTMLElement;
}

type Role = "municipality" | "officer";

const NAV: Record<Role, { id: PageId; label: Msg }[]> = {
  municipality: [{ id: "programmes", label: { sv: "Våra statsbidrag", en: "Our grants" } }],
  officer: [
    { id: "officer", label: { sv: "Översikt", en: "Overview" } },
    { id: "programme-setup", label: { sv: "Nytt bidrag", en: "New programme" } },
    { id: "intake", label: { sv: "Inkommande e-post", en: "Incoming mail" } },
    { id: "contacts", label: { sv: "Kontaktregister", en: "Contact register" } },
  ],
};

function pageTitle(id: PageId): Msg {
  const page = PAGES.find((p) => p.id === id);
  return page ? page.title : T.appName;
}

/** Sets the document's title; `detail` goes first, as screen readers read titles from the start. */
export function setTitle(id: PageId, detail?: string): void {
  document.title = [detail, m(pageTitle(id)), t("appName")].filter(Boolean).join(" – ");
}

function languageButton(): HTMLElement {
  const other = lang() === "sv" ? "en" : "sv";
  return h(
    "button",
    {
      type: "button",
      class: "link-button",
      id: "language-switch",
      lang: other,
      "aria-label": m(T.switchLanguageLabel),
      onclick: () => {
        setLang(other);
        // Forms save their server drafts first (server-draft.ts), so a reload loses nothing: the
        // reload waits for those saves (at most a few seconds).
        const saves: Promise<unknown>[] = [];
        window.dispatchEvent(
          new CustomEvent("statsbidrag:before-reload", {
            detail: { waitFor: (p: Promise<unknown>) => saves.push(p) },
          }),
        );
        sessionStorage.setItem("statsbidrag.focus", "language-switch");
        const limit = new Promise((resolve) => setTimeout(resolve, 3000));
        void Promise.race([Promise.allSettled(saves), limit]).then(() => location.reload());
      },
    },
    t("switchLanguage"),
  );
}

function header(active: PageId, session?: Session): HTMLElement {
  const nav = session
    ? h(
        "nav",
        { "aria-label": t("mainNav") },
        h(
          "ul",
          {},
          NAV[session.role].map((item) =>
            h(
              "li",
              {},
              h(
                "a",
                { href: pageFile(item.id), ...(item.id === active ? { "aria-current": "page" } : {}) },
                m(item.label),
              ),
            ),
          ),
        ),
      )
    : null;
  const who = session
    ? h(
        "p",
        { class: "who" },
        `${t("signedInAs")} `,
        h(
          "strong",
          { id: "who-name" },
          session.role === "officer"
            ? `${t("officer")} (${session.email ?? ""})`
            : municipalityLabel(session),
        ),
        " ",
        h(
          "button",
          {
            type: "button",
            class: "link-button",
            onclick: () => {
              try {
                signOut("signed-out");
              } catch (error) {
                // signOut throws to stop its caller; a click handler has nothing to stop.
                if (!(error instanceof SignedOut)) throw error;
              }
            },
          },
          t("signOut"),
        ),
      )
    : null;
  return h(
    "div",
    { class: "wrap header-row" },
    h(
      "a",
      {
        class: "brand",
        href: session ? pageFile(NAV[session.role][0]?.id ?? "sign-in") : pageFile("sign-in"),
      },
      t("appName"),
    ),
    nav,
    h("div", { class: "header-tools" }, who, languageButton()),
  );
}

const NAME_KEY = "statsbidrag.kommun";

function municipalityLabel(session: Session): string {
  const name = sessionStorage.getItem(NAME_KEY);
  return name ? `${name} (${session.kommunkod ?? ""})` : (session.kommunkod ?? "");
}

/** The signed-in municipality's name, once a page has it from the API (the token has only the code). */
export function setMunicipality(name: string): void {
  sessionStorage.setItem(NAME_KEY, name);
  const session = readSession();
  const el = document.getElementById("who-name");
  if (el && session) el.textContent = municipalityLabel(session);
}

export function errorPanel(error: unknown): HTMLElement {
  const apiError = error instanceof ApiError ? error : undefined;
  const text = apiError ? m(apiError.userMessage) : error instanceof Error ? error.message : String(error);
  return h(
    "div",
    { class: "notice notice-error", role: "alert" },
    h("h2", {}, t("error")),
    h("p", {}, text),
    apiError?.errors.length
      ? h(
          "ul",
          {},
          apiError.errors.map((e) => h("li", {}, m(e.message))),
        )
      : null,
    apiError?.requestId ? h("p", { class: "small" }, `${t("requestId")}: ${apiError.requestId}`) : null,
  );
}

/**
 * Every page starts here: config, language, session (and role), header, footer, then the page's
 * own render. Errors end up in an alert on the page instead of a blank screen.
 */
export async function boot(
  id: PageId,
  role: Role | "any" | "none",
  render: (ctx: PageContext) => Promise<void>,
): Promise<void> {
  try {
    await start(id, role, render);
  } catch (error) {
    // Signing out navigates away; nothing else is left to do.
    if (!(error instanceof SignedOut)) throw error;
  }
}

async function start(
  id: PageId,
  role: Role | "any" | "none",
  render: (ctx: PageContext) => Promise<void>,
): Promise<void> {
  document.documentElement.lang = lang();
  await loadConfig();
  const session = readSession();
  if (role !== "none") {
    if (!session) {
      // Back to this page after signing in. signOut clears the tab's statsbidrag.* keys, so the
      // page is written after it (it throws to stop the page; the browser leaves it afterwards).
      try {
        signOut("expired");
      } catch (error) {
        rememberPage(new URL(location.href));
        throw error;
      }
    }
    if (role !== "any" && session.role !== role) {
      location.replace(pageFile(session.role === "officer" ? "officer" : "programmes"));
      return;
    }
    watchExpiry(session);
  }
  setTitle(id);
  const headerEl = byId("site-header");
  clear(headerEl);
  headerEl.appendChild(header(id, role === "none" ? undefined : session));
  const skip = document.querySelector(".skip-link");
  if (skip) skip.textContent = t("skip");
  const footer = byId("site-footer");
  clear(footer);
  footer.appendChild(h("div", { class: "wrap" }, h("p", {}, t("footer"))));
  if (!document.getElementById("announcer")) {
    document.body.appendChild(h("div", { id: "announcer", class: "visually-hidden", "aria-live": "polite" }));
  }
  const main = byId("main");
  clear(main);
  main.appendChild(h("h1", {}, m(pageTitle(id))));
  try {
    await render({ session: session as Session, main });
  } catch (error) {
    if (error instanceof SignedOut) return;
    console.error(error);
    main.appendChild(errorPanel(error));
  }
  const focusId = sessionStorage.getItem("statsbidrag.focus");
  if (focusId) {
    sessionStorage.removeItem("statsbidrag.focus");
    document.getElementById(focusId)?.focus();
  }
  document.body.dataset.ready = "true";
}
