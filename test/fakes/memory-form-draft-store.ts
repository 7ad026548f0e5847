import type { DraftKind, FormDraft } from "../../shared/drafts/model.ts";
import type { FormDraftStore } from "../../shared/drafts/ports.ts";

/** Drafts in a map, with the same rule as the table: a save lands only on the version it read. */
export class MemoryFormDraftStore implements FormDraftStore {
  private readonly drafts = new Map<string, FormDraft>();

  private key(programmeId: string, kommunkod: string, kind: DraftKind) {
    return `${programmeId}|${kommunkod}|${kind}`;
  }

  async get(programmeId: string, kommunkod: string, kind: DraftKind) {
    const found = this.drafts.get(this.key(programmeId, kommunkod, kind));
    return found ? structuredClone(found) : undefined;
  }

  async put(draft: FormDraft) {
    const key = this.key(draft.programmeId, draft.kommunkod, draft.kind);
    if ((this.drafts.get(key)?.version ?? 0) !== draft.version - 1) return false;
    this.drafts.set(key, structuredClone(draft));
    return true;
  }

  async delete(programmeId: string, kommunkod: string, kind: DraftKind) {
    this.drafts.delete(this.key(programmeId, kommunkod, kind));
  }
}
