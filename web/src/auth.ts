import { pageFile } from "./pages.ts";

/**
 * Sign-in with Cognito's hosted UI: OAuth 2.0 authorization code with PKCE, the flow for a public
 * client that keeps no secret. Locally the gateway plays Cognito at the same paths
 * (infra/local/dev-oauth.ts), so this is the one sign-in code path. The pages keep the ID token
 * (it carries custom:recipient and cognito:groups, which the API's authorizer reads).
 */
export interface AuthConfig {
  /** Cognito: https://<prefix>.auth.<region>.amazoncognito.com; locally <gateway>/dev. */
  authority: string;
  clientId: string;
}

const PENDING_KEY = "statsbidrag.oauth";

interface Pending {
  state: string;
  verifier: string;
}

const base64url = (bytes: Uint8Array) =>
  btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, "-")
    .replace(/\//g, "_")
    .replace(/=+$/, "");

const randomString = (bytes: number) => base64url(crypto.getRandomValues(new Uint8Array(bytes)));

/** The sign-in page's own address: the callback and sign-out URL registered with Cognito. */
export function redirectUri(): string {
  return new URL(pageFile("sign-in"), location.href).toString().replace(/[?#].*$/, "");
}

/** Sends the browser to the hosted sign-in; it comes back to the sign-in page with ?code&state. */
export async function beginSignIn(auth: AuthConfig): Promise<void> {
  const pending: Pending = { state: randomString(16), verifier: randomString(32) };
  sessionStorage.setItem(PENDING_KEY, JSON.stringify(pending));
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(pending.verifier));
  const url = new URL(`${auth.authority}/oauth2/authorize`);
  url.search = new URLSearchParams({
    response_type: "code",
    client_id: auth.clientId,
    redirect_uri: redirectUri(),
    scope: "openid email profile",
    state: pending.state,
    code_challenge: base64url(new Uint8Array(digest)),
    code_challenge_method: "S256",
  }).toString();
  location.assign(url.toString());
}

export class SignInError extends Error {
  constructor(readonly reason: "state" | "denied" | "exchange") {
    super(`sign-in failed: ${reason}`);
    this.name = "SignInError";
  }
}

/**
 * Finishes the flow on return: the state must be the one this tab sent (else the code may be an
 * attacker's), then the code and verifier are exchanged for tokens. Returns the ID token.
 */
export async function completeSignIn(auth: AuthConfig, params: URLSearchParams): Promise<string> {
  const raw = sessionStorage.getItem(PENDING_KEY);
  sessionStorage.removeItem(PENDING_KEY);
  if (params.has("error")) throw new SignInError("denied");
  const pending = raw ? (JSON.parse(raw) as Pending) : undefined;
  const code = params.get("code");
  if (!pending || !code || params.get("state") !== pending.state) throw new SignInError("state");
  const res = await fetch(`${auth.authority}/oauth2/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      grant_type: "authorization_code",
      client_id: auth.clientId,
      code,
      redirect_uri: redirectUri(),
      code_verifier: pending.verifier,
    }),
  });
  const body = (await res.json().catch(() => ({}))) as { id_token?: unknown };
  if (!res.ok || typeof body.id_token !== "string") throw new SignInError("exchange");
  return body.id_token;
}

/** Cognito's logout ends its own session too; it sends the browser back to the sign-in page. */
export function signOutUrl(auth: AuthConfig): string {
  const url = new URL(`${auth.authority}/logout`);
  url.search = new URLSearchParams({ client_id: auth.clientId, logout_uri: redirectUri() }).toString();
  return url.toString();
}
