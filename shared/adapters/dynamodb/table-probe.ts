import { keys } from "./keys.ts";
import type { DynamoTable } from "./table.ts";

/** Readiness: the table answers a read (of an item that never exists). */
export class DynamoTableProbe {
  constructor(private readonly table: DynamoTable) {}

  async ready(): Promise<boolean> {
    try {
      await this.table.get(keys.health, false);
      return true;
    } catch {
      return false;
    }
  }
}
