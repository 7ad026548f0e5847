import type { Actor } from "../audit.ts";

/** Which form a draft is of: one draft per municipality, programme and form. */
export type DraftKind = "requisition" | "report";
export const DRAFT_KINDS: readonly DraftKind[] = ["requisition", "report"];

/**
 * A form being filled in, kept on the server so the municipality's other users see it and a closed
 * tab loses nothing: the form as far as it goes (any shape: it is checked, never refused, until it
 * is sent), who changed it last and when, and a version each save moves on by one.
 */
export interface FormDraft {
  programmeId: string;
  kommunkod: string;
  kind: DraftKind;
  form: Record<string, unknown>;
  version: number;
  updatedAt: string;
  updatedBy: Actor;
}
