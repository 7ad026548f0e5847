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
  /** A report's certification, while the report stays as certified (README "Roles"). */
  certified?: DraftCertification;
}

/**
 * A certifier's word that the report in the draft is correct: who (their account's name and
 * title, which the report will carry), when, and the draft version they certified. Any save that
 * changes what they vouched for (all but the signature) drops it; the signatory's send takes it.
 */
export interface DraftCertification {
  by: Actor;
  name: string;
  title: string;
  at: string;
  version: number;
}
