import type { Clock } from "../clock.ts";
import type { ContactStore } from "./ports.ts";

/**
 * The contact register: per municipality, the registry (registrator) address and optionally a
 * named person for state grants. Announcements and reminders go to both, plus the contact address
 * of the municipality's latest submission, so a message reaches someone who knows the matter.
 */
export interface ContactDeps {
  contacts: ContactStore;
  clock: Clock;
}
