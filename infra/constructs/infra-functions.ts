import type { FunctionDef } from "../routes.ts";

/**
 * Functions that exist only because of infrastructure wiring (no route, no local-stack use), so
 * they live here rather than in the shared route table (infra/routes.ts).
 */
export const INFRA_FUNCTIONS = [
  // SES bounce/complaint events via SNS → marks the addresses as suppressed.
  { name: "mail-events", memoryMb: 256, timeoutSeconds: 10, needs: { table: "readWrite" } },
] as const satisfies readonly FunctionDef[];
