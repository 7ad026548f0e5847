/**
 * Hostile input corpus against the running API (the local stack in this worker, on the global
 * setup's DynamoDB Local and SES emulator): malformed and oversized bodies, wrong types, forged
 * tokens, other municipalities' ids, path tricks and hostile uploads. Every refused request must
 * get the right 4xx, never a 5xx, and must leave the table exactly as it was.
 *
 * Requests go through node:http with a fresh connection each (agent: false), so one case cannot
 * disturb the next through a shared keep-alive socket, and bodies, paths and headers reach the
 * gateway byte for byte (fetch would add a content type and normalise paths).
 *
 * Cases marked `bug` document a defect found by this corpus; they run as `it.fails` until fixed.
 */
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { request as httpRequest, type IncomingHttpHeaders } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DynamoDBClient, GetItemCommand, ScanCommand } from "@aws-sdk/client-dynamodb";
import { GetObjectCommand, HeadObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { exportJWK, generateKeyPair, importJWK, type JWK, type JWTPayload, SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEV_AUDIENCE, DEV_ISSUER } from "../../infra/local/dev-issuer.ts";
import { LOCAL_CREDENTIALS, LOCAL_REGION } from "../../infra/local/emulators.ts";
import { type LocalStack, startLocalStack } from "../../infra/local/stack.ts";
import { tableName } from "../../infra/table-definition.ts";
import { type RequisitionForm, sampleRequisition } from "../../shared/forms/index.ts";
import { findProgramme } from "../../shared/programmes/catalogue.ts";
import type { UploadSlot } from "../../shared/submissions/upload-slot.ts";
import { HOSTILE_FILES, type HostileFile } from "../fixtures/hostile/files.ts";
import { requireEnv } from "../helpers/env.ts";
import { smallPdf, uploadWith } from "../helpers/local-stack.ts";
import { mailsTo } from "../helpers/mail.ts";
import { waitFor } from "../helpers/wait.ts";

const PROGRAMME = "skr-aldreomsorg-2022";
const programme = (() => {
  const found = findProgramme(PROGRAMME);
  if (!found) throw new Error(`${PROGRAMME} missing`);
  return found;
})();
const TODAY = "2022-11-20";
/**
 * This file's stack starts its own in-memory DynamoDB Local (a few seconds): other files move the
 * clock and lapse rights on the shared one, and "nothing stored" is checked on the whole table.
 */
const STAGE = "local";
const VICTIM = "1880"; // Örebro: every refused request is made in its name
const ATTACKER = "0180"; // Stockholm: tries to reach the owner's submission
const OWNER = "0181"; // Södertälje
/** One municipality per hostile file, so the uploads can run side by side. */
const UPLOADERS = ["0182", "2021", "2023", "2026", "2029", "2031", "2034", "2039", "2061", "2062"];
const REPLAYER = "0183"; // Danderyd: replayed presigned POSTs
/** One municipality per accepted case: each may requisition its base share once. */
const ACCEPTING = ["1881", "1882", "1883", "1884", "1885", "1860", "1861", "1862", "1863"];
/** One municipality per known-bug case that is (wrongly) accepted today. */
const BUGGY = ["1904", "1907", "1960", "1961", "1962"];
/** Small, so the over-size upload stays fast; the policy and the check both read it. */
const UPLOAD_MAX_BYTES = 256 * 1024;

const REQUISITIONS = `/programmes/${PROGRAMME}/requisitions`;

let stack: LocalStack;
let keyDir: string;
let db: DynamoDBClient;
let s3: S3Client;
const tokens = new Map<string, string>();
const ids = new Map<string, string>();

// ── HTTP without fetch's help ─────────────────────────────────────────────────────────────────

interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
  body: Record<string, unknown>;
}

function send(
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: Uint8Array,
): Promise<RawResponse> {
  const port = Number(new URL(stack.apiUrl).port);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: "127.0.0.1",
        port,
        method,
        path,
        agent: false,
        timeout: 15_000,
        headers: { ...headers, ...(body ? { "content-length": String(body.length) } : {}) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8");
          let parsed: Record<string, unknown> = {};
          try {
            parsed = text ? (JSON.parse(text) as Record<string, unknown>) : {};
          } catch {
            parsed = { unparsable: text.slice(0, 200) };
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, body: parsed });
        });
        res.on("error", reject);
      },
    );
    req.on("timeout", () => req.destroy(new Error(`${method} ${path.slice(0, 80)} timed out`)));
    // A server may answer (413) before it has read the whole body; the write error that follows
    // is not the answer.
    req.on("error", (error) => reject(error));
    req.end(body ? Buffer.from(body) : undefined);
  });
}

async function itemCount(): Promise<number> {
  let count = 0;
  let start: Record<string, never> | undefined;
  for (let page = 0; page < 100; page++) {
    const out = await db.send(
      new ScanCommand({
        TableName: tableName(STAGE),
        Select: "COUNT",
        ConsistentRead: true,
        ...(start ? { ExclusiveStartKey: start } : {}),
      }),
    );
    count += out.Count ?? 0;
    start = out.LastEvaluatedKey as Record<string, never> | undefined;
    if (!start) break;
  }
  return count;
}

// ── Tokens ────────────────────────────────────────────────────────────────────────────────────

const b64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");

