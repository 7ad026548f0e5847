import { type IsoDate, isIsoDate, stockholmDate } from "../../shared/dates.ts";
import type { AuthConfig } from "./auth.ts";

/**
 * Run-time settings from config.json next to the pages. Nothing secret lives here: a deployment
 * writes where its API is and where to sign in (Cognito's domain and the public client id); the
 * local server adds the moved clock (`npm start -- --today`) and says it is the local stage.
 */
export interface WebConfig {
  /** "" = the API is on the same origin as the pages. */
  apiBase: string;
  /** Local stage only: the Stockholm date the server's clock has been moved to. */
  today?: IsoDate;
  /** Where the hosted sign-in is; without it the pages cannot sign anyone in. */
  auth?: AuthConfig;
  /** Local stage only: the dev issuer signs in (and the forms offer example data). */
  devSignIn?: boolean;
}

let loaded: WebConfig | undefined;

export async function loadConfig(): Promise<WebConfig> {
  if (loaded) return loaded;
  try {
    const res = await fetch("config.json", { cache: "no-store" });
    const raw = (await res.json()) as Partial<WebConfig>;
    loaded = {
      apiBase: typeof raw.apiBase === "string" ? raw.apiBase.replace(/\/$/, "") : "",
      ...(typeof raw.today === "string" && isIsoDate(raw.today) ? { today: raw.today } : {}),
      ...(isAuthConfig(raw.auth)
        ? { auth: { authority: raw.auth.authority.replace(/\/$/, ""), clientId: raw.auth.clientId } }
        : {}),
      ...(raw.devSignIn === true ? { devSignIn: true } : {}),
    };
  } catch {
    loaded = { apiBase: "" };
  }
  return loaded;
}

function isAuthConfig(value: unknown): value is AuthConfig {
  if (typeof value !== "object" || value === null) return false;
  const { authority, clientId } = value as Record<string, unknown>;
  return typeof authority === "string" && /^https?:\/\//.test(authority) && typeof clientId === "string";
}

export function config(): WebConfig {
  return loaded ?? { apiBase: "" };
}

/** Today in Stockholm, as the server counts deadlines and signature dates. */
export function today(): IsoDate {
  return config().today ?? stockholmDate(new Date());
}
