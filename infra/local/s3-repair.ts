/**
 * Repairs s3rver's on-disk store before s3rver serves it.
 *
 * s3rver 3.7 (lib/stores/filesystem.js) keeps each object as three files next to each other:
 * `<root>/<bucket>/<key dirs>/<last key part>._S3rver_object` (the bytes), `…._S3rver_object.md5`
 * (hex MD5 = the ETag) and `…._S3rver_metadata.json` (content-type and the other stored headers).
 * Size and Last-Modified are not stored: s3rver takes them from the object file's stat. A PUT or
 * POST writes the bytes, then the `.md5`, then the metadata, none of them atomically, and answers
 * only after the last one. A `kill -9` in between leaves an entry that s3rver cannot read; one
 * empty metadata file makes every listing and HEAD bucket answer 500, for good.
 *
 * What is done, per entry:
 * - metadata or `.md5` empty or not readable as such, bytes consistent with what is left (no
 *   valid `.md5`, or one that matches them): the damaged ones are rebuilt from the object file
 *   (MD5 of the bytes; content type application/octet-stream, since the original is lost; size
 *   and mtime stay the object file's own, which is not touched) → "repaired";
 * - bytes that do not match the ETag recorded for them (a write or overwrite cut short), an
 *   object whose metadata was never written (s3rver writes it last, so no client ever got an
 *   answer for it), an object file that cannot be read, and metadata or `.md5` files without an
 *   object → moved, unchanged, to `asideDir`, so nothing is deleted → "moved aside".
 */
import { createHash } from "node:crypto";
import { mkdir, readdir, readFile, rename, stat, writeFile } from "node:fs/promises";
import { dirname, join, relative } from "node:path";

const OBJECT = "._S3rver_object";
const MD5 = "._S3rver_object.md5";
const METADATA = "._S3rver_metadata.json";
/** s3rver keeps unfinished multipart uploads here; they are not objects. */
const UPLOADS_DIR = "._S3rver_uploads";

export interface S3RepairReport {
  /** `<bucket>/<key>` of each object whose metadata was rebuilt. */
  repaired: string[];
  /** `<bucket>/<key>` of each entry whose files were moved aside, with why. */
  movedAside: { key: string; reason: string }[];
  /** Where moved files went (only when something was moved). */
  asideDir?: string;
}

interface Entry {
  /** Path without the s3rver suffix. */
  base: string;
  object: boolean;
  md5: boolean;
  metadata: boolean;
}

async function collect(dir: string, entries: Map<string, Entry>): Promise<void> {
  for (const item of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, item.name);
    if (item.isDirectory()) {
      if (item.name !== UPLOADS_DIR) await collect(path, entries);
      continue;
    }
    const suffix = [MD5, METADATA, OBJECT].find((s) => item.name.endsWith(s));
    if (!suffix) continue;
    const base = path.slice(0, -suffix.length);
    const entry = entries.get(base) ?? { base, object: false, md5: false, metadata: false };
    if (suffix === OBJECT) entry.object = true;
    if (suffix === MD5) entry.md5 = true;
    if (suffix === METADATA) entry.metadata = true;
    entries.set(base, entry);
  }
}

