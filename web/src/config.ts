import { type IsoDate, isIsoDate, stockholmDate } from "../../shared/dates.ts";

/**
 * Run-time settings from config.json next to the pages. Nothing secret lives here: a deployment
 * writes where its API is; the local server adds the moved clock (`npm start -- --today`) and says
 * that its dev sign-in exists.
 */
export interface WebConfig {
  /** "" = the API is on the same origin as the pages. */
  apiBase: string;
  /** Local stage only: the Stockholm date the server's clock has been moved to. */
  today?: IsoDate;
  /** Local stage only: POST /dev/sign-in mints tokens. */
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
      ...(raw.devSignIn === true ? { devSignIn: true } : {}),
    };
  } catch {
    loaded = { apiBase: "" };
  }
  return loaded;
}

export function config(): WebConfig {
  return loaded ?? { apiBase: "" };
}

/** Today in Stockholm, as the server counts deadlines and signature dates. */
export function today(): IsoDate {
  return config().today ?? stockholmDate(new Date());
}