async function mintTokens(): Promise<void> {
  const { privateJwk, publicJwk } = JSON.parse(readFileSync(join(keyDir, "key.json"), "utf8")) as {
    privateJwk: JWK;
    publicJwk: JWK;
  };
  const realKey = await importJWK(privateJwk, "ES256");
  const other = await generateKeyPair("ES256", { extractable: true });
  const now = Math.floor(Date.now() / 1000);
  const municipal = (k: string): JWTPayload => ({
    email: `registrator@${k}.example`,
    "custom:kommunkod": k,
    token_use: "id",
  });
  const sign = (
    claims: JWTPayload,
    opts: {
      key?: CryptoKey | Uint8Array;
      alg?: string;
      iss?: string;
      aud?: string;
      exp?: number;
      nbf?: number;
      sub?: string | null;
    } = {},
  ) => {
    let jwt = new SignJWT(claims)
      .setProtectedHeader({ alg: opts.alg ?? "ES256" })
      .setIssuer(opts.iss ?? DEV_ISSUER)
      .setAudience(opts.aud ?? DEV_AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(opts.exp ?? now + 3600);
    if (opts.sub !== null) jwt = jwt.setSubject(opts.sub ?? `kommun-${VICTIM}`);
    if (opts.nbf !== undefined) jwt = jwt.setNotBefore(opts.nbf);
    return jwt.sign(opts.key ?? realKey);
  };
  const issued = async (k: string) => stack.issuer.mint({ kommunkod: k });
  tokens.set("victim", await issued(VICTIM));
  tokens.set("attacker", await issued(ATTACKER));
  tokens.set("owner", await issued(OWNER));
  for (const k of UPLOADERS) tokens.set(k, await issued(k));
  tokens.set("replayer", await issued(REPLAYER));
  tokens.set("officer", await stack.issuer.mint({ officer: true }));
  for (const k of [...ACCEPTING, ...BUGGY]) tokens.set(k, await issued(k));
  tokens.set("other-key", await sign(municipal(VICTIM), { key: other.privateKey }));
  tokens.set(
    "other-key-officer",
    await sign({ "cognito:groups": ["officer"], token_use: "id" }, { key: other.privateKey }),
  );
  tokens.set("wrong-audience", await sign(municipal(VICTIM), { aud: "some-other-app" }));
  tokens.set("wrong-issuer", await sign(municipal(VICTIM), { iss: "https://evil.example/issuer" }));
  tokens.set("expired", await sign(municipal(VICTIM), { exp: now - 120 }));
  tokens.set("not-yet-valid", await sign(municipal(VICTIM), { nbf: now + 3600 }));
  tokens.set(
    "alg-none",
    `${b64url({ alg: "none", typ: "JWT" })}.${b64url({
      ...municipal(VICTIM),
      sub: `kommun-${VICTIM}`,
      iss: DEV_ISSUER,
      aud: DEV_AUDIENCE,
      exp: now + 3600,
    })}.`,
  );
  // Algorithm confusion: HMAC keyed with the (public) verification key.
  const publicBytes = new TextEncoder().encode(JSON.stringify(publicJwk));
  tokens.set("hs256-public-key", await sign(municipal(VICTIM), { alg: "HS256", key: publicBytes }));
  tokens.set("no-kommunkod", await sign({ email: "x@example.se", token_use: "id" }));
  tokens.set("kommunkod-traversal", await sign({ ...municipal(VICTIM), "custom:kommunkod": "../0180" }));
  tokens.set("kommunkod-five-digits", await sign({ ...municipal(VICTIM), "custom:kommunkod": "01800" }));
  tokens.set("kommunkod-number", await sign({ ...municipal(VICTIM), "custom:kommunkod": 180 }));
  tokens.set("kommunkod-unknown", await sign({ ...municipal(VICTIM), "custom:kommunkod": "9999" }));
  tokens.set("no-subject", await sign(municipal(VICTIM), { sub: null }));
  // The real signature, with one character of the payload changed.
  const real = tokens.get("victim") ?? "";
  const [h, p, s] = real.split(".");
  tokens.set("tampered", `${h}.${p?.slice(0, -2)}${p?.endsWith("A") ? "B" : "A"}${p?.slice(-1)}.${s}`);
  // Same key, but exported and re-imported: proves the verifier is not keyed by object identity.
  void exportJWK;
}

// ── The corpus ────────────────────────────────────────────────────────────────────────────────

type Mutation = (form: RequisitionForm & Record<string, unknown>) => unknown;

interface Case {
  name: string;
  method?: string;
  /** {owner} and {own} become the owner's and the attacker's submission ids. */
  path?: string;
  /** A key of `tokens`, "none" for no Authorization header, or a raw header value ("raw:…"). */
  auth?: string;
  /** Whose valid requisition `form` starts from (default: the victim's). */
  kommun?: string;
  /** The right answer writes something (a new upload slot): skip the nothing-stored check. */
  stores?: true;
  headers?: Record<string, string>;
  /** A change to the victim's valid requisition; the result is sent as JSON. */
  form?: Mutation;
  json?: unknown;
  raw?: string | Uint8Array | (() => Uint8Array);
  status: number;
  code?: string;
  /** A field error the VALIDATION_FAILED body must contain. */
  field?: { path: string; code: string };
  /** A defect this case found: the case runs as it.fails until it is fixed. */
  bug?: string;
  check?: (res: RawResponse) => void;
}

const set =
  (path: string, value: unknown): Mutation =>
  (form) => {
    const keys = path.split(".");
    let at: Record<string, unknown> = form;
    for (const k of keys.slice(0, -1)) at = at[k] as Record<string, unknown>;
    at[keys.at(-1) as string] = value;
    return form;
  };
const drop =
  (path: string): Mutation =>
  (form) => {
    const keys = path.split(".");
    let at: Record<string, unknown> = form;
    for (const k of keys.slice(0, -1)) at = at[k] as Record<string, unknown>;
    delete at[keys.at(-1) as string];
    return form;
  };
const nested = (depth: number, leaf: unknown = 1): unknown => {
  let v = leaf;
  for (let i = 0; i < depth; i++) v = { a: v };
  return v;
};
/** The victim's valid form with one field's JSON text replaced verbatim (for 1e309 and friends). */
const rawAmount = (literal: string) => () => {
  const form = sampleRequisition(programme, VICTIM, TODAY);
  return new TextEncoder().encode(
    JSON.stringify(form).replace(`"amount":${form.grant.amount}`, `"amount":${literal}`),
  );
};
const rawTopLevel = (member: string) => () => {
  const text = JSON.stringify(sampleRequisition(programme, VICTIM, TODAY));
  return new TextEncoder().encode(`{${member},${text.slice(1)}`);
};
const invalid = (path: string, code: string) => ({
  status: 400,
  code: "VALIDATION_FAILED",
  field: { path, code },
});
const longId = "a".repeat(3000);
const allocation = programme.allocations.find((a) => a.kommunkod === VICTIM)?.amount ?? 0;

const MALFORMED: Case[] = [
  { name: "unterminated object", raw: "{", status: 400, code: "MALFORMED_JSON" },
  { name: "member without a value", raw: '{"recipient":}', status: 400, code: "MALFORMED_JSON" },
  // An empty POST is allowed through (upload-slot requests have no body); the schema then says
  // the whole form is missing.
  { name: "empty body with a JSON content type", raw: "", ...invalid("", "REQUIRED") },
  { name: "trailing garbage after the object", raw: "{}x", status: 400, code: "MALFORMED_JSON" },
  { name: "byte-order mark before the JSON", raw: "\uFEFF{}", status: 400, code: "MALFORMED_JSON" },
  { name: "NaN literal", raw: '{"grant":{"amount":NaN}}', status: 400, code: "MALFORMED_JSON" },
  { name: "single-quoted keys", raw: "{'grant':1}", status: 400, code: "MALFORMED_JSON" },
  { name: "JavaScript comment", raw: "{/* x */}", status: 400, code: "MALFORMED_JSON" },
  {
    name: "invalid UTF-8 bytes",
    raw: () => new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d]),
    status: 400,
    code: "VALIDATION_FAILED",
  },
  {
    name: "valid form cut in half",
    raw: () => {
      const text = JSON.stringify(sampleRequisition(programme, VICTIM, TODAY));
      return new TextEncoder().encode(text.slice(0, text.length / 2));
    },
    status: 400,
    code: "MALFORMED_JSON",
  },
  { name: "JSON null", raw: "null", ...invalid("", "REQUIRED") },
  { name: "JSON array", raw: "[]", ...invalid("", "INVALID_TYPE") },
  { name: "JSON string", raw: '"requisition"', ...invalid("", "INVALID_TYPE") },
  { name: "JSON number", raw: "12", ...invalid("", "INVALID_TYPE") },
  { name: "JSON true", raw: "true", ...invalid("", "INVALID_TYPE") },
];

const CONTENT_TYPES: Case[] = [
  ["text/plain", "text/plain"],
  ["no content type at all", undefined],
  ["form encoding", "application/x-www-form-urlencoded"],
  ["multipart", "multipart/form-data; boundary=x"],
  ["XML", "application/xml"],
  ["text/json", "text/json"],
  ["application/jsonp", "application/jsonp"],
  ["a list of types", "application/json, text/plain"],
  ["JSON type with a prefix", "xapplication/json"],
].map(([label, type]) => ({
  name: `valid form sent as ${label}`,
  headers: type === undefined ? { "content-type": "" } : { "content-type": type },
  raw: () => new TextEncoder().encode(JSON.stringify(sampleRequisition(programme, VICTIM, TODAY))),
  status: 415,
  code: "UNSUPPORTED_MEDIA_TYPE",
}));

