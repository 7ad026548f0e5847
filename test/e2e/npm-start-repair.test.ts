/**
 * A metadata file of s3rver's left empty by an unclean stop (which otherwise makes every listing,
 * and so GET /health's s3 check, answer 500 for good) is repaired when `npm start` starts, said in
 * a plain line, and the accepted file it belongs to is served byte for byte: /health answers 200
 * and "running" is printed.
 */
import { mkdtempSync, rmSync, truncateSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { GetObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { afterAll, describe, expect, it } from "vitest";
import { LOCAL_CREDENTIALS, LOCAL_REGION } from "../../infra/local/emulators.ts";
import { bucketName } from "../../infra/table-definition.ts";
import { smallPdf, uploadWith } from "../helpers/local-stack.ts";
import {
  freeNpmStartPorts,
  type NpmStart,
  npmStartEnv,
  portsClosed,
  spawnNpmStart,
} from "../helpers/npm-start.ts";
import { createRequisition, readSubmission, signIn } from "../helpers/requisition-flow.ts";
import { waitFor } from "../helpers/wait.ts";

const TODAY = "2022-11-20";
const dir = mkdtempSync(join(tmpdir(), "statsbidrag-repair-"));
const dataDir = join(dir, "data");
const started: NpmStart[] = [];

function start(args: string[], env: NodeJS.ProcessEnv): NpmStart {
  const npm = spawnNpmStart(args, env);
  started.push(npm);
  return npm;
}

async function readObject(s3Port: number, key: string): Promise<Buffer> {
  const s3 = new S3Client({
    endpoint: `http://127.0.0.1:${s3Port}`,
    region: LOCAL_REGION,
    credentials: LOCAL_CREDENTIALS,
    forcePathStyle: true,
  });
  try {
    const out = await s3.send(new GetObjectCommand({ Bucket: bucketName("local"), Key: key }));
    return Buffer.from((await out.Body?.transformToByteArray()) ?? []);
  } finally {
    s3.destroy();
  }
}

afterAll(async () => {
  // Only if a test failed before stopping them: never leave a tree running.
  for (const npm of started) npm.ensureStopped();
  rmSync(dir, { recursive: true, force: true });
});

describe("npm start on an S3 store damaged while stopped", () => {
  it("repairs a metadata file left empty while stopped, then says running with /health 200", async () => {
    // Prepare: an accepted original on a data dir, then a clean stop
    const ports = await freeNpmStartPorts();
    const env = npmStartEnv(ports, join(dir, "key.json"));
    const args = ["--data-dir", dataDir, "--today", TODAY];
    const first = start(args, env);
    await first.running();
    const api = `http://localhost:${ports.api}`;
    const token = await signIn(api, "1281", "health@lund.example");
    const created = await createRequisition(api, token, "1281", TODAY);
    const pdf = smallPdf("Signed Bilaga 2, kept through a repair");
    expect(await uploadWith(created.upload, pdf, "signed.pdf", "application/pdf")).toBe(204);
    const accepted = await waitFor(async () => {
      const read = await readSubmission(api, token, created.id);
      return read.submission.status === "received" && read.attachments.find((a) => a.storedKey);
    }, 15_000);
    const storedKey = accepted.storedKey ?? "";
    await first.signalGroup("SIGINT");
    await portsClosed(ports);
    // … and the accepted file's metadata emptied, as a kill -9 in s3rver's write leaves it
    truncateSync(join(dataDir, "s3", bucketName("local"), `${storedKey}._S3rver_metadata.json`), 0);
    // Act
    const second = start(args, env);
    await second.running();
    const health = await fetch(`${api}/health`);
    // Assess
    expect(second.output()).toContain("S3 store: rebuilt the metadata of 1 object");
    expect(second.output()).toContain(storedKey);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ checks: { table: true, s3: true, mail: true } });
    expect((await readObject(ports.s3, storedKey)).equals(Buffer.from(pdf))).toBe(true);
    await second.signalGroup("SIGINT");
    await portsClosed(ports);
  });
});
