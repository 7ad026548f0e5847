/**
 * The floor each function is measured against: a bundle that creates the AWS SDK clients the
 * function bundles (with the constructor options of shared/adapters/*) and, as its one event, makes
 * the first request every function's first event makes, a GetItem on the same table, built with the
 * deploy settings; and what a bundle holds, per package, to say what lies above its floor. Without
 * that request the floor would leave out credential and endpoint resolution and the SDK's lazy
 * parts, which are not ours, and the ratio would charge them to our code.
 */
import { stat } from "node:fs/promises";
import { join } from "node:path";
import { build, type Metafile } from "esbuild";
import { type BundleReport, bundleIncludes } from "../../infra/bundle-report.ts";
import { BUNDLE, ESBUILD_OPTIONS } from "../../infra/constructs/bundling.ts";
import { PROJECT_ROOT } from "../../infra/constructs/statsbidrag-function.ts";
import type { FunctionDef } from "../../infra/routes.ts";
import { TABLE } from "../../infra/table-definition.ts";

/** The SDK clients a function can create, in the order a floor bundle creates them. */
export const CLIENTS = {
  dynamodb: "@aws-sdk/client-dynamodb",
  "lib-dynamodb": "@aws-sdk/lib-dynamodb",
  s3: "@aws-sdk/client-s3",
  ses: "@aws-sdk/client-ses",
} as const;
export type ClientKind = keyof typeof CLIENTS;

/** A key no item has: the floor's GetItem reads nothing, as a first event's lookup of its own item may. */
const FLOOR_KEY = `{ ${TABLE.partitionKey}: "BENCH#FLOOR", ${TABLE.sortKey}: "BENCH#FLOOR" }`;

/** Same constructor options as shared/adapters/*, so the floor pays for the same client set-up. */
function floorSource(clients: readonly ClientKind[]): string {
  const has = (c: ClientKind) => clients.includes(c);
  const lines: string[] = [];
  const made: string[] = [];
  let firstCall = "";
  if (has("dynamodb"))
    lines.push('import { DynamoDBClient, GetItemCommand } from "@aws-sdk/client-dynamodb";');
  if (has("lib-dynamodb"))
    lines.push('import { DynamoDBDocumentClient, GetCommand } from "@aws-sdk/lib-dynamodb";');
  if (has("s3")) lines.push('import { S3Client } from "@aws-sdk/client-s3";');
  if (has("ses")) lines.push('import { SESClient } from "@aws-sdk/client-ses";');
  if (has("dynamodb")) {
    if (has("lib-dynamodb")) {
      lines.push(
        "const table = DynamoDBDocumentClient.from(new DynamoDBClient({ maxAttempts: 3 }), { marshallOptions: { removeUndefinedValues: true } });",
      );
      firstCall = `await table.send(new GetCommand({ TableName: process.env.TABLE_NAME, Key: ${FLOOR_KEY} }));`;
    } else {
      lines.push("const table = new DynamoDBClient({ maxAttempts: 3 });");
      firstCall = `await table.send(new GetItemCommand({ TableName: process.env.TABLE_NAME, Key: { ${TABLE.partitionKey}: { S: "BENCH#FLOOR" }, ${TABLE.sortKey}: { S: "BENCH#FLOOR" } } }));`;
    }
    made.push("table");
  }
  if (has("s3"))
    made.push("new S3Client({ forcePathStyle: Boolean(process.env.AWS_ENDPOINT_URL_S3), maxAttempts: 3 })");
  if (has("ses")) made.push("new SESClient({ maxAttempts: 1 })");
  lines.push(`export const clients = [${made.join(", ")}];`);
  lines.push(`export const handler = async () => { ${firstCall} return { statusCode: 200, body: '' }; };`);
  return lines.join("\n");
}

export async function bundleFloor(clients: readonly ClientKind[], outdir: string) {
  const name = `floor-${clients.join("+") || "empty"}`;
  const outfile = join(outdir, name, BUNDLE.outfile);
  const result = await build({
    absWorkingDir: PROJECT_ROOT,
    stdin: {
      contents: floorSource(clients),
      resolveDir: PROJECT_ROOT,
      sourcefile: `${name}.mjs`,
      loader: "js",
    },
    outfile,
    ...ESBUILD_OPTIONS,
    metafile: true,
    logLevel: "silent",
  });
  return { name, outfile, bytes: (await stat(outfile)).size, metafile: result.metafile };
}

/** Bytes in the output per npm package (or per app folder), from esbuild's metafile. */
export function bytesByPackage(metafile: Metafile): Map<string, number> {
  const totals = new Map<string, number>();
  for (const [file, output] of Object.entries(metafile.outputs)) {
    if (file.endsWith(".map")) continue;
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      const at = input.lastIndexOf("node_modules/");
      let group: string;
      if (at >= 0) {
        const parts = input.slice(at + "node_modules/".length).split("/");
        group = parts[0]?.startsWith("@") ? `${parts[0]}/${parts[1]}` : (parts[0] ?? input);
      } else {
        const parts = input.split("/");
        group = `app:${parts.slice(0, input.includes("/data/") ? 3 : 2).join("/")}`;
      }
      totals.set(group, (totals.get(group) ?? 0) + bytesInOutput);
    }
  }
  return totals;
}

export type Floor = Awaited<ReturnType<typeof bundleFloor>>;

/** The SDK clients a function's bundle includes. */
export function clientsOf(report: BundleReport): ClientKind[] {
  return (Object.keys(CLIENTS) as ClientKind[]).filter((c) => bundleIncludes(report, CLIENTS[c]));
}

export function needsMismatch(def: FunctionDef | undefined, clients: readonly ClientKind[]): string[] {
  if (!def) return [];
  const expected = new Set<ClientKind>();
  if (def.needs.table) expected.add("dynamodb");
  if (def.needs.bucket) expected.add("s3");
  if (def.needs.mail) expected.add("ses");
  const out: string[] = [];
  for (const c of clients)
    if (c !== "lib-dynamodb" && !expected.has(c)) out.push(`bundles ${CLIENTS[c]} but needs no ${c}`);
  for (const c of expected)
    if (!clients.includes(c)) out.push(`needs ${c} but does not bundle ${CLIENTS[c]}`);
  return out;
}
