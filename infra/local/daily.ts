import type { ScheduledEvent } from "aws-lambda";
import { createDocumentClient } from "../../shared/adapters/dynamodb/client.ts";
import { DynamoOfficerStore } from "../../shared/adapters/dynamodb/officer-store.ts";
import { clockFromEnv, today } from "../../shared/clock.ts";
import { seedContactsIfEmpty } from "../../shared/contacts/register.ts";
import type { DailyReport } from "../../shared/deadlines/daily.ts";
import { loadFunction } from "./gateway.ts";

/**
 * The local stand-in for the daily schedule: runs the real `daily` handler once at start and
 * again whenever the Stockholm day of the stack's clock changes (checked every minute, so moving
 * STATSBIDRAG_TODAY is picked up). Runs never overlap. Before the first run, an empty contact
 * register is seeded with clearly fake addresses (registrator@<kommun>.example).
 */
export interface DailyRunner {
  /** Runs the job now (after any run in progress), as the schedule would. */
  run(): Promise<DailyReport>;
  stop(): Promise<void>;
}

type DailyHandler = (event: ScheduledEvent) => Promise<DailyReport>;

export async function startDailyRunner(scheduledEvent: () => ScheduledEvent, intervalMs = 60_000) {
  const clock = clockFromEnv();
  const db = createDocumentClient();
  const seeded = await seedContactsIfEmpty({ contacts: new DynamoOfficerStore(db, tableName()), clock });
  if (seeded > 0) console.log(`[daily] contact register seeded with ${seeded} fake registry addresses`);
  const handler = await loadFunction<DailyHandler>("daily");
  let lastDay: string | undefined;
  let queue: Promise<unknown> = Promise.resolve();
  const run = (): Promise<DailyReport> => {
    const next = queue.then(() => {
      lastDay = today(clock);
      return handler(scheduledEvent());
    });
    queue = next.catch(() => undefined);
    return next;
  };
  const onError = (error: unknown) => console.error("[daily]", error);
  await run().catch(onError);
  const timer = setInterval(() => {
    if (today(clock) !== lastDay) run().catch(onError);
  }, intervalMs);
  timer.unref();
  const runner: DailyRunner = {
    run,
    async stop() {
      clearInterval(timer);
      await queue;
      db.destroy();
    },
  };
  return runner;
}

function tableName(): string {
  const name = process.env.TABLE_NAME;
  if (!name) throw new Error("TABLE_NAME is not set; start the daily runner after the stack's environment");
  return name;
}
