import type { CurrentProgramme, ProgrammeCatalogue } from "../../programmes/ports.ts";
import type { Programme } from "../../programmes/schema.ts";
import { keys, partition, sortPrefix } from "./keys.ts";
import { type DynamoTable, strip } from "./table.ts";

/** What a programme item holds besides the programme. */
type Stored = Programme & { version?: number; publishedAt?: string };

const programmeOf = (item: Stored | undefined): Programme | undefined => {
  if (!item) return undefined;
  const { version: _version, publishedAt: _at, ...programme } = item;
  return programme;
};

/** The current published version of every programme, in the PROGRAMMES partition. */
export class DynamoProgrammeCatalogue implements ProgrammeCatalogue {
  constructor(private readonly table: DynamoTable) {}

  async get(programmeId: string): Promise<Programme | undefined> {
    return (await this.getVersioned(programmeId))?.programme;
  }

  async getVersioned(programmeId: string): Promise<CurrentProgramme | undefined> {
    if (!/^[a-z0-9-]{3,64}$/.test(programmeId)) return undefined;
    const item = await this.table.get<Stored>(keys.programme(programmeId));
    const programme = programmeOf(item);
    return programme ? { programme, version: item?.version ?? 1 } : undefined;
  }

  async list(): Promise<Programme[]> {
    const items = await this.table.queryAll({
      KeyConditionExpression: "PK = :pk AND begins_with(SK, :sk)",
      ExpressionAttributeValues: { ":pk": partition.programmes, ":sk": sortPrefix.programme },
    });
    return items.map((i) => programmeOf(strip<Stored>(i)) as Programme);
  }
}
