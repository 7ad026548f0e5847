/**
 * Hostile request bodies against the running API: malformed and oversized JSON, wrong content
 * types, wrong types, missing and extra members, impossible amounts and text tricks, all posted
 * as a requisition in Örebro's name. Every one must get the right 4xx, never a 5xx, and must
 * leave the table exactly as it was. Paths, tokens and other municipalities' data are in
 * hostile-corpus-access.test.ts; accepted hostile text in -text, uploads in -uploads and
 * -unscanned, money in -money; what they share in test/fixtures/hostile/harness.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sampleRequisition } from "../../shared/forms/index.ts";
import {
  allocationRow,
  type Case,
  currentStack,
  drop,
  expectRefusedAndNothingStored,
  invalid,
  programme,
  REQUISITIONS,
  sendJson,
  set,
  signIn,
  startHostileStack,
  stopHostileStack,
  TODAY,
  tokens,
} from "../fixtures/hostile/harness.ts";

const VICTIM = "1880"; // Örebro: every refused request is made in its name
const ATTACKER = "0180"; // Stockholm: its kommunkod, smuggled into Örebro's form
/** One municipality each for the text tricks that were once accepted: a 201 must not hide the next. */
const OWN_MUNICIPALITY = ["1904", "1907", "1960", "1961", "1962"];

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
    // Not the signatory: that name is the sender's account's, whatever the form says (README "Roles").
    name: "ANSI escape sequence in the city",
    // Its own municipality: an accepted case must not hide the next one behind a 409.
    kommun: "1960",
    auth: "1960",
    form: set("recipient.postalAddress.city", "\u001b[2J\u001b[31mLund"),
    ...invalid("recipient.postalAddress.city", "INVALID_TEXT"),
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

const CORPUS: Case[] = [
  ...MALFORMED,
  ...CONTENT_TYPES,
  ...SIZES,
  ...WRONG_TYPES,
  ...MISSING_AND_EXTRA,
  ...AMOUNTS,
  ...TEXT_TRICKS,
];

beforeAll(async () => {
  await startHostileStack("bodies");
  await signIn({ kommunkod: VICTIM }, "victim");
  for (const k of OWN_MUNICIPALITY) await signIn({ kommunkod: k });
}, 60_000);

afterAll(stopHostileStack);

describe(`hostile request bodies (${CORPUS.length} cases): the right 4xx, no 5xx, nothing stored`, () => {
  it.each(CORPUS)("$name → $status", async (c) => {
    await expectRefusedAndNothingStored(c, { auth: "victim", kommun: VICTIM });
  });

  it("leaves the victim municipality without a submission or a ledger row", async () => {
    // Prepare: every case above was made in the victim's name.
    // Act
    const res = await sendJson("victim", "GET", "/submissions");
    // Assess
    expect(res.status).toBe(200);
    expect(res.body.submissions).toEqual([]);
    expect(await allocationRow(VICTIM)).toBeUndefined();
  });
});

describe("the local gateway after an over-limit body", () => {
  // The gateway drains the over-limit body and answers 413 with `connection: close`, so the
  // client's next request opens a fresh connection instead of failing with ECONNRESET.
  it("keeps answering requests on the same client after a 413 for an 11 MiB body", async () => {
    // Prepare
    const { apiUrl } = currentStack();
    const headers = { authorization: `Bearer ${tokens.get("victim")}` };
    // Act
    const big = await fetch(`${apiUrl}${REQUISITIONS}`, {
      method: "POST",
      headers: { ...headers, "content-type": "application/json" },
      body: new Uint8Array(11 * 1024 * 1024),
    });
    await big.text();
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await fetch(`${apiUrl}/programmes`, { headers });
      await res.text();
      statuses.push(res.status);
    }
    // Assess
    expect(big.status).toBe(413);
    expect(statuses).toEqual([200, 200, 200]);
  });
});
