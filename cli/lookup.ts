import { findProgramme, listProgrammes } from "../shared/programmes/catalogue.ts";
import type { Programme } from "../shared/programmes/schema.ts";
import { CliError } from "./io.ts";

/** The programme named on the command line; an unknown id lists the known ones. */
export function programmeOrFail(id: string | undefined): Programme {
  if (!id) throw new CliError("missing programme id", true);
  const programme = findProgramme(id);
  if (!programme) {
    const known = listProgrammes()
      .map((p) => p.id)
      .join(", ");
    throw new CliError(`unknown programme "${id}" (known: ${known})`);
  }
  return programme;
}