const SIZES: Case[] = [
  {
    name: "10 MB JSON body (under the gateway limit, over the API's)",
    raw: () => new TextEncoder().encode(`{"padding":"${"x".repeat(10_000_000 - 14)}"}`),
    status: 413,
    code: "PAYLOAD_TOO_LARGE",
  },
  {
    name: "11 MiB body (over API Gateway's 10 MiB)",
    raw: () => new Uint8Array(11 * 1024 * 1024).fill(0x20),
    status: 413,
    code: "PAYLOAD_TOO_LARGE",
  },
  {
    name: "64 KiB + 1 byte body",
    raw: () => new TextEncoder().encode(`{"p":"${"x".repeat(64 * 1024 - 7)}"}`),
    status: 413,
    code: "PAYLOAD_TOO_LARGE",
  },
  { name: "100 000-character name", form: set("recipient.name", "x".repeat(100_000)), status: 413 },
  { name: "nine levels of nesting", json: nested(9), status: 400, code: "TOO_DEEPLY_NESTED" },
  {
    name: "5 000 nested objects",
    raw: `${'{"a":'.repeat(5000)}1${"}".repeat(5000)}`,
    status: 400,
    code: "TOO_DEEPLY_NESTED",
  },
  {
    name: "30 000 nested arrays",
    raw: `${"[".repeat(30_000)}${"]".repeat(30_000)}`,
    status: 400,
    code: "TOO_DEEPLY_NESTED",
  },
  {
    name: "deep nesting inside an otherwise valid form",
    form: set("recipient.name", nested(8, "Örebro")),
    status: 400,
    code: "TOO_DEEPLY_NESTED",
  },
];

const WRONG_TYPES: Case[] = [
  {
    name: "amount as a string",
    form: set("grant.amount", "1000"),
    ...invalid("grant.amount", "NOT_AN_INTEGER_AMOUNT"),
  },
  {
    name: "amount as a boolean",
    form: set("grant.amount", true),
    ...invalid("grant.amount", "NOT_AN_INTEGER_AMOUNT"),
  },
  {
    name: "amount as an array",
    form: set("grant.amount", [1000]),
    ...invalid("grant.amount", "NOT_AN_INTEGER_AMOUNT"),
  },
  { name: "amount as null", form: set("grant.amount", null), ...invalid("grant.amount", "REQUIRED") },
  {
    name: "recipient as a string",
    form: set("recipient", "Örebro kommun"),
    ...invalid("recipient", "INVALID_TYPE"),
  },
  {
    name: "name as a number",
    form: set("recipient.name", 123),
    ...invalid("recipient.name", "INVALID_TYPE"),
  },
  {
    name: "kind not in the enum",
    form: set("grant.kind", "extra"),
    ...invalid("grant.kind", "INVALID_VALUE"),
  },
  { name: "kind as an array", form: set("grant.kind", ["base"]), ...invalid("grant.kind", "INVALID_VALUE") },
  {
    name: "date as a number",
    form: set("signature.date", 20221120),
    ...invalid("signature.date", "INVALID_TYPE"),
  },
  {
    name: "30 February",
    form: set("signature.date", "2022-02-30"),
    ...invalid("signature.date", "INVALID_DATE"),
  },
  {
    name: "date with a time",
    form: set("signature.date", "2022-11-20T00:00:00Z"),
    ...invalid("signature.date", "INVALID_DATE"),
  },
  {
    name: "period start as a word",
    form: set("grant.period.from", "yesterday"),
    ...invalid("grant.period.from", "INVALID_DATE"),
  },
  {
    name: "payment method swish",
    form: set("payment.method", "swish"),
    ...invalid("payment.method", "INVALID_VALUE"),
  },
  { name: "payment as a string", form: set("payment", "bankgiro"), ...invalid("payment", "INVALID_TYPE") },
  {
    name: "e-mail as an array",
    form: set("recipient.email", ["a@b.se"]),
    ...invalid("recipient.email", "INVALID_TYPE"),
  },
];

const MISSING_AND_EXTRA: Case[] = [
  { name: "empty object", json: {}, ...invalid("recipient", "REQUIRED") },
  { name: "no recipient", form: drop("recipient"), ...invalid("recipient", "REQUIRED") },
  { name: "no amount", form: drop("grant.amount"), ...invalid("grant.amount", "REQUIRED") },
  { name: "no signature", form: drop("signature"), ...invalid("signature", "REQUIRED") },
  { name: "no bank account", form: drop("payment.account"), ...invalid("payment.account", "REQUIRED") },
  { name: "empty name", form: set("recipient.name", ""), ...invalid("recipient.name", "REQUIRED") },
  {
    name: "name of spaces only",
    form: set("recipient.name", "   \t "),
    ...invalid("recipient.name", "REQUIRED"),
  },
  { name: "extra status field", form: set("status", "approved"), ...invalid("status", "UNKNOWN_FIELD") },
  {
    name: "extra kommunkod field",
    form: set("kommunkod", ATTACKER),
    ...invalid("kommunkod", "UNKNOWN_FIELD"),
  },
  {
    name: "extra id field",
    form: set("id", "00000000-0000-4000-8000-000000000000"),
    ...invalid("id", "UNKNOWN_FIELD"),
  },
  {
    name: "extra field in grant",
    form: set("grant.approvedAmount", 1),
    ...invalid("grant.approvedAmount", "UNKNOWN_FIELD"),
  },
  {
    name: "extra field in the address",
    form: set("recipient.postalAddress.country", "SE"),
    ...invalid("recipient.postalAddress.country", "UNKNOWN_FIELD"),
  },
  {
    name: "__proto__ member (prototype pollution)",
    raw: rawTopLevel('"__proto__":{"isOfficer":true}'),
    ...invalid("__proto__", "UNKNOWN_FIELD"),
  },
  {
    name: "constructor.prototype member",
    raw: rawTopLevel('"constructor":{"prototype":{"isOfficer":true}}'),
    ...invalid("constructor", "UNKNOWN_FIELD"),
  },
];

const AMOUNTS: Case[] = [
  { name: "amount 1.5", form: set("grant.amount", 1.5), ...invalid("grant.amount", "NOT_AN_INTEGER_AMOUNT") },
  {
    name: "amount 1e-7",
    form: set("grant.amount", 1e-7),
    ...invalid("grant.amount", "NOT_AN_INTEGER_AMOUNT"),
  },
  { name: "amount -1", form: set("grant.amount", -1), ...invalid("grant.amount", "NEGATIVE_AMOUNT") },
  { name: "amount 0", form: set("grant.amount", 0), ...invalid("grant.amount", "AMOUNT_NOT_POSITIVE") },
  { name: "amount -0", raw: rawAmount("-0"), ...invalid("grant.amount", "AMOUNT_NOT_POSITIVE") },
  {
    name: "amount 1e309 (Infinity)",
    raw: rawAmount("1e309"),
    ...invalid("grant.amount", "NOT_AN_INTEGER_AMOUNT"),
  },
  { name: "amount -1e309", raw: rawAmount("-1e309"), ...invalid("grant.amount", "NOT_AN_INTEGER_AMOUNT") },
  {
    name: "amount 2^53 + 1 (not exact)",
    raw: rawAmount("9007199254740993"),
    ...invalid("grant.amount", "NOT_AN_INTEGER_AMOUNT"),
  },
  { name: "amount 1e21", raw: rawAmount("1e21"), ...invalid("grant.amount", "NOT_AN_INTEGER_AMOUNT") },
  {
    name: "amount 1 kr above the allocation",
    form: set("grant.amount", allocation + 1),
    ...invalid("grant.amount", "AMOUNT_EXCEEDS_ALLOCATION"),
  },
  {
    name: "amount MAX_SAFE_INTEGER",
    form: set("grant.amount", Number.MAX_SAFE_INTEGER),
    ...invalid("grant.amount", "AMOUNT_EXCEEDS_ALLOCATION"),
  },
  {
    name: "amount in hex text",
    form: set("grant.amount", "0x10"),
    ...invalid("grant.amount", "NOT_AN_INTEGER_AMOUNT"),
  },
  {
    name: "amount with thousands separators",
    form: set("grant.amount", "1 234 567"),
    ...invalid("grant.amount", "NOT_AN_INTEGER_AMOUNT"),
  },
  {
    name: "model extra for a municipality that is not a model",
    form: (f) => set("grant.kind", "model-extra")(set("grant.amount", 1000)(f) as typeof f),
    ...invalid("grant.kind", "NOT_A_MODEL_MUNICIPALITY"),
  },
];

