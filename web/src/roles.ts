import { ROLE_NAMES, type Role } from "../../shared/auth/roles.ts";
import { h } from "./dom.ts";
import { m, type Texts } from "./i18n.ts";
import type { Session } from "./session.ts";

const TEXT = {
  needs: (roles: string) => ({
    sv: `Du kan fylla i formuläret, men att skicka in det kräver rollen ${roles}, som ditt konto inte har. Be en kollega med rollen att skicka in.`,
    en: `You can fill in the form, but sending it needs the ${roles} role, which your account does not have. Ask a colleague with the role to send it.`,
  }),
  and: { sv: " och ", en: " and " },
} satisfies Texts;

/** The roles of `needed` the signed-in person lacks (the API refuses them all the same: ROLE_REQUIRED). */
export function missingRoles(session: Session, needed: readonly Role[]): Role[] {
  return needed.filter((role) => !session.roles.includes(role));
}

/**
 * Offers only what the person may do: without a role the action needs, `button` is disabled and
 * the returned note (to put beside it) says which role and what to do instead.
 */
export function gateByRoles(
  session: Session,
  needed: readonly Role[],
  button: HTMLElement,
): HTMLElement | null {
  const missing = missingRoles(session, needed);
  if (missing.length === 0) return null;
  button.setAttribute("disabled", "");
  button.setAttribute("aria-describedby", "role-needed");
  const names = missing.map((role) => m(ROLE_NAMES[role])).join(m(TEXT.and));
  return h("p", { id: "role-needed", class: "notice notice-info" }, m(TEXT.needs(names)));
}
