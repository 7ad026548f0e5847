/** Who did something, as the audit trail and the records name them. */
export interface Actor {
  sub: string;
  email?: string;
  kind: "municipality" | "officer" | "system";
}

/** One entry of the audit trail, kept beside the item it concerns. */
export interface AuditEvent {
  at: string;
  actor: Actor;
  action: string;
  submissionId?: string;
  details: Record<string, unknown>;
}
