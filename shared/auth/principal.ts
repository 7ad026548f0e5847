import type { Actor } from "../audit.ts";
import { ForbiddenError } from "../errors.ts";
import {
  isMunicipalRole,
  MUNICIPAL_ROLES,
  type MunicipalRole,
  OFFICER_ROLES,
  type OfficerRole,
  ROLE_NAMES,
  ROLES_CLAIM,
  type Role,
  rolesFromClaim,
} from "./roles.ts";

/**
 * Who is calling, from the JWT claims the authorizer (Cognito on AWS, the dev issuer locally)
 * verified. `roles` absent means none (principalFromClaims always sets it); `name` and `title` are
 * the person's own, from their account, for the certification and the audit trail. The first kind
 * is any recipient's account (a municipality's, a region's or SKR's, by its code), the kind the
 * forms were first written for.
 */
export type Principal =
  | {
      kind: "municipality";
      sub: string;
      email?: string;
      kommunkod: string;
      roles?: readonly MunicipalRole[];
      name?: string;
      title?: string;
    }
  /** `agency`: the agency the officer works for; they see and act on its programmes only. */
  | {
      kind: "officer";
      sub: string;
      email?: string;
      agency?: string;
      roles?: readonly OfficerRole[];
      name?: string;
      title?: string;
    };

/**
 * The body a non-officer account acts for: its recipient code (shared/recipients/registry.ts), a
 * municipality's kommunkod, a region's 00LL or an organisation's 9NNN. The principal keeps it as
 * `kommunkod`, the name every table key and reference uses for it.
 */
export const RECIPIENT_CLAIM = "custom:recipient";
export const GROUPS_CLAIM = "cognito:groups";
export const OFFICER_GROUP = "officer";
/** The officer's agency, as programmes name it (`agency`, e.g. "kammarkollegiet"). */
export const AGENCY_CLAIM = "custom:agency";
/** The person's name (Cognito's standard attribute) and job title (e.g. "Ekonomichef"). */
export const NAME_CLAIM = "name";
export const TITLE_CLAIM = "custom:title";

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
  const person = { ...text(claims, NAME_CLAIM, "name"), ...text(claims, TITLE_CLAIM, "title") };
  if (groupsOf(claims).includes(OFFICER_GROUP)) {
    const agency = claims[AGENCY_CLAIM];
    const known = typeof agency === "string" && /^[a-z0-9-]{2,40}$/.test(agency);
    const roles = rolesFromClaim(claims[ROLES_CLAIM], OFFICER_ROLES);
    return {
      kind: "officer",
      sub,
      ...(email ? { email } : {}),
      ...(known ? { agency } : {}),
      roles,
      ...person,
    };
  }
  const kommunkod = claims[RECIPIENT_CLAIM];
  if (typeof kommunkod === "string" && /^\d{4}$/.test(kommunkod)) {
    const roles = rolesFromClaim(claims[ROLES_CLAIM], MUNICIPAL_ROLES);
    return { kind: "municipality", sub, kommunkod, ...(email ? { email } : {}), roles, ...person };
  }
  return undefined;
}

/** A printable claim of at most 200 characters, or nothing: a name is shown, never trusted as markup. */
function text<K extends string>(claims: Claims, claim: string, key: K): Partial<Record<K, string>> {
  const value = claims[claim];
  if (typeof value !== "string") return {};
  const trimmed = value.trim();
  return trimmed.length > 0 && trimmed.length <= 200 && !/[\p{Cc}]/u.test(trimmed)
    ? ({ [key]: trimmed } as Partial<Record<K, string>>)
    : {};
}

export function hasRole(principal: Principal, role: Role): boolean {
  return (principal.roles as readonly Role[] | undefined)?.includes(role) ?? false;
}

/**
 * 403 ROLE_REQUIRED naming the first of `roles` the caller lacks. Only roles of the caller's own
 * kind are checked: an officer on a municipality's route is refused as before, by the route's own
 * check that only a municipality may do this, not told to fetch a municipal role.
 */
export function requireRoles(principal: Principal, roles: readonly Role[]): void {
  const ownKind = roles.filter((r) => isMunicipalRole(r) === (principal.kind === "municipality"));
  const missing = ownKind.find((role) => !hasRole(principal, role));
  if (!missing) return;
  const name = ROLE_NAMES[missing];
  throw new ForbiddenError(
    {
      sv: `Det här kräver rollen ${name.sv}, som ditt konto inte har.`,
      en: `This needs the ${name.en} role, which your account does not have.`,
    },
    "ROLE_REQUIRED",
    { role: missing },
  );
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

/** How the audit trail and the records name the caller: who, with their name and roles when known. */
export function actorOf(principal: Principal): Actor {
  const roles = principal.roles ?? [];
  return {
    sub: principal.sub,
    kind: principal.kind,
    ...(principal.email ? { email: principal.email } : {}),
    ...(principal.name ? { name: principal.name } : {}),
    ...(principal.title ? { title: principal.title } : {}),
    ...(roles.length > 0 ? { roles: [...roles] } : {}),
  };
}
