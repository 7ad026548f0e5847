/** Who did something, as the audit trail and the records name them. */
export interface Actor {
  sub: string;
  email?: string;
  kind: "municipality" | "officer" | "system";
  /** The person's name and title from their account, when the token carries them. */
  name?: string;
  title?: string;
  /** The roles they held when they acted (README "Roles"). */
  roles?: string[];
}

/**
 * How the municipality sees an actor: the party, the person's name, title and roles, never the
 * account id (`sub`) or an officer's address.
 */
export function actorForMunicipality(actor: Actor): ShownActor {
  const { sub: _id, email, ...rest } = actor;
  return actor.kind === "municipality" && email ? { ...rest, email } : rest;
}

/** An actor as a page shows it: officers get the account id, the municipality does not. */
export type ShownActor = Omit<Actor, "sub"> & { sub?: string };

/** An entry of the audit trail as GET /submissions/{id} answers it. */
export type ShownAuditEvent = Omit<AuditEvent, "actor"> & { actor: ShownActor };

/** One entry of the audit trail, kept beside the item it concerns. */
export interface AuditEvent {
  at: string;
  actor: Actor;
  action: string;
  submissionId?: string;
  details: Record<string, unknown>;
}
