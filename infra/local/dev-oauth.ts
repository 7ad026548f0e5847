import { createHash, randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { MUNICIPAL_ROLES, OFFICER_ROLES, ROLE_NAMES, rolesFromClaim } from "../../shared/auth/roles.ts";
import { allRecipients, type RecipientKind, recipientByCode } from "../../shared/recipients/registry.ts";
import { readBody } from "./body.ts";
import { DEV_AUDIENCE, type DevIssuer, type TokenSubject } from "./dev-issuer.ts";

/**
 * The local stand-in for Cognito's hosted sign-in: the same OAuth 2.0 authorization-code flow
 * with PKCE, at the same paths under an "authority" (Cognito: https://<prefix>.auth.<region>.
 * amazoncognito.com; here: <gateway>/dev), so the pages run one sign-in code path on both. The
 * login form is a pick list of municipalities and an officer instead of a password, and the
 * tokens come from the dev issuer.
 *
 *   GET  /dev/oauth2/authorize  the pick list (Cognito: the hosted login page)
 *   POST /dev/oauth2/authorize  the choice → 302 to redirect_uri?code=…&state=…
 *   POST /dev/oauth2/token      code + code_verifier → { id_token, access_token, expires_in }
 *   GET  /dev/logout            → 302 to logout_uri
 */
export const DEV_AUTHORITY_PATH = "/dev";
export const DEV_CLIENT_ID = DEV_AUDIENCE;
const CODE_TTL_MS = 5 * 60_000;
const TOKEN_TTL_SECONDS = 8 * 3600;

interface PendingCode {
  token: string;
  challenge: string;
  redirectUri: string;
  expiresAt: number;
}

export interface DevOAuthOptions {
  issuer: DevIssuer;
  /** Only redirect URIs on the gateway's own origin under this path are accepted (Cognito: the registered callback URLs). */
  redirectPathPrefix: string;
  /** The pages' stylesheet, so the pick list looks like the pages it stands in front of. */
  stylesheet: () => Promise<string | undefined>;
  headers: Record<string, string>;
}

/** An authorize request that passed the checks; echoed into the login form as hidden fields. */
interface AuthorizeParams {
  client_id: string;
  response_type: "code";
  redirect_uri: string;
  code_challenge: string;
  code_challenge_method: "S256";
  state: string;
  scope: string;
}

type Handler = (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<boolean>;

const escapeHtml = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

function oauthError(res: ServerResponse, status: number, error: string, description: string): void {
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" });
  res.end(JSON.stringify({ error, error_description: description }));
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams | undefined> {
  const body = await readBody(req, 8192);
  return body === "too-large" ? undefined : new URLSearchParams(body.toString("utf8"));
}

const s256 = (verifier: string) => createHash("sha256").update(verifier).digest("base64url");

export function createDevOAuth(options: DevOAuthOptions): Handler {
  const codes = new Map<string, PendingCode>();

  /** What Cognito checks before showing its login page; an error here is shown, not redirected. */
  const authorizeRequest = (params: URLSearchParams, origin: string): string | AuthorizeParams => {
    const redirectUri = params.get("redirect_uri") ?? "";
    let redirect: URL;
    try {
      redirect = new URL(redirectUri);
    } catch {
      return "redirect_uri is missing or not a URL";
    }
    if (redirect.origin !== origin || !redirect.pathname.startsWith(options.redirectPathPrefix)) {
      return `redirect_uri must be on ${origin}${options.redirectPathPrefix}`;
    }
    if (params.get("client_id") !== DEV_CLIENT_ID) return `client_id must be ${DEV_CLIENT_ID}`;
    if (params.get("response_type") !== "code") return "response_type must be code";
    if (params.get("code_challenge_method") !== "S256" || !params.get("code_challenge")) {
      return "PKCE with code_challenge_method=S256 is required";
    }
    return {
      client_id: DEV_CLIENT_ID,
      response_type: "code",
      redirect_uri: redirectUri,
      code_challenge: params.get("code_challenge") ?? "",
      code_challenge_method: "S256",
      state: params.get("state") ?? "",
      scope: params.get("scope") ?? "openid",
    };
  };

  const send = (res: ServerResponse, status: number, type: string, body: string) => {
    res.writeHead(status, { "content-type": type, "cache-control": "no-store", ...options.headers });
    res.end(body);
  };

  const loginPage = async (hidden: AuthorizeParams): Promise<string> => {
    const css = await options.stylesheet();
    const inputs = Object.entries(hidden)
      .map(([k, v]) => `<input type="hidden" name="${k}" value="${escapeHtml(v)}">`)
      .join("\n");
    // Each recipient once, under its own kind (Gotland among the municipalities).
    const choices = (kind: RecipientKind) =>
      allRecipients()
        .filter((r) => r.kind === kind)
        .map(
          (r) =>
            `<option value="${r.code}"${r.code === "1281" ? " selected" : ""}>${escapeHtml(r.name)} (${r.code})</option>`,
        )
        .join("\n");
    // A municipality's roles start ticked (one person doing everything, as before roles);
    // attestant does not, so a second officer is a deliberate choice.
    const roleChoices = [...MUNICIPAL_ROLES, ...OFFICER_ROLES]
      .map(
        (role) =>
          `<div><input type="checkbox" id="role-${role}" name="role" value="${role}"${role === "attestant" ? "" : " checked"}> <label for="role-${role}">${escapeHtml(ROLE_NAMES[role].sv)} (${role}${role === "attestant" ? ", handläggare" : ", kommun"})</label></div>`,
      )
      .join("\n");
    return `<!doctype html>
<html lang="sv">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Utvecklingsinloggning – Statsbidrag</title>
<link rel="icon" href="data:,">
${css ? `<link rel="stylesheet" href="${escapeHtml(css)}">` : ""}
</head>
<body>
<header class="site-header"><div class="wrap"><span class="brand">Statsbidrag</span></div></header>
<main id="main" class="wrap">
<h1>Utvecklingsinloggning</h1>
<div class="notice notice-info"><p>Lokal ersättare för Cognitos inloggningssida: välj en kommun eller en handläggare. I drift loggar man in med sitt konto här.</p></div>
<form method="post" action="${DEV_AUTHORITY_PATH}/oauth2/authorize">
${inputs}
<div class="field">
<label for="who">Logga in som</label>
<select id="who" name="who">
<option value="officer">Handläggare (Kammarkollegiet)</option>
<option value="officer-socialstyrelsen">Handläggare (Socialstyrelsen)</option>
<optgroup label="Kommuner">
${choices("municipality")}
</optgroup>
<optgroup label="Regioner">
${choices("region")}
</optgroup>
<optgroup label="Organisationer">
${choices("organisation")}
</optgroup>
</select>
</div>
<fieldset class="field">
<legend>Roller</legend>
${roleChoices}
</fieldset>
<div class="field">
<label for="name">Namn (valfritt)</label>
<input id="name" name="name" autocomplete="off">
</div>
<div class="field">
<label for="title">Titel (valfritt)</label>
<input id="title" name="title" autocomplete="off">
</div>
<div class="actions"><button type="submit" class="button" id="continue">Fortsätt</button></div>
</form>
</main>
</body>
</html>
`;
  };

  return async (req, res, url) => {
    const method = req.method ?? "GET";
    const origin = `http://${req.headers.host ?? url.host}`;
    const path = url.pathname;

    if (path === `${DEV_AUTHORITY_PATH}/oauth2/authorize` && method === "GET") {
      const checked = authorizeRequest(url.searchParams, origin);
      if (typeof checked === "string") send(res, 400, "text/plain; charset=utf-8", `${checked}\n`);
      else send(res, 200, "text/html; charset=utf-8", await loginPage(checked));
      return true;
    }

    if (path === `${DEV_AUTHORITY_PATH}/oauth2/authorize` && method === "POST") {
      const form = (await readForm(req)) ?? new URLSearchParams();
      const checked = authorizeRequest(form, origin);
      if (typeof checked === "string") {
        send(res, 400, "text/plain; charset=utf-8", `${checked}\n`);
        return true;
      }
      const who = form.get("who") ?? "";
      const ticked = form.getAll("role");
      const officerRoles = rolesFromClaim(ticked, OFFICER_ROLES);
      const person = {
        ...(form.get("name")?.trim() ? { name: form.get("name")?.trim() } : {}),
        ...(form.get("title")?.trim() ? { title: form.get("title")?.trim() } : {}),
      };
      // An attestant is a second officer, with an address (and so a sub) of their own.
      const officerEmail = (agency: string) =>
        `${officerRoles.length > 0 ? "attestant" : "handlaggare"}@${agency}.example`;
      const subject: TokenSubject | undefined =
        who === "officer"
          ? {
              officer: true,
              email: officerEmail("kammarkollegiet"),
              agency: "kammarkollegiet",
              roles: officerRoles,
              ...person,
            }
          : who === "officer-socialstyrelsen"
            ? {
                officer: true,
                email: officerEmail("socialstyrelsen"),
                agency: "socialstyrelsen",
                roles: officerRoles,
                ...person,
              }
            : recipientByCode(who)
              ? { kommunkod: who, roles: rolesFromClaim(ticked, MUNICIPAL_ROLES), ...person }
              : undefined;
      if (!subject) {
        send(
          res,
          400,
          "text/plain; charset=utf-8",
          "Choose a municipality, region, organisation or an officer.\n",
        );
        return true;
      }
      const code = randomBytes(24).toString("base64url");
      codes.set(code, {
        token: await options.issuer.mint(subject, TOKEN_TTL_SECONDS),
        challenge: checked.code_challenge,
        redirectUri: checked.redirect_uri,
        expiresAt: Date.now() + CODE_TTL_MS,
      });
      const back = new URL(checked.redirect_uri);
      back.searchParams.set("code", code);
      if (checked.state) back.searchParams.set("state", checked.state);
      res.writeHead(302, { location: back.toString(), "cache-control": "no-store" });
      res.end();
      return true;
    }

    if (path === `${DEV_AUTHORITY_PATH}/oauth2/token` && method === "POST") {
      const form = await readForm(req);
      if (form?.get("grant_type") !== "authorization_code") {
        oauthError(res, 400, "unsupported_grant_type", "grant_type must be authorization_code");
        return true;
      }
      if (form.get("client_id") !== DEV_CLIENT_ID) {
        oauthError(res, 400, "invalid_client", "unknown client_id");
        return true;
      }
      const code = form.get("code") ?? "";
      const pending = codes.get(code);
      // A code is good for one exchange, as with Cognito, whatever the outcome.
      codes.delete(code);
      const verifier = form.get("code_verifier") ?? "";
      if (
        !pending ||
        pending.expiresAt < Date.now() ||
        pending.redirectUri !== form.get("redirect_uri") ||
        s256(verifier) !== pending.challenge
      ) {
        oauthError(res, 400, "invalid_grant", "the code is unknown, used, expired or does not match");
        return true;
      }
      res.writeHead(200, { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" });
      res.end(
        JSON.stringify({
          id_token: pending.token,
          access_token: pending.token,
          token_type: "Bearer",
          expires_in: TOKEN_TTL_SECONDS,
        }),
      );
      return true;
    }

    if (path === `${DEV_AUTHORITY_PATH}/logout` && method === "GET") {
      const target = url.searchParams.get("logout_uri") ?? "";
      let back: URL | undefined;
      try {
        back = new URL(target);
      } catch {
        back = undefined;
      }
      if (
        url.searchParams.get("client_id") !== DEV_CLIENT_ID ||
        !back ||
        back.origin !== origin ||
        !back.pathname.startsWith(options.redirectPathPrefix)
      ) {
        send(res, 400, "text/plain; charset=utf-8", "logout_uri or client_id is not registered\n");
        return true;
      }
      res.writeHead(302, { location: back.toString(), "cache-control": "no-store" });
      res.end();
      return true;
    }
    return false;
  };
}
