import type { Suppression, SuppressionList } from "../../shared/mail/ports.ts";
import { tick } from "./tick.ts";

/** The suppression list in memory; addresses are kept lower-cased, as the table keys them. */
export class MemorySuppressionList implements SuppressionList {
  readonly addresses = new Set<string>();

  async suppressed(addresses: string[]): Promise<Set<string>> {
    await tick();
    return new Set(addresses.map((a) => a.toLowerCase()).filter((a) => this.addresses.has(a)));
  }

  async suppress(s: Suppression): Promise<void> {
    await tick();
    this.addresses.add(s.address.toLowerCase());
  }
}
