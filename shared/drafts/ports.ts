import type { DraftKind, FormDraft } from "./model.ts";

export interface FormDraftStore {
  get(programmeId: string, kommunkod: string, kind: DraftKind): Promise<FormDraft | undefined>;
  /**
   * Writes `draft` if the stored one is at `draft.version - 1` (none, for version 1); false when
   * someone saved meanwhile, so two users never overwrite each other unknowingly.
   */
  put(draft: FormDraft): Promise<boolean>;
  /** Gone afterwards, whether or not it was there. */
  delete(programmeId: string, kommunkod: string, kind: DraftKind): Promise<void>;
}
