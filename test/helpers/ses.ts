/**
 * Stop/restart the shared SES emulator from a test (it runs in the global-setup process, so this
 * goes through its loopback control endpoint, SES_CONTROL_URL). The port stays the same, so
 * AWS_ENDPOINT_URL_SES and clients created earlier keep working after the restart, and mails
 * captured before the stop are still in the store.
 *
 * Always restart in `finally`/`afterEach`, or later test files would run without SES.
 */
import { requireEnv } from "./env.ts";

async function control(action: "stop" | "start"): Promise<void> {
  const res = await fetch(new URL(`/ses/${action}`, requireEnv("SES_CONTROL_URL")), { method: "POST" });
  if (!res.ok) throw new Error(`SES ${action} failed: ${res.status} ${await res.text()}`);
}

export const stopSes = (): Promise<void> => control("stop");
export const startSes = (): Promise<void> => control("start");
