import { createReadStream } from "node:fs";
import { readdir, stat } from "node:fs/promises";
import type { IncomingMessage, ServerResponse } from "node:http";
import { extname, join, normalize, resolve, sep } from "node:path";
import { MUNICIPAL_ROLES, OFFICER_ROLES, rolesFromClaim } from "../../shared/auth/roles.ts";
import { clockFromEnv, today } from "../../shared/clock.ts";
import { allRecipients, recipientByCode } from "../../shared/recipients/registry.ts";
import { buildWeb, DEFAULT_OUT_DIR } from "../../web/build.ts";
import { contentSecurityPolicy, SECURITY_HEADERS } from "../../web/headers.ts";
import { readBody } from "./body.ts";
import type { DevIssuer } from "./dev-issuer.ts";
import { createDevOAuth, DEV_AUTHORITY_PATH, DEV_CLIENT_ID } from "./dev-oauth.ts";
import type { GatewayOptions } from "./gateway.ts";

/**
 * The web pages on the local gateway, which on AWS are S3 + CloudFront: the built files under
 * /web/ with the same security headers CloudFront adds (web/headers.ts), a config.json saying where
 * the API is (same origin, as on AWS) and where to sign in, a stand-in for Cognito's hosted sign-in
 * (dev-oauth.ts), and for scripts and tests POST /dev/sign-in, which mints a dev-issuer token
 * directly. None of this is in the route table or CDK: it exists only on the local stack.
 */
export const WEB_PREFIX = "/web/";

export interface LocalWebOptions {
  /** Where the pages are built; default web/dist. */
  outDir?: string;
  /** Skip the build and serve what is there (default: build on start). */
  build?: boolean;
}

export interface LocalWeb {
  fallback: NonNullable<GatewayOptions["fallback"]>;
  outDir: string;
  buildMs: number;
}

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
};

function securityHeaders(csp: string): Record<string, string> {
  return { "content-security-policy": csp, ...SECURITY_HEADERS };
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    "cache-control": "no-store",
    ...headers,
  });
  res.end(JSON.stringify(body));
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const body = await readBody(req, 4096);
  if (body === "too-large") return undefined;
  try {
    return JSON.parse(body.toString("utf8"));
  } catch {
    return undefined;
  }
}

const problem = (code: string, sv: string, en: string) => ({ code, message: { sv, en } });

async function devSignIn(req: IncomingMessage, res: ServerResponse, issuer: DevIssuer): Promise<void> {
  const body = (await readJson(req)) as
    | {
        kommunkod?: unknown;
        officer?: unknown;
        email?: unknown;
        ttlSeconds?: unknown;
        roles?: unknown;
        name?: unknown;
        title?: unknown;
      }
    | undefined;
  const ttl =
    typeof body?.ttlSeconds === "number" && Number.isInteger(body.ttlSeconds)
      ? Math.min(Math.max(body.ttlSeconds, 2), 8 * 3600)
      : 8 * 3600;
  const email = typeof body?.email === "string" && body.email.length < 200 ? body.email : undefined;
  // Roles as the token's claim would carry them: absent means the issuer's default (dev-issuer.ts).
  const given = Array.isArray(body?.roles) ? body.roles : undefined;
  const person = {
    ...(typeof body?.name === "string" && body.name.length < 200 ? { name: body.name } : {}),
    ...(typeof body?.title === "string" && body.title.length < 200 ? { title: body.title } : {}),
  };
  let token: string;
  if (body?.officer === true) {
    token = await issuer.mint(
      {
        officer: true,
        email: email ?? "handlaggare@kammarkollegiet.example",
        ...(given ? { roles: rolesFromClaim(given, OFFICER_ROLES) } : {}),
        ...person,
      },
      ttl,
    );
  } else if (typeof body?.kommunkod === "string" && recipientByCode(body.kommunkod)) {
    token = await issuer.mint(
      {
        kommunkod: body.kommunkod,
        ...(email ? { email } : {}),
        ...(given ? { roles: rolesFromClaim(given, MUNICIPAL_ROLES) } : {}),
        ...person,
      },
      ttl,
    );
  } else {
    sendJson(
      res,
      400,
      problem("INVALID_SIGN_IN", "Välj en kommun eller handläggare.", "Choose a municipality or officer."),
    );
    return;
  }
  sendJson(res, 200, { token, expiresAt: new Date(Date.now() + ttl * 1000).toISOString() });
}