const TEXT_TRICKS: Case[] = [
  {
    // The recipient must be the caller: a look-alike is another name.
    name: "Cyrillic confusables in the name",
    form: set("recipient.name", "Örebro k\u043emmun"),
    ...invalid("recipient.name", "RECIPIENT_NOT_CALLER"),
  },
  {
    name: "another municipality's name as the recipient",
    form: set("recipient.name", "Stockholms stad"),
    ...invalid("recipient.name", "RECIPIENT_NOT_CALLER"),
  },
  {
    name: "e-mail with a Cyrillic а (confusable)",
    form: set("recipient.email", "statsbidrag@orebro.ex\u0430mple"),
    ...invalid("recipient.email", "INVALID_EMAIL"),
  },
  {
    name: "e-mail with a full-width @",
    form: set("recipient.email", "statsbidrag\uff20orebro.example"),
    ...invalid("recipient.email", "INVALID_EMAIL"),
  },
  {
    name: "e-mail with a CRLF and a Bcc header",
    form: set("recipient.email", "a@orebro.example\r\nBcc: x@evil.example"),
    ...invalid("recipient.email", "INVALID_TEXT"),
  },
  {
    name: "e-mail with a display name",
    form: set("recipient.email", '"Kommun" <a@orebro.example>'),
    ...invalid("recipient.email", "INVALID_EMAIL"),
  },
  {
    name: "two e-mail addresses",
    form: set("recipient.email", "a@orebro.example,b@evil.example"),
    ...invalid("recipient.email", "INVALID_EMAIL"),
  },
  {
    name: "e-mail of 300 characters",
    form: set("recipient.email", `${"a".repeat(290)}@b.example`),
    ...invalid("recipient.email", "TOO_LONG"),
  },
  {
    name: "name of 201 characters",
    form: set("recipient.name", "Ö".repeat(201)),
    ...invalid("recipient.name", "TOO_LONG"),
  },
  {
    name: "organisation number in Arabic-Indic digits",
    form: set("recipient.organisationNumber", "٢١٢٠٠٠-١٨٨٠"),
    ...invalid("recipient.organisationNumber", "INVALID_ORGANISATION_NUMBER"),
  },
  {
    name: "organisation number in full-width digits",
    form: (f) =>
      set(
        "recipient.organisationNumber",
        f.recipient.organisationNumber.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d))),
      )(f),
    ...invalid("recipient.organisationNumber", "INVALID_ORGANISATION_NUMBER"),
  },
  {
    name: "postal code with a no-break space",
    form: set("recipient.postalAddress.postalCode", "701\u00a082"),
    ...invalid("recipient.postalAddress.postalCode", "INVALID_POSTAL_CODE"),
  },
  {
    name: "script tag as postal code",
    form: set("recipient.postalAddress.postalCode", "<script>"),
    ...invalid("recipient.postalAddress.postalCode", "INVALID_POSTAL_CODE"),
  },
  {
    name: "script as phone number",
    form: set("recipient.phone", "<script>alert(1)</script>"),
    ...invalid("recipient.phone", "INVALID_PHONE"),
  },
  {
    name: "javascript: URL as fax",
    form: set("recipient.fax", "javascript:alert(1)"),
    ...invalid("recipient.fax", "INVALID_PHONE"),
  },
  {
    name: "HTML as organisation number",
    form: set("recipient.organisationNumber", "<img src=x onerror=alert(1)>"),
    ...invalid("recipient.organisationNumber", "TOO_LONG"),
  },
  {
    name: "SQL injection as bankgiro",
    form: set("payment.account", "' OR 1=1 --"),
    ...invalid("payment.account", "INVALID_BANKGIRO"),
  },
  {
    name: "SQL injection as diarienummer",
    form: set("grant.agreementDiarienummer", "S2022'; DROP TABLE ledger;--"),
    ...invalid("grant.agreementDiarienummer", "INVALID_DIARIENUMMER"),
  },
  {
    name: "HTML as agreement title",
    form: set("grant.agreementTitle", "<b>Överenskommelse</b>"),
    ...invalid("grant.agreementTitle", "TITLE_MISMATCH"),
  },
  {
    name: "NoSQL operator object as name",
    form: set("recipient.name", { $ne: null }),
    ...invalid("recipient.name", "INVALID_TYPE"),
  },
  {
    name: "NoSQL operator object as amount",
    form: set("grant.amount", { $gt: 0 }),
    ...invalid("grant.amount", "NOT_AN_INTEGER_AMOUNT"),
  },
  {
    name: "NUL byte in the contact person",
    // Its own municipality: an accepted case must not hide the next one behind a 409.
    kommun: "1904",
    auth: "1904",
    form: set("recipient.contactPerson", "Anna\u0000Andersson"),
    ...invalid("recipient.contactPerson", "INVALID_TEXT"),
  },
  {
    name: "right-to-left override in the name",
    // Its own municipality: an accepted case must not hide the next one behind a 409.
    kommun: "1907",
    auth: "1907",
    form: set("recipient.name", "\u202eOrebro kommun"),
    ...invalid("recipient.name", "INVALID_TEXT"),
  },
  {
    name: "ANSI escape sequence in the signatory",
    // Its own municipality: an accepted case must not hide the next one behind a 409.
    kommun: "1960",
    auth: "1960",
    form: set("signature.signatory", "\u001b[2J\u001b[31mBo Bengtsson"),
    ...invalid("signature.signatory", "INVALID_TEXT"),
  },
  {
    name: "CR LF inside the street",
    // Its own municipality: an accepted case must not hide the next one behind a 409.
    kommun: "1961",
    auth: "1961",
    form: set("recipient.postalAddress.street", "Box 41\r\nBcc: x@evil.example"),
    ...invalid("recipient.postalAddress.street", "INVALID_TEXT"),
  },
  {
    name: "lone surrogate in the name",
    // Its own municipality: an accepted case must not hide the next one behind a 409.
    kommun: "1962",
    auth: "1962",
    form: set("recipient.name", "Örebro\ud800 kommun"),
    ...invalid("recipient.name", "INVALID_TEXT"),
  },
];

