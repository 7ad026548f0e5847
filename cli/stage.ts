import { awsEnvFor, localStageEnv } from "../infra/local/emulators.ts";
import { destroyClients } from "../shared/composition-root.ts";
import { CliError } from "./io.ts";

export interface Stage {
  name: string;
  local: boolean;
  /** Where the table is, for messages: the emulator's URL, or AWS. */
  where: string;
}

/**
 * The stage the CLI works on. A local stage (the default) is the stack `npm start` runs: the
 * environment is set as the local stack sets it for its functions (DynamoDB Local on
 * DYNAMODB_PORT, default 8000, and the emulators' account and region, which DynamoDB Local keeps
 * its tables under), so the composition root builds the same clients for the CLI. Elsewhere
 * (STATSBIDRAG_STAGE=dev|prod …) the SDK's own configuration (profile, region) and the
 * deployed names (TABLE_NAME …) apply.
 */
export function useStage(env: NodeJS.ProcessEnv = process.env): Stage {
  const name = env.STATSBIDRAG_STAGE ?? "local";
  const local = name === "local" || name === "test";
  if (!local) return { name, local, where: "AWS" };
  const dynamodb =
    env.AWS_ENDPOINT_URL_DYNAMODB ?? env.AWS_ENDPOINT_URL ?? `http://127.0.0.1:${env.DYNAMODB_PORT ?? 8000}`;
  const names = localStageEnv(name, env.MAIL_FROM);
  Object.assign(env, awsEnvFor({ dynamodb }), {
    ...names,
    TABLE_NAME: env.TABLE_NAME ?? names.TABLE_NAME,
    BUCKET_NAME: env.BUCKET_NAME ?? names.BUCKET_NAME,
    // The configuration every function reads demands it; no CLI command checks uploads, and the
    // local stack scans with its GuardDuty stand-in unless told otherwise.
    MALWARE_SCAN: env.MALWARE_SCAN ?? "guardduty",
  });
  return { name, local, where: dynamodb };
}

/** Runs the work, turns "the table is not there" into one line a person can act on, and closes the clients. */
export async function withTable<T>(stage: Stage, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const name = error instanceof Error ? error.name : "";
    const code = (error as { code?: string }).code ?? "";
    if (name === "ResourceNotFoundException" || code === "ECONNREFUSED" || name === "TimeoutError") {
      const table = process.env.TABLE_NAME ?? "(TABLE_NAME unset)";
      throw new CliError(
        `cannot use table ${table} at ${stage.where}${stage.local ? " (is `npm start` running?)" : ""}`,
      );
    }
    throw error;
  } finally {
    destroyClients();
  }
}
