import { signOutUrl } from "./auth.ts";
import { config } from "./config.ts";
import { pageFile } from "./pages.ts";

/**
 * The signed-in user: the ID token in sessionStorage (gone when the tab closes), its claims
 * decoded for display only (the API verifies the token). When the token's exp passes, the page
 * signs out by itself, on a timer and whenever the tab becomes visible again.
 */
export interface Session {
  token: string;
  exp: number;
  role: "municipality" | "officer";
  kommunkod?: string;
  email?: string;
  /** The account's id, to tell the signed-in officer from a proposal's proposer. */
  sub?: string;
  /** custom:roles (README "Roles"): what the pages offer; the API decides. */
  roles: string[];
  /** The person's name and title from their account: what the forms carry as signatory and certifier. */
  name?: string;
  title?: string;
}

const KEY = "statsbidrag.session";
const SIGNED_OUT_KEY = "statsbidrag.signed-out";
let expiryTimer: ReturnType<typeof setTimeout> | undefined;

function decodePart(part: string): Record<string, unknown> {
  const base64 = part.replace(/-/g, "+").replace(/_/g, "/");
  const padded = base64 + "=".repeat((4 - (base64.length % 4)) % 4);
  const bytes = Uint8Array.from(atob(padded), (c) => c.charCodeAt(0));
  return JSON.parse(new TextDecoder().decode(bytes)) as Record<string, unknown>;
}

export function sessionFromToken(token: string): Session | undefined {
  const payload = token.split(".")[1];
  if (!payload) return undefined;
  let claims: Record<string, unknown>;
  try {
    claims = decodePart(payload);
  } catch {
    return undefined;
  }
  const exp = typeof claims.exp === "number" ? claims.exp : 0;
  const groups = claims["cognito:groups"];
  const isOfficer = Array.isArray(groups)
    ? groups.includes("officer")
    : String(groups ?? "").includes("officer");
  const kommunkod = typeof claims["custom:recipient"] === "string" ? claims["custom:recipient"] : undefined;
  const email = typeof claims.email === "string" ? claims.email : undefined;
  const sub = typeof claims.sub === "string" ? claims.sub : undefined;
  const name = typeof claims.name === "string" && claims.name.trim() ? claims.name.trim() : undefined;
  const titleClaim = claims["custom:title"];
  const title = typeof titleClaim === "string" && titleClaim.trim() ? titleClaim.trim() : undefined;
  const rolesClaim = claims["custom:roles"];
  const roles = typeof rolesClaim === "string" ? rolesClaim.split(/[\s,]+/).filter(Boolean) : [];
  if (!isOfficer && !kommunkod) return undefined;
  return {
    token,
    exp,
    role: isOfficer ? "officer" : "municipality",
    ...(kommunkod && !isOfficer ? { kommunkod } : {}),
    ...(email ? { email } : {}),
    ...(sub ? { sub } : {}),
    roles,
    ...(name ? { name } : {}),
    ...(title ? { title } : {}),
  };
}

const expired = (s: Session) => s.exp * 1000 <= Date.now();

export function readSession(): Session | undefined {
  const token = sessionStorage.getItem(KEY);
  if (!token) return undefined;
  const session = sessionFromToken(token);
  if (!session || expired(session)) {
    sessionStorage.removeItem(KEY);
    return undefined;
  }
  return session;
}

export function saveSession(token: string): Session | undefined {
  const session = sessionFromToken(token);
  if (!session || expired(session)) return undefined;
  sessionStorage.setItem(KEY, token);
  return session;
}

/** Thrown by signOut() to stop whatever the page was doing; the page is already navigating away. */
export class SignedOut extends Error {
  constructor() {
    super("signed out");
    this.name = "SignedOut";
  }
}

export function signOut(reason: "expired" | "signed-out"): never {
  sessionStorage.removeItem(KEY);
  // Drafts may hold personal data: they go with the session.
  for (const key of Object.keys(sessionStorage))
    if (key.startsWith("statsbidrag.")) sessionStorage.removeItem(key);
  const auth = config().auth;
  if (reason === "signed-out" && auth) {
    // Ends the hosted sign-in's own session too, else "Logga in" would sign the same person in
    // again without asking. Cognito returns to the registered URL only (no query), so the
    // reason travels in sessionStorage.
    sessionStorage.setItem(SIGNED_OUT_KEY, "1");
    location.assign(signOutUrl(auth));
  } else {
    location.assign(`${pageFile("sign-in")}?reason=${reason}`);
  }
  throw new SignedOut();
}

/** True once after a sign-out that went through the hosted sign-in's logout. */
export function takeSignedOutFlag(): boolean {
  const set = sessionStorage.getItem(SIGNED_OUT_KEY) === "1";
  sessionStorage.removeItem(SIGNED_OUT_KEY);
  return set;
}

/** Signs out when the token expires, even if the page just sits there. */
export function watchExpiry(session: Session): void {
  if (expiryTimer) clearTimeout(expiryTimer);
  const check = () => {
    try {
      if (expired(session)) signOut("expired");
    } catch {
      // signOut throws to stop the caller; here there is nothing to stop.
    }
  };
  // setTimeout takes at most 2^31-1 ms; re-check on wake-up since timers pause in background tabs.
  const ms = Math.min(session.exp * 1000 - Date.now() + 250, 2 ** 31 - 1);
  expiryTimer = setTimeout(check, Math.max(0, ms));
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "visible") check();
  });
}
