import type { Programme } from "../shared/programmes/schema.ts";
import { SEED_PROGRAMMES, seedProgramme } from "../shared/programmes/seeds.ts";
import { CliError } from "./io.ts";

/**
 * The seed programme named on the command line (the offline commands work on the programmes the
 * repository ships); an unknown id lists the known ones.
 */
export function programmeOrFail(id: string | undefined): Programme {
  if (!id) throw new CliError("missing programme id", true);
  const programme = seedProgramme(id);
  if (!programme) {
    const known = SEED_PROGRAMMES.map((p) => p.id).join(", ");
    throw new CliError(`unknown programme "${id}" (known: ${known})`);
  }
  return programme;
}