const PATHS: Case[] = [
  {
    name: "path traversal as a submission id",
    method: "GET",
    path: "/submissions/..%2F..%2Fetc",
    status: 404,
    code: "NOT_FOUND",
  },
  {
    name: "path traversal to /etc/passwd",
    method: "GET",
    path: "/submissions/..%2F..%2F..%2Fetc%2Fpasswd",
    status: 404,
    code: "NOT_FOUND",
  },
  {
    name: "literal ../ in the path",
    method: "GET",
    path: "/submissions/../../etc/passwd",
    status: 404,
    code: "NOT_FOUND",
  },
  {
    name: "double-encoded traversal",
    method: "GET",
    path: "/submissions/..%252F..%252Fetc",
    status: 404,
    code: "NOT_FOUND",
  },
  {
    name: "encoded dots and slashes",
    method: "GET",
    path: "/submissions/%2e%2e%2f%2e%2e%2f",
    status: 404,
    code: "NOT_FOUND",
  },
  {
    name: "traversal to another submission's upload",
    method: "POST",
    path: "/submissions/..%2F{owner}/original",
    json: {},
    status: 404,
    code: "NOT_FOUND",
  },
  {
    name: "traversal in the programme id",
    path: `/programmes/..%2F${PROGRAMME}/requisitions`,
    form: (f) => f,
    status: 404,
    code: "NOT_FOUND",
  },
  {
    name: "NUL byte as submission id",
    method: "GET",
    path: "/submissions/%00",
    status: 404,
    code: "NOT_FOUND",
  },
  {
    name: "NUL byte after the programme id",
    method: "GET",
    path: `/programmes/${PROGRAMME}%00`,
    status: 404,
    code: "NOT_FOUND",
  },
  {
    name: "SQL injection as programme id",
    path: "/programmes/x'%20OR%20'1'%3D'1/requisitions",
    form: (f) => f,
    status: 404,
    code: "NOT_FOUND",
  },
  {
    name: "NoSQL operator as submission id",
    method: "GET",
    path: `/submissions/${encodeURIComponent('{"$ne":null}')}`,
    status: 404,
    code: "NOT_FOUND",
  },
  {
    name: "3 000-character submission id (read)",
    method: "GET",
    path: `/submissions/${longId}`,
    status: 404,
    code: "NOT_FOUND",
  },
  {
    name: "3 000-character submission id (upload slot)",
    method: "POST",
    path: `/submissions/${longId}/original`,
    json: {},
    status: 404,
    code: "NOT_FOUND",
  },
  {
    name: "overlong UTF-8 encoding in the path",
    method: "GET",
    path: "/submissions/%C0%AF",
    // A broken %-escape: API Gateway refuses the request itself, and so does the local gateway.
    status: 400,
  },
  {
    name: "unknown submission",
    method: "GET",
    path: "/submissions/00000000-0000-4000-8000-000000000000",
    status: 404,
    code: "NOT_FOUND",
  },
  { name: "DELETE a submission", method: "DELETE", path: "/submissions/{own}", status: 404 },
  { name: "PUT on requisitions", method: "PUT", path: REQUISITIONS, form: (f) => f, status: 404 },
  {
    name: "PATCH a submission",
    method: "PATCH",
    path: "/submissions/{own}",
    json: { status: "approved" },
    status: 404,
  },
  {
    name: "query: status with SQL",
    method: "GET",
    path: "/submissions?status=received'%20OR%201%3D1",
    status: 400,
    code: "VALIDATION_FAILED",
  },
  {
    name: "query: kommun with SQL",
    method: "GET",
    path: "/submissions?kommun=0180'%20OR%20'1'%3D'1",
    status: 400,
    code: "VALIDATION_FAILED",
  },
  {
    name: "query: NoSQL operator",
    method: "GET",
    path: "/submissions?kommun%5B%24ne%5D=x",
    status: 400,
    code: "VALIDATION_FAILED",
  },
  {
    name: "query: regex operator",
    method: "GET",
    path: "/submissions?programmeId%5B%24regex%5D=.*",
    status: 400,
    code: "VALIDATION_FAILED",
  },
  {
    name: "query: unknown programme",
    method: "GET",
    path: "/submissions?programmeId=nope",
    status: 400,
    code: "VALIDATION_FAILED",
  },
  {
    name: "query: unknown parameter",
    method: "GET",
    path: "/submissions?admin=true",
    status: 400,
    code: "VALIDATION_FAILED",
  },
];

const TENANCY: Case[] = [
  {
    name: "read another municipality's submission",
    method: "GET",
    path: "/submissions/{owner}",
    auth: "attacker",
    status: 403,
    code: "FORBIDDEN",
  },
  {
    name: "new upload slot on another municipality's submission",
    method: "POST",
    path: "/submissions/{owner}/original",
    auth: "attacker",
    json: {},
    status: 403,
    code: "FORBIDDEN",
  },
  {
    name: "attachment on another municipality's submission",
    method: "POST",
    path: "/submissions/{owner}/attachments",
    auth: "attacker",
    json: { type: "bank-statement" },
    status: 403,
    code: "FORBIDDEN",
  },
  {
    name: "list another municipality's submissions by query",
    method: "GET",
    path: `/submissions?kommun=${OWNER}`,
    auth: "attacker",
    status: 200,
    check: (res) => {
      const subs = res.body.submissions as { kommunkod: string; id: string }[];
      expect(subs.every((s) => s.kommunkod === ATTACKER)).toBe(true);
      expect(subs.map((s) => s.id)).not.toContain(ids.get("owner"));
    },
  },
  {
    name: "attachment of an unknown type",
    method: "POST",
    path: "/submissions/{own}/attachments",
    auth: "attacker",
    json: { type: "malware" },
    status: 400,
    code: "VALIDATION_FAILED",
  },
  {
    name: "attachment without a type",
    method: "POST",
    path: "/submissions/{own}/attachments",
    auth: "attacker",
    json: {},
    status: 400,
    code: "VALIDATION_FAILED",
  },
  {
    // The handler reads only `type`; the key is always the server's choice.
    name: "attachment with a client-chosen key (ignored)",
    method: "POST",
    path: "/submissions/{own}/attachments",
    auth: "attacker",
    json: { type: "bank-statement", key: "originals/../../etc/passwd" },
    status: 201,
    stores: true,
    check: (res) => {
      const key = (res.body.upload as { fields: Record<string, string> }).fields.key ?? "";
      expect(key).toMatch(new RegExp(`^originals/${PROGRAMME}/${ATTACKER}/${ids.get("own")}/[0-9a-f-]{36}$`));
    },
  },
  {
    name: "officer submits a requisition",
    auth: "officer",
    form: (f) => f,
    status: 403,
    code: "FORBIDDEN",
  },
  {
    name: "officer asks for an upload slot",
    method: "POST",
    path: "/submissions/{own}/original",
    auth: "officer",
    json: {},
    status: 403,
    code: "FORBIDDEN",
  },
  {
    name: "Idempotency-Key of 3 000 characters",
    headers: { "idempotency-key": "k".repeat(3000) },
    form: (f) => f,
    status: 400,
  },
];

const P = `/programmes/${PROGRAMME}`;
const OFFICER_ROUTES: Case[] = [
  ["POST", `${P}/open`, {}],
  ["GET", `${P}/submissions`, undefined],
  ["POST", "/submissions/{owner}/decision", { decision: "approve" }],
  ["POST", "/submissions/{own}/decision", { decision: "approve" }],
  ["POST", "/submissions/{own}/payment", { paidOn: TODAY, amount: 1 }],
  ["POST", `${P}/repayments`, { kommunkod: ATTACKER, amount: 1, paidOn: TODAY }],
  ["GET", `${P}/overview`, undefined],
  ["GET", `${P}/export.csv`, undefined],
  ["GET", "/contacts", undefined],
  ["GET", `/contacts/${OWNER}`, undefined],
  ["PUT", `/contacts/${ATTACKER}`, { emails: ["attacker@evil.example"] }],
].map(([method, path, json]) => ({
  name: `officer-only ${method} ${String(path).replace(PROGRAMME, "{programmeId}")} with a municipality token`,
  method: method as string,
  path: path as string,
  auth: "attacker",
  ...(json === undefined ? {} : { json }),
  status: 403,
  code: "FORBIDDEN",
}));

