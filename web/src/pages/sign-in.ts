import { ApiError } from "../api.ts";
import { config } from "../config.ts";
import { h } from "../dom.ts";
import { lang, m, T } from "../i18n.ts";
import { boot } from "../layout.ts";
import { pageFile } from "../pages.ts";
import { readSession, saveSession } from "../session.ts";

/**
 * Sign-in. On AWS this is Cognito's hosted sign-in; locally the dev issuer mints a token for a
 * chosen municipality or an officer (POST /dev/sign-in, served by infra/local/web.ts only).
 */
const sv = () => lang() === "sv";

interface Municipality {
  kommunkod: string;
  name: string;
}

function home(role: "municipality" | "officer"): string {
  return pageFile(role === "officer" ? "officer" : "programmes");
}

await boot("sign-in", "none", async ({ main }) => {
  const existing = readSession();
  if (existing) {
    location.replace(home(existing.role));
    return;
  }
  const reason = new URLSearchParams(location.search).get("reason");
  if (reason === "expired" || reason === "signed-out") {
    main.append(
      h(
        "div",
        { class: `notice ${reason === "expired" ? "notice-warning" : "notice-info"}`, role: "status" },
        h("p", {}, m(reason === "expired" ? T.sessionExpired : T.signedOut)),
      ),
    );
  }
  if (!config().devSignIn) {
    main.append(
      h(
        "p",
        {},
        sv()
          ? "Inloggning sker med kommunens eller myndighetens konto. Kontakta er administratör om ni saknar konto."
          : "Sign in with your municipality's or agency's account. Contact your administrator if you have none.",
      ),
    );
    return;
  }
  const res = await fetch("/dev/municipalities", { cache: "no-store" });
  const { municipalities } = (await res.json()) as { municipalities: Municipality[] };
  const select = h(
    "select",
    { id: "who", name: "who", "aria-describedby": "who-hint" },
    h("option", { value: "officer" }, sv() ? "Handläggare (Kammarkollegiet)" : "Officer (Kammarkollegiet)"),
    h(
      "optgroup",
      { label: sv() ? "Kommuner" : "Municipalities" },
      municipalities.map((mu) =>
        h(
          "option",
          { value: mu.kommunkod, selected: mu.kommunkod === "1281" },
          `${mu.name} (${mu.kommunkod})`,
        ),
      ),
    ),
  );
  const status = h("p", { class: "form-status", role: "status" });
  const form = h(
    "form",
    { id: "sign-in-form" },
    h(
      "div",
      { class: "notice notice-info" },
      h(
        "p",
        {},
        sv()
          ? "Lokal utvecklingsinloggning: välj en kommun eller handläggare. I drift sker inloggningen med e-legitimation via myndighetens inloggningstjänst."
          : "Local development sign-in: choose a municipality or an officer. In production, sign-in uses the agency's identity service.",
      ),
    ),
    h(
      "div",
      { class: "field" },
      h("label", { for: "who" }, sv() ? "Logga in som" : "Sign in as"),
      h(
        "p",
        { class: "hint", id: "who-hint" },
        sv() ? "Kommunerna är sorterade efter kommunkod." : "Municipalities are sorted by municipality code.",
      ),
      select,
    ),
    h(
      "div",
      { class: "actions" },
      h("button", { type: "submit", class: "button", id: "sign-in" }, sv() ? "Logga in" : "Sign in"),
      status,
    ),
  );
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    status.textContent = sv() ? "Loggar in…" : "Signing in…";
    const who = select.value;
    try {
      const answer = await fetch("/dev/sign-in", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(who === "officer" ? { officer: true } : { kommunkod: who }),
      });
      if (!answer.ok)
        throw new ApiError(answer.status, "SIGN_IN_FAILED", {
          sv: "Inloggningen misslyckades.",
          en: "Sign-in failed.",
        });
      const { token } = (await answer.json()) as { token: string };
      const session = saveSession(token);
      if (!session) throw new Error("invalid token");
      location.assign(home(session.role));
    } catch (error) {
      status.textContent = error instanceof ApiError ? m(error.userMessage) : String(error);
    }
  });
  main.append(form);
});
