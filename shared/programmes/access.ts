import type { Principal } from "../auth/principal.ts";
import { NotFoundError } from "../errors.ts";
import type { CurrentProgramme, ProgrammeCatalogue } from "./ports.ts";
import type { Programme } from "./schema.ts";

/**
 * Whether the caller may see a programme: a recipient (municipality, region, organisation) sees
 * the programmes whose Bilaga 1 names it, with its own position in them; an officer only their own
 * agency's. An officer without an agency claim sees none, so a misconfigured account fails closed.
 */
export function maySee(principal: Principal, programme: Pick<Programme, "agency" | "allocations">): boolean {
  return principal.kind === "municipality"
    ? programme.allocations.some((a) => a.kommunkod === principal.kommunkod)
    : principal.agency === programme.agency;
}

/** 404 for a programme that is not there, or not the caller's to see. */
export const noSuchProgramme = () =>
  new NotFoundError({ sv: "Bidraget finns inte.", en: "No such programme." });

/** The published programme the caller may see, or 404: another agency's programme is not there for them. */
export async function programmeFor(
  catalogue: ProgrammeCatalogue,
  principal: Principal,
  programmeId: string,
): Promise<Programme> {
  const programme = await catalogue.get(programmeId);
  if (!programme || !maySee(principal, programme)) throw noSuchProgramme();
  return programme;
}

/**
 * The same, with the number of the version read: what a submission validates against, and what its
 * write requires to be still current.
 */
export async function versionedProgrammeFor(
  catalogue: ProgrammeCatalogue,
  principal: Principal,
  programmeId: string,
): Promise<CurrentProgramme> {
  const current = await catalogue.getVersioned(programmeId);
  if (!current || !maySee(principal, current.programme)) throw noSuchProgramme();
  return current;
}

/** The programmes the caller may see. */
export async function programmesFor(
  catalogue: ProgrammeCatalogue,
  principal: Principal,
): Promise<Programme[]> {
  return (await catalogue.list()).filter((p) => maySee(principal, p));
}
