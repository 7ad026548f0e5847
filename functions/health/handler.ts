import { tableProbe } from "#shared/composition-root";
import { apiHandler } from "../commons/api-handler.ts";
import { json } from "../commons/responses.ts";

const probe = tableProbe();

/** Ready means the table answers; a 503 tells the load balancer or the local stack to wait. */
export const handler = apiHandler("health", {
  "GET /health": async () =>
    (await probe.ready())
      ? json(200, { status: "ok" })
      : json(503, { status: "unavailable", checks: { table: "down" } }),
});
