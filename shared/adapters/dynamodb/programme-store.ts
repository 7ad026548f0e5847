import type { AuditEvent } from "../../audit.ts";
import type { ProgrammeDraft } from "../../programmes/draft.ts";
import type { ProgrammeOpening } from "../../programmes/opening.ts";
import type { CurrentProgramme, ProgrammeStore, PublishWrite } from "../../programmes/ports.ts";
import type { Programme } from "../../programmes/schema.ts";
import { auditPut } from "./items.ts";
import { keys, partition } from "./keys.ts";
import { allocationCorrectionOp } from "./ledger-ops.ts";
import type { DynamoTable } from "./table.ts";

/** What officers record about a programme in the table: its draft, published versions and opening. */
export class DynamoProgrammeStore implements ProgrammeStore {
  constructor(private readonly table: DynamoTable) {}

  async getCurrent(programmeId: string): Promise<CurrentProgramme | undefined> {
    const item = await this.table.get<Programme & { version: number; publishedAt: string }>(
      keys.programme(programmeId),
    );
    if (!item) return undefined;
    const { version, publishedAt: _at, ...programme } = item;
    return { programme, version };
  }

  async getVersion(programmeId: string, version: number): Promise<CurrentProgramme | undefined> {
    const item = await this.table.get<Programme & { version: number; publishedAt: string }>(
      keys.programmeVersion(programmeId, version),
    );
    if (!item) return undefined;
    const { version: _v, publishedAt: _at, ...programme } = item;
    return { programme, version };
  }

  getDraft(programmeId: string): Promise<ProgrammeDraft | undefined> {
    return this.table.get<ProgrammeDraft>(keys.programmeDraft(programmeId));
  }

  async saveDraft(draft: ProgrammeDraft, audit: AuditEvent): Promise<boolean> {
    const reasons = await this.table.transact([
      { Put: { Item: { ...keys.programmeDraft(draft.programmeId), entity: "programme-draft", ...draft } } },
      // A published programme has no draft any more: its changes are audited versions.
      {
        ConditionCheck: {
          Key: keys.programme(draft.programmeId),
          ConditionExpression: "attribute_not_exists(PK)",
        },
      },
      auditPut(audit, partition.programme(draft.programmeId)),
    ]);
    return reasons === undefined;
  }

  getOpening(programmeId: string): Promise<ProgrammeOpening | undefined> {
    return this.table.get<ProgrammeOpening>(keys.opening(programmeId));
  }

  async saveOpening(opening: ProgrammeOpening, audit: AuditEvent): Promise<boolean> {
    const reasons = await this.table.transact([
      {
        Put: {
          Item: { ...keys.opening(opening.programmeId), entity: "opening", ...opening },
          ConditionExpression: "attribute_not_exists(PK)",
        },
      },
      auditPut(audit, partition.programme(opening.programmeId)),
    ]);
    return reasons === undefined;
  }

  async publish(w: PublishWrite): Promise<boolean> {
    const { programme: p, version, publishedAt } = w;
    const reasons = await this.table.transact([
      {
        Put: {
          Item: {
            ...keys.programmeVersion(p.id, version),
            entity: "programme-version",
            ...p,
            version,
            publishedAt,
          },
          ConditionExpression: "attribute_not_exists(PK)",
        },
      },
      {
        Put: {
          Item: { ...keys.programme(p.id), entity: "programme", ...p, version, publishedAt },
          // The first version, or the one after the current: two publications never both win.
          ConditionExpression:
            version === 1 ? "attribute_not_exists(PK)" : "attribute_exists(PK) AND version = :previous",
          ...(version === 1 ? {} : { ExpressionAttributeValues: { ":previous": version - 1 } }),
        },
      },
      auditPut(w.audit, partition.programme(p.id)),
      // A corrected allocation moves the ledger row with the version, or neither is written.
      ...(w.ledger ?? []).map((c) => allocationCorrectionOp(p.id, c, publishedAt)),
    ]);
    return reasons === undefined;
  }
}