const CORRECTIONS: Case[] = [
  {
    name: "correction of another municipality's submission",
    method: "POST",
    path: "/submissions/{owner}/corrections",
    auth: "attacker",
    kommun: ATTACKER,
    form: (f) => f,
    status: 403,
    code: "FORBIDDEN",
  },
  {
    name: "correction of a submission that was not returned",
    method: "POST",
    path: "/submissions/{own}/corrections",
    auth: "attacker",
    kommun: ATTACKER,
    form: (f) => f,
    status: 409,
  },
  {
    name: "officer submits a correction",
    method: "POST",
    path: "/submissions/{own}/corrections",
    auth: "officer",
    kommun: ATTACKER,
    form: (f) => f,
    status: 403,
    code: "FORBIDDEN",
  },
  {
    name: "correction of an unknown submission",
    method: "POST",
    path: "/submissions/00000000-0000-4000-8000-000000000000/corrections",
    form: (f) => f,
    status: 404,
    code: "NOT_FOUND",
  },
];

const TOKENS: Case[] = [
  { name: "no Authorization header", auth: "none", form: (f) => f, status: 401, code: "UNAUTHORIZED" },
  { name: "empty bearer token", auth: "raw:Bearer ", form: (f) => f, status: 401, code: "UNAUTHORIZED" },
  {
    name: "Basic credentials",
    auth: "raw:Basic dXNlcjpwYXNz",
    form: (f) => f,
    status: 401,
    code: "UNAUTHORIZED",
  },
  {
    name: "garbage token",
    auth: "raw:Bearer abc.def.ghi",
    form: (f) => f,
    status: 401,
    code: "UNAUTHORIZED",
  },
  {
    name: "token signed with another key",
    auth: "other-key",
    form: (f) => f,
    status: 401,
    code: "UNAUTHORIZED",
  },
  {
    name: "officer token signed with another key",
    method: "GET",
    path: "/submissions",
    auth: "other-key-officer",
    status: 401,
    code: "UNAUTHORIZED",
  },
  { name: "wrong audience", auth: "wrong-audience", form: (f) => f, status: 401, code: "UNAUTHORIZED" },
  { name: "wrong issuer", auth: "wrong-issuer", form: (f) => f, status: 401, code: "UNAUTHORIZED" },
  { name: "expired token", auth: "expired", form: (f) => f, status: 401, code: "UNAUTHORIZED" },
  {
    name: "token not valid yet (nbf)",
    auth: "not-yet-valid",
    form: (f) => f,
    status: 401,
    code: "UNAUTHORIZED",
  },
  {
    name: 'unsigned token (alg "none")',
    auth: "alg-none",
    form: (f) => f,
    status: 401,
    code: "UNAUTHORIZED",
  },
  {
    name: "HS256 keyed with the public key",
    auth: "hs256-public-key",
    form: (f) => f,
    status: 401,
    code: "UNAUTHORIZED",
  },
  { name: "tampered payload", auth: "tampered", form: (f) => f, status: 401, code: "UNAUTHORIZED" },
  {
    name: "token without kommunkod",
    auth: "no-kommunkod",
    form: (f) => f,
    status: 401,
    code: "UNAUTHORIZED",
  },
  {
    name: "kommunkod with a path",
    auth: "kommunkod-traversal",
    form: (f) => f,
    status: 401,
    code: "UNAUTHORIZED",
  },
  {
    name: "five-digit kommunkod",
    auth: "kommunkod-five-digits",
    form: (f) => f,
    status: 401,
    code: "UNAUTHORIZED",
  },
  { name: "numeric kommunkod", auth: "kommunkod-number", form: (f) => f, status: 401, code: "UNAUTHORIZED" },
  { name: "token without a subject", auth: "no-subject", form: (f) => f, status: 401, code: "UNAUTHORIZED" },
  {
    name: "kommunkod of no municipality",
    auth: "kommunkod-unknown",
    form: (f) => f,
    status: 404,
    code: "NOT_FOUND",
  },
  {
    name: "token in the query string instead of the header",
    auth: "none",
    method: "GET",
    path: "/submissions?access_token=placeholder",
    status: 401,
    code: "UNAUTHORIZED",
  },
];

const CORPUS: Case[] = [
  ...MALFORMED,
  ...CONTENT_TYPES,
  ...SIZES,
  ...WRONG_TYPES,
  ...MISSING_AND_EXTRA,
  ...AMOUNTS,
  ...TEXT_TRICKS,
  ...PATHS,
  ...TENANCY,
  ...OFFICER_ROUTES,
  ...CORRECTIONS,
  ...TOKENS,
];

function authHeader(auth: string): Record<string, string> {
  if (auth === "none") return {};
  if (auth.startsWith("raw:")) return { authorization: auth.slice(4) };
  const token = tokens.get(auth);
  if (!token) throw new Error(`no token "${auth}"`);
  return { authorization: `Bearer ${token}` };
}

function resolvePath(path: string): string {
  return path.replace("{owner}", ids.get("owner") ?? "").replace("{own}", ids.get("own") ?? "");
}

async function run(c: Case): Promise<RawResponse> {
  const headers: Record<string, string> = { ...authHeader(c.auth ?? "victim") };
  let body: Uint8Array | undefined;
  if (c.raw !== undefined) {
    body =
      typeof c.raw === "function"
        ? c.raw()
        : typeof c.raw === "string"
          ? new TextEncoder().encode(c.raw)
          : c.raw;
    headers["content-type"] = "application/json";
  } else if (c.form || c.json !== undefined) {
    const value = c.form
      ? c.form(
          sampleRequisition(programme, c.kommun ?? VICTIM, TODAY) as RequisitionForm &
            Record<string, unknown>,
        )
      : c.json;
    body = new TextEncoder().encode(JSON.stringify(value));
    headers["content-type"] = "application/json";
  }
  for (const [k, v] of Object.entries(c.headers ?? {})) {
    if (v === "") delete headers[k];
    else headers[k] = v;
  }
  const path = resolvePath(c.path ?? REQUISITIONS);
  if (path.includes("access_token=placeholder")) {
    return send(c.method ?? "GET", path.replace("placeholder", tokens.get("victim") ?? ""), headers, body);
  }
  return send(c.method ?? (body ? "POST" : "GET"), path, headers, body);
}

async function expectRefusedAndNothingStored(c: Case): Promise<void> {
  const before = await itemCount();
  const res = await run(c);
  expect(res.status, res.text.slice(0, 300)).toBe(c.status);
  expect(res.status).toBeLessThan(500);
  if (c.code) expect(res.body.code, res.text.slice(0, 300)).toBe(c.code);
  if (c.field) {
    expect(res.body.errors, res.text.slice(0, 500)).toEqual(
      expect.arrayContaining([expect.objectContaining({ path: c.field.path, code: c.field.code })]),
    );
  }
  c.check?.(res);
  // Nothing stored: no submission, ledger row, audit event, mail or idempotency record.
  if (!c.stores) expect(await itemCount()).toBe(before);
}

