import type { ScheduledEvent } from "aws-lambda";
import { today } from "../../shared/clock.ts";
import { contactDeps } from "../../shared/composition-root.ts";
import { seedContactsIfEmpty } from "../../shared/contacts/seed.ts";
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
  const deps = contactDeps();
  const { clock } = deps;
  const seeded = await seedContactsIfEmpty(deps);
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
    },
  };
  return runner;
}
