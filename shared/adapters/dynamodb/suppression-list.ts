import type { Suppression, SuppressionList } from "../../mail/ports.ts";
import { keys, suppressedAddressOf } from "./keys.ts";
import type { DynamoTable } from "./table.ts";

/** EMAIL#<address> / SUPPRESSION items, written from SES bounce and complaint events. */
export class DynamoSuppressionList implements SuppressionList {
  constructor(private readonly table: DynamoTable) {}

  async suppressed(addresses: string[]): Promise<Set<string>> {
    const unique = [...new Set(addresses.map((a) => a.toLowerCase()))];
    const found = await this.table.batchGet(unique.map((a) => keys.suppression(a)));
    return new Set(found.map((i) => suppressedAddressOf(String(i.PK))));
  }

  async suppress(s: Suppression): Promise<void> {
    // Put, not conditional: a repeat bounce refreshes reason and time; the key is idempotent.
    await this.table.put({ ...keys.suppression(s.address), reason: s.reason, at: s.at });
  }
}