beforeAll(async () => {
  keyDir = mkdtempSync(join(tmpdir(), "statsbidrag-hostile-"));
  process.env.UPLOAD_MAX_BYTES = String(UPLOAD_MAX_BYTES);
  stack = await startLocalStack({
    port: 0,
    inMemory: true,
    stage: STAGE,
    today: TODAY,
    outboxIntervalMs: 200,
    keyFile: join(keyDir, "key.json"),
    external: {
      ses: requireEnv("AWS_ENDPOINT_URL_SES"),
      sesStoreUrl: requireEnv("SES_STORE_URL"),
    },
  });
  db = new DynamoDBClient({
    endpoint: stack.dynamodbEndpoint,
    region: LOCAL_REGION,
    credentials: LOCAL_CREDENTIALS,
  });
  s3 = new S3Client({
    endpoint: stack.s3Endpoint,
    region: LOCAL_REGION,
    credentials: LOCAL_CREDENTIALS,
    forcePathStyle: true,
  });
  await mintTokens();
  // The owner's and the attacker's own submissions, made the normal way.
  for (const [role, k] of [
    ["owner", OWNER],
    ["own", ATTACKER],
  ] as const) {
    const res = await send(
      "POST",
      REQUISITIONS,
      { ...authHeader(role === "own" ? "attacker" : "owner"), "content-type": "application/json" },
      new TextEncoder().encode(JSON.stringify(sampleRequisition(programme, k, TODAY))),
    );
    if (res.status !== 201) throw new Error(`seeding ${role}: ${res.status} ${res.text}`);
    ids.set(role, res.body.id as string);
  }
}, 60_000);

afterAll(async () => {
  db?.destroy();
  s3?.destroy();
  await stack?.stop();
  delete process.env.UPLOAD_MAX_BYTES;
  if (keyDir) rmSync(keyDir, { recursive: true, force: true });
});

describe(`hostile requests (${CORPUS.length} cases): the right 4xx, no 5xx, nothing stored`, () => {
  const open = CORPUS.filter((c) => !c.bug);
  const known = CORPUS.filter((c) => c.bug);

  it.each(open)("$name → $status", async (c) => {
    await expectRefusedAndNothingStored(c);
  });

  // Known defects (see `bug` on each case): these fail today; when one starts passing, the
  // defect is fixed and the case moves to the table above by deleting its `bug`.
  it.fails.each(known)("[known bug] $name → $status", async (c) => {
    await expectRefusedAndNothingStored(c);
  });

  it("leaves the victim municipality without a submission or a ledger row", async () => {
    const res = await send("GET", "/submissions", authHeader("victim"));
    expect(res.status).toBe(200);
    expect(res.body.submissions).toEqual([]);
    const row = await db.send(
      new GetItemCommand({
        TableName: tableName(STAGE),
        Key: { PK: { S: `PROG#${PROGRAMME}` }, SK: { S: `ALLOC#${VICTIM}` } },
        ConsistentRead: true,
      }),
    );
    expect(row.Item).toBeUndefined();
  });

  it("leaves the owner's submission as it was", async () => {
    const res = await send("GET", `/submissions/${ids.get("owner")}`, authHeader("owner"));
    expect(res.status).toBe(200);
    const detail = res.body as { submission: { status: string }; attachments: unknown[] };
    expect(detail.submission.status).toBe("awaiting-original");
    expect(detail.attachments).toHaveLength(1);
  });
});

// ── Accepted, but harmless ────────────────────────────────────────────────────────────────────

interface AcceptedCase {
  name: string;
  kommunkod: string;
  /** Applied to the form; the payload must come back verbatim and never unescaped in mail HTML. */
  field: string;
  payload: string;
}

const ACCEPTED: AcceptedCase[] = [
  {
    name: "script tag in the contact person",
    field: "recipient.contactPerson",
    payload: "<script>alert(document.domain)</script>",
  },
  {
    // Not the name: the recipient's name must be the caller's own (RECIPIENT_NOT_CALLER).
    name: "HTML image with onerror in the contact person",
    field: "recipient.contactPerson",
    payload: 'Anna <img src=x onerror="alert(1)">',
  },
  {
    name: "HTML comment and entity in the street",
    field: "recipient.postalAddress.street",
    payload: "Box 1 <!-- &amp; --> &lt;b&gt;",
  },
  {
    name: "SQL injection text in the signatory",
    field: "signature.signatory",
    payload: "Robert'); DROP TABLE submissions;--",
  },
  {
    name: "NoSQL operator text in the city",
    field: "recipient.postalAddress.city",
    payload: '{"$where": "sleep(1000)"}',
  },
  {
    name: "zero-width joiners in the contact person",
    field: "recipient.contactPerson",
    payload: "Anna\u200d\u200bAndersson",
  },
  {
    name: "payment reference with quotes and backslashes",
    field: "payment.reference",
    payload: '"\\u0000" \\ "',
  },
  {
    name: "template syntax in the contact person",
    field: "recipient.contactPerson",
    // biome-ignore lint/suspicious/noTemplateCurlyInString: template injection is the payload
    payload: "{{constructor.constructor('x')()}} ${7*7}",
  },
].map((c, i) => ({ ...c, kommunkod: ACCEPTING[i] as string }));

describe("hostile text in an otherwise valid requisition: accepted, stored verbatim, escaped in mail", () => {
  it.concurrent.for(ACCEPTED)("$name", async (c, { expect }) => {
    const contact = `hostile-${c.kommunkod}@corpus.example`;
    const form = set(
      c.field,
      c.payload,
    )(
      set(
        "recipient.email",
        contact,
      )(
        sampleRequisition(programme, c.kommunkod, TODAY) as RequisitionForm & Record<string, unknown>,
      ) as RequisitionForm & Record<string, unknown>,
    ) as RequisitionForm;
    const created = await send(
      "POST",
      REQUISITIONS,
      { ...authHeader(c.kommunkod), "content-type": "application/json" },
      new TextEncoder().encode(JSON.stringify(form)),
    );
    expect(created.status, created.text.slice(0, 300)).toBe(201);
    const id = created.body.id as string;

    const read = await send("GET", `/submissions/${id}`, authHeader(c.kommunkod));
    expect(read.status).toBe(200);
    expect(read.headers["content-type"]).toMatch(/^application\/json/);
    expect(read.headers["x-content-type-options"]).toBe("nosniff");
    const stored = read.body as { submission: { kommunkod: string; kommun: string; form: RequisitionForm } };
    // The municipality comes from the token, never from the text in the form.
    expect(stored.submission.kommunkod).toBe(c.kommunkod);
    const value = c.field
      .split(".")
      .reduce<unknown>((at, k) => (at as Record<string, unknown>)[k], stored.submission.form);
    expect(value).toBe(c.payload.trim());

    // Every 250 ms: the emulator's store holds every mail of the run, and each poll reads it all.
    const mail = await waitFor(async () => (await mailsTo(contact))[0], 15_000, 250);
    const html = mail.body.html ?? "";
    expect(html).not.toContain(c.payload);
    for (const dangerous of ["<script", "<img", "onerror=", "<!--"]) {
      if (c.payload.includes(dangerous)) expect(html).not.toContain(dangerous);
    }
    expect(mail.subject).not.toMatch(/[\r\n]/);
  });
});

// ── Uploads ───────────────────────────────────────────────────────────────────────────────────

interface Detail {
  submission: { id: string; status: string; original?: { sha256: string; attachmentId: string } };
  attachments: { id: string; status: string; key: string; storedKey?: string }[];
}

