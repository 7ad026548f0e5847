import type { Principal } from "../../shared/auth/principal.ts";

export type MunicipalPrincipal = Extract<Principal, { kind: "municipality" }> & { email: string };

/**
 * One person of a municipality holding all three municipal roles, as a dev token without --role
 * does, with the name and title the forms take from the account (the signatory, the certifier).
 */
export const municipalPrincipal = (
  kommunkod: string,
  email = `handlaggare@${kommunkod}.example`,
): MunicipalPrincipal => ({
  kind: "municipality",
  sub: `user-${kommunkod}`,
  kommunkod,
  email,
  roles: ["preparer", "signatory", "certifier"],
  name: "Eva Ekström",
  title: "Ekonomichef",
});