async function serveFile(
  req: IncomingMessage,
  res: ServerResponse,
  root: string,
  relativePath: string,
  headers: Record<string, string>,
): Promise<boolean> {
  const file = normalize(join(root, relativePath === "" ? "index.html" : relativePath));
  if (file !== root && !file.startsWith(root + sep)) return false;
  const info = await stat(file).catch(() => undefined);
  if (!info?.isFile()) return false;
  const type = TYPES[extname(file)] ?? "application/octet-stream";
  // Scripts and styles carry a content hash in their names; pages are revalidated.
  const cache = relativePath.startsWith("assets/") ? "public, max-age=31536000, immutable" : "no-cache";
  res.writeHead(200, {
    "content-type": type,
    "content-length": String(info.size),
    "cache-control": cache,
    ...headers,
  });
  if (req.method === "HEAD") {
    res.end();
    return true;
  }
  await new Promise<void>((done, fail) => {
    createReadStream(file).on("error", fail).on("end", done).pipe(res);
  });
  return true;
}

export async function startLocalWeb(
  options: LocalWebOptions & { issuer: DevIssuer; s3Origin: string },
): Promise<LocalWeb> {
  const outDir = resolve(options.outDir ?? DEFAULT_OUT_DIR);
  // A broken page must not keep the API from starting: the error is logged and /web/ says so.
  let buildError: string | undefined;
  let buildMs = 0;
  if (options.build !== false) {
    try {
      buildMs = (await buildWeb({ outDir })).ms;
    } catch (error) {
      buildError = error instanceof Error ? error.message : String(error);
      console.error(`[web] build failed, the pages are not served:\n${buildError}`);
    }
  }
  const headers = securityHeaders(contentSecurityPolicy([new URL(options.s3Origin).origin]));
  const clock = clockFromEnv();
  const oauth = createDevOAuth({
    issuer: options.issuer,
    redirectPathPrefix: WEB_PREFIX,
    headers,
    stylesheet: async () => {
      const css = (await readdir(join(outDir, "assets")).catch(() => [])).find((f) => f.endsWith(".css"));
      return css ? `${WEB_PREFIX}assets/${css}` : undefined;
    },
  });

  const fallback: LocalWeb["fallback"] = async (req, res, url) => {
    const method = req.method ?? "GET";
    const path = url.pathname;
    if (await oauth(req, res, url)) return true;
    if (method === "POST" && path === "/dev/sign-in") {
      await devSignIn(req, res, options.issuer);
      return true;
    }
    if (method !== "GET" && method !== "HEAD") return false;
    if (path === "/" || path === "/web") {
      res.writeHead(302, { location: WEB_PREFIX });
      res.end();
      return true;
    }
    if (path === "/dev/recipients") {
      sendJson(res, 200, { recipients: allRecipients() });
      return true;
    }
    if (!path.startsWith(WEB_PREFIX)) return false;
    if (buildError !== undefined) {
      res.writeHead(503, { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" });
      res.end(`The web build failed (see the npm start output):\n\n${buildError}\n`);
      return true;
    }
    if (path === `${WEB_PREFIX}config.json`) {
      // The local clock may be moved (--today); pages count days and date signatures by it.
      sendJson(
        res,
        200,
        {
          apiBase: "",
          // The same sign-in as on AWS, with this server standing in for Cognito (dev-oauth.ts).
          auth: {
            authority: `http://${req.headers.host ?? url.host}${DEV_AUTHORITY_PATH}`,
            clientId: DEV_CLIENT_ID,
          },
          devSignIn: true,
          ...(process.env.STATSBIDRAG_TODAY ? { today: today(clock) } : {}),
        },
        headers,
      );
      return true;
    }
    let relativePath: string;
    try {
      relativePath = decodeURIComponent(path.slice(WEB_PREFIX.length));
    } catch {
      return false;
    }
    return serveFile(req, res, outDir, relativePath, headers);
  };
  return { fallback, outDir, buildMs };
}
