import type { Actor } from "../audit.ts";
import { allRecipients, recipientByCode } from "../recipients/registry.ts";
import type { ContactDeps } from "./deps.ts";
import type { ContactEntry } from "./model.ts";

/** "Upplands Väsby" → "upplands-vasby", for the made-up local addresses. */
export function kommunSlug(kommun: string): string {
  return kommun
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}

const SEED_ACTOR: Actor = { sub: "local-seed", kind: "system" };

let slugUses: Map<string, number> | undefined;

/**
 * The clearly fake local registry address, registrator@<kommun-slug>.example. Two names fold to
 * the same slug (Håbo and Habo); those get their kommunkod appended, so every address is unique.
 */
export function seedRegistryAddress(kommunkod: string): string {
  slugUses ??= allRecipients().reduce(
    (uses, m) => uses.set(kommunSlug(m.name), (uses.get(kommunSlug(m.name)) ?? 0) + 1),
    new Map<string, number>(),
  );
  const slug = kommunSlug(recipientByCode(kommunkod)?.name ?? kommunkod);
  return `registrator@${(slugUses.get(slug) ?? 0) > 1 ? `${slug}-${kommunkod}` : slug}.example`;
}

/** Clearly fake registry addresses for every recipient, so the local stack can mail someone. */
export function seedEntries(nowIso: string): ContactEntry[] {
  return allRecipients().map((r) => ({
    kommunkod: r.code,
    kommun: r.name,
    registryEmail: seedRegistryAddress(r.code),
    updatedAt: nowIso,
    updatedBy: SEED_ACTOR,
  }));
}

export async function seedContactsIfEmpty(deps: ContactDeps): Promise<number> {
  if (await deps.contacts.hasContacts()) return 0;
  const at = deps.clock.now().toISOString();
  const entries = seedEntries(at);
  return deps.contacts.saveContacts(entries, {
    at,
    actor: SEED_ACTOR,
    action: "contacts.seeded",
    details: { count: entries.length },
  });
}
