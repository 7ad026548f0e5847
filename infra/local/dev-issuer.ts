import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { exportJWK, generateKeyPair, importJWK, type JWK, type JWTPayload, jwtVerify, SignJWT } from "jose";
import {
  AGENCY_CLAIM,
  GROUPS_CLAIM,
  NAME_CLAIM,
  OFFICER_GROUP,
  RECIPIENT_CLAIM,
  TITLE_CLAIM,
} from "../../shared/auth/principal.ts";
import {
  MUNICIPAL_ROLES,
  type MunicipalRole,
  type OfficerRole,
  ROLES_CLAIM,
} from "../../shared/auth/roles.ts";

/**
 * A development token issuer standing in for Cognito: it signs ID tokens with the same claims
 * (sub, email, name, custom:recipient, custom:agency, custom:roles, custom:title, cognito:groups), and the local gateway verifies them the way the
 * HTTP API JWT authorizer does (signature, expiry, issuer, audience).
 */
export const DEV_ISSUER = "https://statsbidrag.local/dev-issuer";
export const DEV_AUDIENCE = "statsbidrag-local";
export const DEFAULT_KEY_FILE = ".data/dev-issuer-key.json";
const ALG = "ES256";

/**
 * An officer works for one agency (default Kammarkollegiet, which runs the seed SKR programmes).
 * Roles: a municipal user without `roles` holds all three (one person doing everything, as
 * before roles existed); an officer without `roles` is no attestant.
 */
export type TokenSubject = (
  | { kommunkod: string; email?: string; roles?: readonly MunicipalRole[] }
  | { officer: true; email?: string; agency?: string; roles?: readonly OfficerRole[] }
) & { name?: string; title?: string };
export const DEFAULT_AGENCY = "kammarkollegiet";
/** The name and title of a municipal dev token that asks for none. */
export const DEV_PERSON = { name: "Eva Ekström", title: "Ekonomichef" } as const;

export interface DevIssuer {
  mint(subject: TokenSubject, ttlSeconds?: number): Promise<string>;
  verify(token: string): Promise<JWTPayload>;
}

async function keyPair(file: string | undefined): Promise<{ privateJwk: JWK; publicJwk: JWK }> {
  if (file && existsSync(file)) return JSON.parse(readFileSync(file, "utf8"));
  const { privateKey, publicKey } = await generateKeyPair(ALG, { extractable: true });
  const pair = { privateJwk: await exportJWK(privateKey), publicJwk: await exportJWK(publicKey) };
  if (file) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify(pair), { mode: 0o600 });
  }
  return pair;
}

/** With a key file the key survives restarts (tokens printed earlier keep working); without, it lives in memory. */
export async function createDevIssuer(keyFile?: string): Promise<DevIssuer> {
  const { privateJwk, publicJwk } = await keyPair(keyFile);
  const privateKey = await importJWK(privateJwk, ALG);
  const publicKey = await importJWK(publicJwk, ALG);
  return {
    async mint(subject, ttlSeconds = 8 * 3600) {
      const officer = "officer" in subject;
      const sub = officer ? `officer-${subject.email ?? "handlaggare"}` : `kommun-${subject.kommunkod}`;
      const email =
        subject.email ??
        (officer ? "handlaggare@statsbidrag.example" : `registrator@${subject.kommunkod}.example`);
      const roles = officer ? (subject.roles ?? []) : (subject.roles ?? MUNICIPAL_ROLES);
      // A municipal account always has a name and a title, as the forms carry them (README
      // "Roles"): a token asked for without them gets the dev person's.
      const name = subject.name ?? (officer ? undefined : DEV_PERSON.name);
      const title = subject.title ?? (officer ? undefined : DEV_PERSON.title);
      const person = {
        ...(name ? { [NAME_CLAIM]: name } : {}),
        ...(title ? { [TITLE_CLAIM]: title } : {}),
        // Cognito's custom attributes are strings: the roles space-separated.
        ...(roles.length > 0 ? { [ROLES_CLAIM]: roles.join(" ") } : {}),
      };
      const claims: JWTPayload = officer
        ? {
            email,
            [GROUPS_CLAIM]: [OFFICER_GROUP],
            [AGENCY_CLAIM]: subject.agency ?? DEFAULT_AGENCY,
            ...person,
            token_use: "id",
          }
        : { email, [RECIPIENT_CLAIM]: subject.kommunkod, ...person, token_use: "id" };
      return new SignJWT(claims)
        .setProtectedHeader({ alg: ALG })
        .setSubject(sub)
        .setIssuer(DEV_ISSUER)
        .setAudience(DEV_AUDIENCE)
        .setIssuedAt()
        .setExpirationTime(`${ttlSeconds}s`)
        .sign(privateKey);
    },
    async verify(token) {
      const { payload } = await jwtVerify(token, publicKey, {
        issuer: DEV_ISSUER,
        audience: DEV_AUDIENCE,
        algorithms: [ALG],
      });
      return payload;
    },
  };
}
