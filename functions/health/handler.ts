import { GetCommand } from "@aws-sdk/lib-dynamodb";
import { createDocumentClient } from "#shared/adapters/dynamodb/client";
import { loadConfig } from "#shared/config";
import { apiHandler } from "../commons/api-handler.ts";
import { json } from "../commons/responses.ts";

const config = loadConfig();
const db = createDocumentClient();

/** Ready means the table answers; a 503 tells the load balancer or the local stack to wait. */
export const handler = apiHandler("public", async () => {
  try {
    await db.send(new GetCommand({ TableName: config.TABLE_NAME, Key: { PK: "HEALTH", SK: "HEALTH" } }));
    return json(200, { status: "ok" });
  } catch {
    return json(503, { status: "unavailable", checks: { table: "down" } });
  }
});