/** The stored metadata if it is what s3rver can parse into headers: a JSON object. */
async function readMetadata(path: string): Promise<Record<string, unknown> | undefined> {
  try {
    const parsed: unknown = JSON.parse(await readFile(path, "utf8"));
    return typeof parsed === "object" && parsed !== null && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

async function readMd5(path: string): Promise<string | undefined> {
  const text = await readFile(path, "utf8").catch(() => "");
  return /^[0-9a-f]{32}$/.test(text) ? text : undefined;
}

type Verdict =
  | { action: "keep" }
  | { action: "repair"; md5: string; metadata: boolean }
  | { action: "aside"; reason: string };

async function judge(entry: Entry): Promise<Verdict> {
  if (!entry.object) return { action: "aside", reason: "no object file" };
  const objectPath = entry.base + OBJECT;
  const objectStat = await stat(objectPath).catch(() => undefined);
  if (!objectStat?.isFile()) return { action: "aside", reason: "object file not readable" };
  if (!entry.metadata) return { action: "aside", reason: "write never completed" };
  const metadata = await readMetadata(entry.base + METADATA);
  const md5 = entry.md5 ? await readMd5(entry.base + MD5) : undefined;
  const md5Damaged = entry.md5 && md5 === undefined;
  // s3rver writes the .md5 after the bytes; one older than the bytes belongs to an earlier write.
  const md5Stale = md5 !== undefined && (await stat(entry.base + MD5)).mtimeMs < objectStat.mtimeMs;
  if (metadata && !md5Damaged && !md5Stale) return { action: "keep" };
  let bytes: Buffer;
  try {
    bytes = await readFile(objectPath);
  } catch {
    return { action: "aside", reason: "object file not readable" };
  }
  const actual = createHash("md5").update(bytes).digest("hex");
  if (md5 !== undefined && md5 !== actual)
    return { action: "aside", reason: "bytes do not match their ETag" };
  if (metadata && !md5Damaged) return { action: "keep" };
  return { action: "repair", md5: actual, metadata: metadata === undefined };
}

async function moveAside(entry: Entry, root: string, asideDir: string): Promise<void> {
  for (const suffix of [OBJECT, MD5, METADATA]) {
    const from = entry.base + suffix;
    const to = join(asideDir, relative(root, from));
    await mkdir(dirname(to), { recursive: true });
    await rename(from, to).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== "ENOENT") throw error;
    });
  }
}

/**
 * Checks every entry under `root` (s3rver's directory) and repairs or moves aside what an
 * unclean stop left behind. Must run while s3rver is not serving `root`.
 */
export async function repairS3Store(
  root: string,
  asideRoot: string,
  now = new Date(),
): Promise<S3RepairReport> {
  const entries = new Map<string, Entry>();
  const rootStat = await stat(root).catch(() => undefined);
  if (rootStat?.isDirectory()) await collect(root, entries);
  const report: S3RepairReport = { repaired: [], movedAside: [] };
  const asideDir = join(asideRoot, now.toISOString().replace(/[:.]/g, "-"));
  for (const entry of entries.values()) {
    const verdict = await judge(entry);
    const key = relative(root, entry.base);
    if (verdict.action === "repair") {
      await writeFile(entry.base + MD5, verdict.md5);
      if (verdict.metadata) {
        await writeFile(
          entry.base + METADATA,
          JSON.stringify({ "content-type": "application/octet-stream" }),
        );
      }
      report.repaired.push(key);
    } else if (verdict.action === "aside") {
      await moveAside(entry, root, asideDir);
      report.movedAside.push({ key, reason: verdict.reason });
      report.asideDir = asideDir;
    }
  }
  return report;
}

function some(keys: string[]): string {
  const shown = keys.slice(0, 3).join(", ");
  return keys.length > 3 ? `${shown} and ${keys.length - 3} more` : shown;
}

/** One plain line per kind of action, none when the store was sound. */
export function describeS3Repair(report: S3RepairReport): string[] {
  const lines: string[] = [];
  const n = report.repaired.length;
  if (n > 0) {
    lines.push(
      `S3 store: rebuilt the metadata of ${n} object${n === 1 ? "" : "s"} left damaged by an unclean stop (${some(report.repaired)}); the bytes are unchanged.`,
    );
  }
  const m = report.movedAside.length;
  if (m > 0) {
    const what = report.movedAside.map((e) => `${e.key}: ${e.reason}`);
    lines.push(
      `S3 store: moved ${m} entr${m === 1 ? "y" : "ies"} that could not be repaired to ${report.asideDir} (${some(what)}).`,
    );
  }
  return lines;
}
