import { beginSignIn, completeSignIn, SignInError } from "../auth.ts";
import { config } from "../config.ts";
import { h } from "../dom.ts";
import { type Msg, m, T, type Texts } from "../i18n.ts";
import { boot } from "../layout.ts";
import { pageFile } from "../pages.ts";
import { takeRememberedPage } from "../return-to.ts";
import { readSession, saveSession, takeSignedOutFlag } from "../session.ts";

/**
 * Sign-in: a button that goes to the hosted sign-in (Cognito on AWS, the dev issuer's pick list
 * locally: infra/local/dev-oauth.ts) and, on the way back, the code exchange (web/src/auth.ts).
 */
function home(role: "municipality" | "officer"): string {
  return pageFile(role === "officer" ? "officer" : "programmes");
}

const FAILED: Record<SignInError["reason"], Msg> = {
  denied: { sv: "Inloggningen avbröts.", en: "Sign-in was cancelled." },
  state: {
    sv: "Inloggningen kunde inte kopplas till den här fliken. Försök igen.",
    en: "The sign-in could not be matched to this tab. Please try again.",
  },
  exchange: {
    sv: "Inloggningen misslyckades. Försök igen om en stund.",
    en: "Sign-in failed. Please try again shortly.",
  },
};

const TEXT = {
  intro: {
    sv: "Logga in med kommunens eller myndighetens konto. Kontakta er administratör om ni saknar konto.",
    en: "Sign in with your municipality's or agency's account. Contact your administrator if you have none.",
  },
  notConfigured: {
    sv: "Inloggningen är inte konfigurerad (config.json saknar auth).",
    en: "Sign-in is not configured (config.json has no auth).",
  },
  devSignIn: {
    sv: "Lokal utveckling: inloggningssidan låter dig välja en kommun eller handläggare.",
    en: "Local development: the sign-in page lets you choose a municipality or an officer.",
  },
  signIn: { sv: "Logga in", en: "Sign in" },
  going: { sv: "Går till inloggningen…", en: "Going to sign-in…" },
} satisfies Texts;

function notice(kind: "warning" | "info" | "error", text: string): HTMLElement {
  return h(
    "div",
    { class: `notice notice-${kind}`, role: kind === "error" ? "alert" : "status" },
    h("p", {}, text),
  );
}

await boot("sign-in", "none", async ({ main }) => {
  const auth = config().auth;
  const params = new URLSearchParams(location.search);
  if (auth && (params.has("code") || params.has("error"))) {
    // The code is single-use and must not stay in the address bar or the history.
    history.replaceState(null, "", location.pathname);
    try {
      const session = saveSession(await completeSignIn(auth, params));
      if (!session) throw new SignInError("exchange");
      // The page the visitor came for (a link in a mail); that page sends another role home.
      location.replace(takeRememberedPage() ?? home(session.role));
      return;
    } catch (error) {
      const reason = error instanceof SignInError ? error.reason : "exchange";
      main.append(notice("error", m(FAILED[reason])));
    }
  }
  const existing = readSession();
  if (existing) {
    location.replace(home(existing.role));
    return;
  }
  const reason = takeSignedOutFlag() ? "signed-out" : params.get("reason");
  if (reason === "expired" || reason === "signed-out") {
    main.append(
      notice(
        reason === "expired" ? "warning" : "info",
        m(reason === "expired" ? T.sessionExpired : T.signedOut),
      ),
    );
  }
  main.append(h("p", {}, m(TEXT.intro)));
  if (!auth) {
    main.append(notice("warning", m(TEXT.notConfigured)));
    return;
  }
  if (config().devSignIn) {
    main.append(notice("info", m(TEXT.devSignIn)));
  }
  const status = h("p", { class: "form-status", role: "status" });
  const button = h("button", { type: "button", class: "button", id: "sign-in" }, m(TEXT.signIn));
  button.addEventListener("click", () => {
    button.setAttribute("disabled", "");
    status.textContent = m(TEXT.going);
    beginSignIn(auth).catch(() => {
      button.removeAttribute("disabled");
      status.textContent = m(FAILED.exchange);
    });
  });
  main.append(h("div", { class: "actions" }, button, status));
});
