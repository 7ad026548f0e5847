import type { Principal } from "../auth/principal.ts";
import { ConflictError, ForbiddenError, NotFoundError } from "../errors.ts";
import { noSuchProgramme } from "../programmes/access.ts";

/** What the programme admin use cases refuse, with stable codes. */
export const refusals = {
  notFound: noSuchProgramme,
  noDraft: () =>
    new NotFoundError({
      sv: "Det finns inget utkast till bidraget.",
      en: "There is no draft of this programme.",
    }),
  otherAgency: () =>
    new ForbiddenError({
      sv: "Du kan bara lägga upp bidrag för din egen myndighet.",
      en: "You can set up programmes of your own agency only.",
    }),
  alreadyPublished: () =>
    new ConflictError("PROGRAMME_ALREADY_PUBLISHED", {
      sv: "Bidraget är redan publicerat. Rätta uppgifter med en ändring (PATCH), inte med ett nytt utkast.",
      en: "The programme is already published. Correct its facts with a change (PATCH), not a new draft.",
    }),
  idTaken: () =>
    new ConflictError("PROGRAMME_ID_TAKEN", {
      sv: "Ett annat bidrag har redan detta id.",
      en: "Another programme already has this id.",
    }),
  changed: () =>
    new ConflictError("PROGRAMME_CHANGED", {
      sv: "Bidraget ändrades samtidigt av någon annan. Läs om det och försök igen.",
      en: "The programme was changed by someone else at the same time. Reload it and try again.",
    }),
};

/** The officer's agency, or 403: an officer account without one sets up nothing. */
export function agencyOf(principal: Principal): string {
  if (principal.kind !== "officer" || !principal.agency) throw refusals.otherAgency();
  return principal.agency;
}
