import { BadRequestError } from "../../errors.ts";
import type { IndexName } from "./keys.ts";
import type { Item } from "./table.ts";

/**
 * Page cursors are the key of the last item returned, encoded opaquely. A cursor is checked
 * before it reaches DynamoDB: it must name the same index and partition as the query it continues.
 */
const CURSOR_KEYS: Record<IndexName, readonly string[]> = {
  GSI1: ["PK", "SK", "GSI1PK", "GSI1SK"],
  GSI2: ["PK", "SK", "GSI2PK", "GSI2SK"],
};

export function encodeCursor(index: IndexName, item: Item): string {
  const key = Object.fromEntries(CURSOR_KEYS[index].map((k) => [k, item[k]]));
  return Buffer.from(JSON.stringify({ i: index, k: key })).toString("base64url");
}

export function decodeCursor(cursor: string, index: IndexName, partition: string): Item {
  const invalid = new BadRequestError("INVALID_CURSOR", {
    sv: "Ogiltig sidmarkör (cursor).",
    en: "Invalid page cursor.",
  });
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    throw invalid;
  }
  const { i, k } = (parsed ?? {}) as { i?: unknown; k?: Record<string, unknown> };
  const names = CURSOR_KEYS[index];
  if (i !== index || !k || Object.keys(k).length !== names.length) throw invalid;
  if (!names.every((n) => typeof k[n] === "string") || k[`${index}PK`] !== partition) throw invalid;
  return k;
}
