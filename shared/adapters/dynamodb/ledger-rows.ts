import type { AllocationState } from "../../submissions/model.ts";
import { partition, sortPrefix } from "./keys.ts";
import { type DynamoTable, strip } from "./table.ts";

/** A programme's allocation rows (only municipalities that have one), consistently read. */
export async function ledgerRows(table: DynamoTable, programmeId: string): Promise<AllocationState[]> {
  const items = await table.queryAll({
    KeyConditionExpression: "PK = :pk AND begins_with(SK, :sk)",
    ExpressionAttributeValues: { ":pk": partition.programme(programmeId), ":sk": sortPrefix.allocation },
    ConsistentRead: true,
  });
  return items.map((i) => strip<AllocationState>(i) as AllocationState);
}
