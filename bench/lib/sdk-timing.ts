/**
 * Times every DynamoDB call the in-process handlers make, by wrapping the document client's
 * send() for the duration of a phase. The handlers and the bench load the same
 * @aws-sdk/lib-dynamodb module, so the wrapper sees their calls. This separates time spent
 * waiting for DynamoDB Local from time spent in our code, the gateway and the event loop.
 */
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { type LatencySummary, summarize } from "./stats.ts";

export interface SdkTiming {
  summary(): Record<string, LatencySummary & { errors: number }>;
  restore(): void;
}

type Send = (this: DynamoDBDocumentClient, command: object, ...rest: unknown[]) => Promise<unknown>;

export function timeDynamoCalls(): SdkTiming {
  const proto = DynamoDBDocumentClient.prototype as unknown as { send: Send };
  const original = proto.send;
  const samples = new Map<string, { ms: number[]; errors: number }>();
  proto.send = async function timed(this: DynamoDBDocumentClient, command: object, ...rest: unknown[]) {
    const name = command.constructor.name.replace(/Command$/, "");
    const entry = samples.get(name) ?? { ms: [], errors: 0 };
    samples.set(name, entry);
    const started = performance.now();
    try {
      return await original.call(this, command, ...rest);
    } catch (error) {
      entry.errors++;
      throw error;
    } finally {
      if (entry.ms.length < 100_000) entry.ms.push(performance.now() - started);
    }
  };
  return {
    summary() {
      return Object.fromEntries(
        [...samples.entries()].map(([name, s]) => [name, { ...summarize(s.ms), errors: s.errors }]),
      );
    },
    restore() {
      proto.send = original;
    },
  };
}
