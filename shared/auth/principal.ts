import type { Actor } from "../audit.ts";
import { ForbiddenError } from "../errors.ts";

/** Who is calling, from the JWT claims the authorizer (Cognito on AWS, the dev issuer locally) verified. */
export type Principal =
  | { kind: "municipality"; sub: string; email?: string; kommunkod: string }
  /** `agency`: the agency the officer works for; they see and act on its programmes only. */
  | { kind: "officer"; sub: string; email?: string; agency?: string };

export const KOMMUNKOD_CLAIM = "custom:kommunkod";
export const GROUPS_CLAIM = "cognito:groups";
export const OFFICER_GROUP = "officer";
/** The officer's agency, as programmes name it (`agency`, e.g. "kammarkollegiet"). */
export const AGENCY_CLAIM = "custom:agency";

export type Claims = Record<string, string | number | boolean | string[]>;

/** Cognito puts groups in the access token as an array; API Gateway flattens it to "[officer other]". */
function groupsOf(claims: Claims): string[] {
  const raw = claims[GROUPS_CLAIM];
  if (Array.isArray(raw)) return raw;
  if (typeof raw !== "string") return [];
  return raw
    .replace(/^\[|\]$/g, "")
    .split(/[\s,]+/)
    .filter(Boolean);
}

export function principalFromClaims(claims: Claims | undefined): Principal | undefined {
  if (!claims) return undefined;
  const sub = typeof claims.sub === "string" ? claims.sub : undefined;
  if (!sub) return undefined;
  const email = typeof claims.email === "string" ? claims.email : undefined;
  if (groupsOf(claims).includes(OFFICER_GROUP)) {
    const agency = claims[AGENCY_CLAIM];
    const known = typeof agency === "string" && /^[a-z0-9-]{2,40}$/.test(agency);
    return { kind: "officer", sub, ...(email ? { email } : {}), ...(known ? { agency } : {}) };
  }
  const kommunkod = claims[KOMMUNKOD_CLAIM];
  if (typeof kommunkod === "string" && /^\d{4}$/.test(kommunkod)) {
    return { kind: "municipality", sub, kommunkod, ...(email ? { email } : {}) };
  }
  return undefined;
}

export function requireOfficer(principal: Principal): void {
  if (principal.kind !== "officer") {
    throw new ForbiddenError({ sv: "Endast handläggare har tillgång.", en: "Officers only." });
  }
}

/** A municipality may act only for itself; officers may read everyone's. */
export function assertMayRead(principal: Principal, kommunkod: string): void {
  if (principal.kind === "municipality" && principal.kommunkod !== kommunkod) throw new ForbiddenError();
}

export function requireMunicipality(principal: Principal): Extract<Principal, { kind: "municipality" }> {
  if (principal.kind !== "municipality") {
    throw new ForbiddenError({
      sv: "Endast en kommun kan lämna in detta.",
      en: "Only a municipality can submit this.",
    });
  }
  return principal;
}

/** How the audit trail and the records name the caller. */
export function actorOf(principal: Principal): Actor {
  return { sub: principal.sub, kind: principal.kind, ...(principal.email ? { email: principal.email } : {}) };
}
