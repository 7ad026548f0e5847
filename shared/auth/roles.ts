import type { Message } from "../errors.ts";

/**
 * What a person may do, carried by their token in `custom:roles` (README "Roles"). In the
 * municipality: the preparer (uppgiftslämnare) fills in and saves drafts, the signatory (behörig
 * företrädare) submits and signs, the certifier (ekonomichef/verksamhetschef) certifies the
 * financial report. At the agency: the attestant attests payments and repayments another officer
 * proposed. One person may hold several.
 */
export const MUNICIPAL_ROLES = ["preparer", "signatory", "certifier"] as const;
export const OFFICER_ROLES = ["attestant"] as const;

export type MunicipalRole = (typeof MUNICIPAL_ROLES)[number];
export type OfficerRole = (typeof OFFICER_ROLES)[number];
export type Role = MunicipalRole | OfficerRole;

/** Cognito custom attributes are strings: the roles separated by spaces, like an OAuth scope. */
export const ROLES_CLAIM = "custom:roles";

/** The role's name in both languages, for refusals and for the audit trail the municipality sees. */
export const ROLE_NAMES: Record<Role, Message> = {
  preparer: { sv: "uppgiftslämnare", en: "preparer" },
  signatory: { sv: "behörig företrädare", en: "signatory" },
  certifier: { sv: "intygare (ekonomichef eller verksamhetschef)", en: "certifier" },
  attestant: { sv: "attestant", en: "attestant" },
};

export const isMunicipalRole = (role: Role): role is MunicipalRole =>
  (MUNICIPAL_ROLES as readonly string[]).includes(role);

/** The known roles of `kind` in a claim; unknown words are dropped, so a typo grants nothing. */
export function rolesFromClaim<R extends Role>(raw: unknown, known: readonly R[]): R[] {
  const words = Array.isArray(raw) ? raw : typeof raw === "string" ? raw.split(/[\s,]+/) : [];
  return known.filter((role) => words.includes(role));
}
