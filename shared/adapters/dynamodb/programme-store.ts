import type { AuditEvent } from "../../audit.ts";
import type { ProgrammeOpening } from "../../programmes/opening.ts";
import type { ProgrammeStore, PublishWrite } from "../../programmes/ports.ts";
import { auditPut } from "./items.ts";
import { keys, partition } from "./keys.ts";
import type { DynamoTable } from "./table.ts";

/** What officers record about a programme in the table: its published versions and its opening. */
export class DynamoProgrammeStore implements ProgrammeStore {
  constructor(private readonly table: DynamoTable) {}

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
    ]);
    return reasons === undefined;
  }
}
