import type { Actor } from "../audit.ts";
import { checkedProgramme } from "./catalogue.ts";
import type { ProgrammeCatalogue, ProgrammeStore } from "./ports.ts";
import type { Programme } from "./schema.ts";

/**
 * Loads programmes that are not in the table yet as their first published version: the local
 * stack and the tests do this with the seed programmes, through the same write an agency's
 * programme takes. A programme already there is left as it is.
 */
export async function loadProgrammes(
  deps: { programmes: ProgrammeStore; catalogue: ProgrammeCatalogue },
  programmes: readonly Programme[],
  actor: Actor,
  at: string,
): Promise<string[]> {
  const loaded: string[] = [];
  for (const programme of programmes) {
    if (await deps.catalogue.get(programme.id)) continue;
    const published = await deps.programmes.publish({
      programme: checkedProgramme(programme),
      version: 1,
      publishedAt: at,
      audit: { at, actor, action: "programme.published", details: { programmeId: programme.id, version: 1 } },
    });
    if (published) loaded.push(programme.id);
  }
  return loaded;
}