async function detailOf(role: string, id: string): Promise<Detail> {
  const res = await send("GET", `/submissions/${id}`, authHeader(role));
  if (res.status !== 200) throw new Error(`GET /submissions/${id}: ${res.status}`);
  return res.body as unknown as Detail;
}

async function newSlot(role: string, id: string): Promise<UploadSlot & { attachmentId: string }> {
  const res = await send(
    "POST",
    `/submissions/${id}/original`,
    { ...authHeader(role), "content-type": "application/json" },
    new TextEncoder().encode("{}"),
  );
  if (res.status !== 201) throw new Error(`new slot: ${res.status} ${res.text}`);
  return res.body.upload as UploadSlot & { attachmentId: string };
}

async function objectExists(key: string): Promise<boolean> {
  try {
    await s3.send(new HeadObjectCommand({ Bucket: requireEnv("BUCKET_NAME"), Key: key }));
    return true;
  } catch {
    return false;
  }
}

async function objectSha256(key: string): Promise<string> {
  const out = await s3.send(new GetObjectCommand({ Bucket: requireEnv("BUCKET_NAME"), Key: key }));
  const bytes = await out.Body?.transformToByteArray();
  return createHash("sha256")
    .update(bytes ?? new Uint8Array())
    .digest("hex");
}

describe("hostile uploads through the presigned POST: the submission ends original-rejected", () => {
  const cases = HOSTILE_FILES.map((file, i) => ({ ...file, kommunkod: UPLOADERS[i] as string }));
  const submissionOf = new Map<string, string>();
  beforeAll(async () => {
    if (cases.some((c) => c.kommunkod === undefined)) throw new Error("more hostile files than uploaders");
    await Promise.all(
      cases.map(async ({ kommunkod }) => {
        const res = await send(
          "POST",
          REQUISITIONS,
          { ...authHeader(kommunkod), "content-type": "application/json" },
          new TextEncoder().encode(JSON.stringify(sampleRequisition(programme, kommunkod, TODAY))),
        );
        if (res.status !== 201) throw new Error(`seeding ${kommunkod}: ${res.status} ${res.text}`);
        submissionOf.set(kommunkod, res.body.id as string);
      }),
    );
  });

  it.concurrent.for(cases)("$name", async (file: HostileFile & { kommunkod: string }, { expect }) => {
    const submissionId = submissionOf.get(file.kommunkod) ?? "";
    const slot = await newSlot(file.kommunkod, submissionId);
    expect(slot.maxBytes).toBe(UPLOAD_MAX_BYTES);
    const status = await uploadWith(slot, file.body(slot.maxBytes), file.filename, file.contentType);
    // s3rver takes anything (it does not enforce the policy); the check handler must refuse it.
    expect(status).toBeLessThan(300);
    const detail = await waitFor(async () => {
      const d = await detailOf(file.kommunkod, submissionId);
      return d.attachments.find((a) => a.id === slot.attachmentId && a.status !== "pending") ? d : undefined;
    }, 10_000);
    expect(detail.submission.status).toBe("original-rejected");
    const attachment = detail.attachments.find((a) => a.id === slot.attachmentId);
    expect(attachment?.status).toBe("rejected");
    expect(detail.submission.original).toBeUndefined();
    // Moved out of originals/: nothing the officers could mistake for the signed original.
    expect(await objectExists(attachment?.key ?? "")).toBe(false);
  });
});

describe("replayed presigned POSTs: a slot that is no longer pending takes nothing", () => {
  let submissionId: string;
  let firstSlot: UploadSlot & { attachmentId: string };

  beforeAll(async () => {
    const res = await send(
      "POST",
      REQUISITIONS,
      { ...authHeader("replayer"), "content-type": "application/json" },
      new TextEncoder().encode(JSON.stringify(sampleRequisition(programme, REPLAYER, TODAY))),
    );
    if (res.status !== 201) throw new Error(`seeding the replayer: ${res.status} ${res.text}`);
    submissionId = res.body.id as string;
    firstSlot = res.body.upload as UploadSlot & { attachmentId: string };
  });

  it("a replay to a rejected slot does not reopen or settle the submission", async () => {
    // Prepare: the first slot gets a rejected file, then a fresh slot is issued.
    await uploadWith(firstSlot, new TextEncoder().encode("not a scan"), "x.pdf", "application/pdf");
    await waitFor(
      async () => (await detailOf("replayer", submissionId)).submission.status === "original-rejected",
      10_000,
    );
    const fresh = await newSlot("replayer", submissionId);
    // Act: replay the old, rejected slot with a perfectly good PDF.
    await uploadWith(firstSlot, smallPdf("replayed"), "scan.pdf", "application/pdf");
    await new Promise((r) => setTimeout(r, 500));
    // Assess: the old slot stays rejected, the submission still waits for the fresh slot.
    const detail = await detailOf("replayer", submissionId);
    expect(detail.submission.status).toBe("awaiting-original");
    expect(detail.attachments.find((a) => a.id === firstSlot.attachmentId)?.status).toBe("rejected");
    expect(detail.attachments.find((a) => a.id === fresh.attachmentId)?.status).toBe("pending");
  });

  let acceptedKey = "";
  let acceptedSha = "";

  it("a replay to an accepted slot changes neither the status nor the recorded hash", async () => {
    // Prepare: a fresh slot gets the signed PDF and is accepted.
    const slot = await newSlot("replayer", submissionId);
    await uploadWith(slot, smallPdf("the real signed original"), "scan.pdf", "application/pdf");
    const accepted = await waitFor(async () => {
      const d = await detailOf("replayer", submissionId);
      return d.submission.status === "received" ? d : undefined;
    }, 10_000);
    acceptedSha = accepted.submission.original?.sha256 ?? "";
    // The accepted scan lives at its write-once copy under records/, beyond any upload policy.
    acceptedKey = accepted.attachments.find((a) => a.id === slot.attachmentId)?.storedKey ?? "";
    expect(acceptedKey).toMatch(/^records\//);
    expect(await objectSha256(acceptedKey)).toBe(acceptedSha);
    // Act: replay the same presigned POST with other bytes.
    await uploadWith(
      slot,
      new TextEncoder().encode("MZ replaced after acceptance"),
      "scan.pdf",
      "application/pdf",
    );
    await new Promise((r) => setTimeout(r, 500));
    // Assess
    const after = await detailOf("replayer", submissionId);
    expect(after.submission.status).toBe("received");
    expect(after.submission.original?.sha256).toBe(acceptedSha);
  });

  it("…and the stored original still has the SHA-256 on the receipt", async () => {
    expect(acceptedKey).not.toBe("");
    expect(await objectSha256(acceptedKey)).toBe(acceptedSha);
  });
});

describe("the local gateway after an over-limit body", () => {
  // The gateway drains the over-limit body and answers 413 with `connection: close`, so the
  // client's next request opens a fresh connection instead of failing with ECONNRESET.
  it("keeps answering requests on the same client after a 413 for an 11 MiB body", async () => {
    const headers = { authorization: `Bearer ${tokens.get("victim")}` };
    const big = await fetch(`${stack.apiUrl}${REQUISITIONS}`, {
      method: "POST",
      headers: { ...headers, "content-type": "application/json" },
      body: new Uint8Array(11 * 1024 * 1024),
    });
    await big.text();
    expect(big.status).toBe(413);
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await fetch(`${stack.apiUrl}/programmes`, { headers });
      await res.text();
      statuses.push(res.status);
    }
    expect(statuses).toEqual([200, 200, 200]);
  });
});
