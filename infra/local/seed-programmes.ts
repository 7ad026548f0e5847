/**
 * Publishes the seed programmes into the local table at start, through the same write an agency's
 * own programme takes (shared/programmes/publish.ts); a programme already there is left as it is.
 * Functions read programmes from the table only, so without this nothing could be requisitioned.
 * The catalogue read here is uncached on purpose: the composition root's catalogue would keep a
 * "not there" for a minute and hide the programmes from every handler in this process.
 */
import { createDocumentClient } from "../../shared/adapters/dynamodb/client.ts";
import { DynamoProgrammeCatalogue } from "../../shared/adapters/dynamodb/programme-catalogue.ts";
import { DynamoProgrammeStore } from "../../shared/adapters/dynamodb/programme-store.ts";
import { DynamoTable } from "../../shared/adapters/dynamodb/table.ts";
import { loadProgrammes } from "../../shared/programmes/publish.ts";
import { SEED_PROGRAMMES } from "../../shared/programmes/seeds.ts";

/** The ids of the programmes published now (none on a data dir that has them). */
export async function publishSeedProgrammes(tableName: string): Promise<string[]> {
  const db = createDocumentClient();
  try {
    const table = new DynamoTable(db, tableName);
    return await loadProgrammes(
      { programmes: new DynamoProgrammeStore(table), catalogue: new DynamoProgrammeCatalogue(table) },
      SEED_PROGRAMMES,
      { sub: "local-stack", kind: "system" },
      new Date().toISOString(),
    );
  } finally {
    db.destroy();
  }
}
