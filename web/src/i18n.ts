import type { Message } from "../../shared/errors.ts";

/**
 * Swedish by default, English on request. The choice is kept in localStorage (it is not personal
 * data) and applies to every page. API messages already come as { sv, en }; the texts every page
 * shares are the dictionary below, and each module keeps its own beside the code that shows them.
 */
export type Lang = "sv" | "en";
export type Msg = Message;
const KEY = "statsbidrag.lang";

export function lang(): Lang {
  try {
    return localStorage.getItem(KEY) === "en" ? "en" : "sv";
  } catch {
    return "sv";
  }
}

export function setLang(value: Lang): void {
  localStorage.setItem(KEY, value);
}

/** The text of a { sv, en } message in the current language. */
export function m(message: Msg): string {
  return message[lang()];
}

/**
 * A module's own texts: fixed ones as { sv, en }, ones with values as small functions returning
 * { sv, en }, so both languages of a text are always written side by side.
 */
export type Texts = Record<string, Msg | ((...args: never[]) => Msg)>;

export const T = {
  appName: { sv: "Statsbidrag", en: "State grants" },
  skip: { sv: "Hoppa till huvudinnehållet", en: "Skip to main content" },
  switchLanguage: { sv: "English", en: "Svenska" },
  switchLanguageLabel: { sv: "Switch to English", en: "Byt till svenska" },
  signOut: { sv: "Logga ut", en: "Sign out" },
  signedInAs: { sv: "Inloggad som", en: "Signed in as" },
  officer: { sv: "Handläggare", en: "Officer" },
  mainNav: { sv: "Huvudmeny", en: "Main menu" },
  loading: { sv: "Laddar…", en: "Loading…" },
  sessionExpired: {
    sv: "Din session har gått ut. Logga in igen.",
    en: "Your session has expired. Please sign in again.",
  },
  signedOut: { sv: "Du är utloggad.", en: "You are signed out." },
  error: { sv: "Något gick fel", en: "Something went wrong" },
  networkError: {
    sv: "Tjänsten gick inte att nå. Kontrollera anslutningen och försök igen.",
    en: "The service could not be reached. Check your connection and try again.",
  },
  requestId: { sv: "Ärende-id för support", en: "Request id for support" },
  footer: {
    sv: "Statsbidrag till kommuner – rekvisition och ekonomisk redovisning enligt Bilaga 2.",
    en: "State grants to municipalities – requisition and financial report (Bilaga 2).",
  },
  yes: { sv: "Ja", en: "Yes" },
  no: { sv: "Nej", en: "No" },
  none: { sv: "Inga", en: "None" },
  back: { sv: "Tillbaka", en: "Back" },
  days: { sv: "dagar", en: "days" },
  optional: { sv: "(frivillig)", en: "(optional)" },
} as const satisfies Record<string, Msg>;

export function t(key: keyof typeof T): string {
  return m(T[key]);
}
