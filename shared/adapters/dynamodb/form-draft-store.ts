import type { DraftKind, FormDraft } from "../../drafts/model.ts";
import type { FormDraftStore } from "../../drafts/ports.ts";
import { keys } from "./keys.ts";
import type { DynamoTable } from "./table.ts";

/** Municipalities' form drafts, each saved over the version it was read at. */
export class DynamoFormDraftStore implements FormDraftStore {
  constructor(private readonly table: DynamoTable) {}

  get(programmeId: string, kommunkod: string, kind: DraftKind): Promise<FormDraft | undefined> {
    return this.table.get<FormDraft>(keys.formDraft(programmeId, kommunkod, kind));
  }

  async put(draft: FormDraft): Promise<boolean> {
    const first = draft.version === 1;
    const reasons = await this.table.transact([
      {
        Put: {
          Item: {
            ...keys.formDraft(draft.programmeId, draft.kommunkod, draft.kind),
            entity: "form-draft",
            ...draft,
          },
          ConditionExpression: first ? "attribute_not_exists(PK)" : "version = :previous",
          ...(first ? {} : { ExpressionAttributeValues: { ":previous": draft.version - 1 } }),
        },
      },
    ]);
    return reasons === undefined;
  }

  async delete(programmeId: string, kommunkod: string, kind: DraftKind): Promise<void> {
    await this.table.transact([{ Delete: { Key: keys.formDraft(programmeId, kommunkod, kind) } }]);
  }
}
