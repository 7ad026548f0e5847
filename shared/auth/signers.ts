import { ForbiddenError } from "../errors.ts";
import type { Principal } from "./principal.ts";

/**
 * The names a form carries for the people who vouch for it, from their accounts (`name`,
 * `custom:title`), never from what they type: an account without them cannot sign or certify,
 * rather than falling back to free text (README "Roles").
 */
const nameMissing = () =>
  new ForbiddenError(
    {
      sv: "Ditt konto saknar namn, och blanketten ska bära namnet på den som skriver under eller intygar. Be den som administrerar inloggningen att lägga in ditt namn.",
      en: "Your account has no name, and the form must carry the name of whoever signs or certifies it. Ask whoever administers sign-in to add your name.",
    },
    "ACCOUNT_NAME_MISSING",
  );

const titleMissing = () =>
  new ForbiddenError(
    {
      sv: "Ditt konto saknar titel (t.ex. Ekonomichef), och intyget ska bära den. Be den som administrerar inloggningen att lägga in din titel.",
      en: "Your account has no title (e.g. Ekonomichef), and the certification must carry it. Ask whoever administers sign-in to add your title.",
    },
    "ACCOUNT_TITLE_MISSING",
  );

/** The signatory's printed name: the sender's account's. */
export function signatoryName(principal: Principal): string {
  if (!principal.name) throw nameMissing();
  return principal.name;
}

/** The certifier's name and title: the certifying account's. */
export function certifierNames(principal: Principal): { name: string; title: string } {
  if (!principal.name) throw nameMissing();
  if (!principal.title) throw titleMissing();
  return { name: principal.name, title: principal.title };
}
