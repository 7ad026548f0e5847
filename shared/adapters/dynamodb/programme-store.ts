import type { AuditEvent } from "../../audit.ts";
import type { ProgrammeOpening } from "../../programmes/opening.ts";
import type { ProgrammeStore } from "../../programmes/ports.ts";
import { auditPut } from "./items.ts";
import { keys, partition } from "./keys.ts";
import type { DynamoTable } from "./table.ts";

/** What officers record about a programme in the table: its opening. */
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
}
