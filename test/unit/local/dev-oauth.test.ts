import { createHash } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDevIssuer, type DevIssuer } from "../../../infra/local/dev-issuer.ts";
import { createDevOAuth, DEV_CLIENT_ID } from "../../../infra/local/dev-oauth.ts";

/**
 * The local stand-in for Cognito's hosted sign-in must refuse what Cognito refuses, or the pages'
 * sign-in could pass locally and fail on AWS: PKCE mismatches, reused codes, foreign redirects.
 */
let server: Server;
let issuer: DevIssuer;
let origin: string;

beforeAll(async () => {
  issuer = await createDevIssuer();
  const oauth = createDevOAuth({
    issuer,
    redirectPathPrefix: "/web/",
    headers: {},
    stylesheet: async () => undefined,
  });
  server = createServer((req, res) => {
    void oauth(req, res, new URL(req.url ?? "/", "http://localhost")).then((handled) => {
      if (!handled) res.writeHead(404).end();
    });
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((done) => server.close(() => done())));

const verifier = "a-verifier-of-enough-length-0123456789abcdefghij";
const challenge = createHash("sha256").update(verifier).digest("base64url");

function authorizeParams(overrides: Record<string, string> = {}): URLSearchParams {
  return new URLSearchParams({
    response_type: "code",
    client_id: DEV_CLIENT_ID,
    redirect_uri: `${origin}/web/index.html`,
    state: "s-123",
    code_challenge: challenge,
    code_challenge_method: "S256",
    scope: "openid email profile",
    ...overrides,
  });
}

/** Chooses a user on the login form; returns the redirect Location. */
async function choose(who: string, overrides: Record<string, string> = {}): Promise<URL> {
  const body = authorizeParams(overrides);
  body.set("who", who);
  const res = await fetch(`${origin}/dev/oauth2/authorize`, { method: "POST", body, redirect: "manual" });
  expect(res.status).toBe(302);
  return new URL(res.headers.get("location") ?? "");
}

async function exchange(code: string, codeVerifier = verifier, redirectUri = `${origin}/web/index.html`) {
  const res = await fetch(`${origin}/dev/oauth2/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      grant_type: "authorization_code",
      client_id: DEV_CLIENT_ID,
      code,
      redirect_uri: redirectUri,
      code_verifier: codeVerifier,
    }),
  });
  return { status: res.status, body: (await res.json()) as { id_token?: string; error?: string } };
}

describe("local hosted sign-in (OAuth code flow with PKCE, as Cognito)", () => {
  it("shows the pick list for a valid request and refuses a redirect to another origin", async () => {
    // Act
    const page = await fetch(`${origin}/dev/oauth2/authorize?${authorizeParams()}`);
    const foreign = await fetch(
      `${origin}/dev/oauth2/authorize?${authorizeParams({ redirect_uri: "https://evil.example/web/index.html" })}`,
    );
    // Assess
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<select id="who" name="who">');
    expect(html).toContain('value="s-123"');
    expect(foreign.status).toBe(400);
  });

  it("refuses a request without PKCE", async () => {
    // Act
    const res = await fetch(
      `${origin}/dev/oauth2/authorize?${authorizeParams({ code_challenge_method: "plain" })}`,
    );
    // Assess
    expect(res.status).toBe(400);
  });

  it("returns the state and a code that exchanges once for an ID token of the chosen municipality", async () => {
    // Prepare
    const back = await choose("1281");
    const code = back.searchParams.get("code") ?? "";
    // Act
    const first = await exchange(code);
    const again = await exchange(code);
    // Assess
    expect(back.searchParams.get("state")).toBe("s-123");
    expect(first.status).toBe(200);
    const claims = await issuer.verify(first.body.id_token ?? "");
    expect(claims["custom:recipient"]).toBe("1281");
    expect(again).toEqual({ status: 400, body: expect.objectContaining({ error: "invalid_grant" }) });
  });

  it("refuses a code exchanged with the wrong verifier or another redirect_uri", async () => {
    // Prepare
    const codeA = (await choose("officer")).searchParams.get("code") ?? "";
    const codeB = (await choose("officer")).searchParams.get("code") ?? "";
    // Act
    const wrongVerifier = await exchange(codeA, "another-verifier-of-enough-length-0123456789");
    const wrongRedirect = await exchange(codeB, verifier, `${origin}/web/programmes.html`);
    // Assess
    expect(wrongVerifier.body.error).toBe("invalid_grant");
    expect(wrongRedirect.body.error).toBe("invalid_grant");
  });

  it("refuses an unknown municipality and signs an officer in as an officer", async () => {
    // Prepare
    const body = authorizeParams();
    body.set("who", "9999");
    // Act
    const unknown = await fetch(`${origin}/dev/oauth2/authorize`, {
      method: "POST",
      body,
      redirect: "manual",
    });
    const officer = await exchange((await choose("officer")).searchParams.get("code") ?? "");
    // Assess
    expect(unknown.status).toBe(400);
    const claims = await issuer.verify(officer.body.id_token ?? "");
    expect(claims["cognito:groups"]).toEqual(["officer"]);
  });

  it("logs out only to a registered page of this origin", async () => {
    // Act
    const ok = await fetch(
      `${origin}/dev/logout?client_id=${DEV_CLIENT_ID}&logout_uri=${encodeURIComponent(`${origin}/web/index.html`)}`,
      { redirect: "manual" },
    );
    const foreign = await fetch(
      `${origin}/dev/logout?client_id=${DEV_CLIENT_ID}&logout_uri=${encodeURIComponent("https://evil.example/")}`,
      { redirect: "manual" },
    );
    // Assess
    expect(ok.status).toBe(302);
    expect(ok.headers.get("location")).toBe(`${origin}/web/index.html`);
    expect(foreign.status).toBe(400);
  });
});
