import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  parseReport,
  parseRequisition,
  sampleReport,
  sampleRequisition,
} from "../../../shared/forms/index.ts";
import { type FormResult, parseWithZod } from "../../../shared/forms/parse.ts";
import { reportSchema, requisitionSchema } from "../../../shared/forms/schema.ts";
import { aldre2021, aldre2022, BORAS, LUND, MALMO, STOCKHOLM, valfard2018 } from "./helpers.ts";

/**
 * parseRequisition and parseReport go field by field and ask zod only about the fields the
 * fast checks cannot vouch for (shared/forms/fast-parse.ts). Whatever the input, they must give
 * exactly what the whole-form zod parse gives: the same form, key order included, or the same errors.
 */

type Json = Record<string, unknown>;

const programmes = [aldre2022(), aldre2021(), valfard2018()];
const kommunkoder = [LUND, MALMO, BORAS, STOCKHOLM];

/** Every dotted path into a form, objects included: where a mistake can be made. */
function pathsOf(node: unknown, prefix = ""): string[] {
  if (typeof node !== "object" || node === null) return [];
  return Object.entries(node).flatMap(([key, value]) => {
    const path = prefix === "" ? key : `${prefix}.${key}`;
    return [path, ...pathsOf(value, path)];
  });
}

/** Text people and attackers send: padded, empty, too long, control and direction characters, lone surrogates. */
const awkwardText = fc.constantFrom(
  "",
  " ",
  "  Lunds kommun  ",
  "046-35 50 00",
  " 046-35 50 00 ",
  "+46 46 35 50 00",
  "123",
  "2022-02-29",
  "2024-02-29",
  " 2022-01-01",
  "2022-1-1",
  "212000-1230",
  "2120001230",
  "556000-0000",
  "221 00",
  "22100",
  "2210",
  "5050-1055",
  "50501055",
  "4 47 51-5",
  "statsbidrag@lund.se",
  "statsbidrag(at)lund.se",
  "S2022/01234/SOF",
  "base",
  "model-extra",
  "plusgiro",
  "bankgiro",
  "rad ett\nrad två\tmed tabb",
  "x".repeat(31),
  "x".repeat(201),
  "x".repeat(4001),
  "\u0007klocka",
  "\u202eevil",
  "Lund\ud800",
  "😀 Lund",
);

const value: fc.Arbitrary<unknown> = fc.oneof(
  awkwardText,
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.integer(),
  fc.double(),
  fc.constantFrom(
    0,
    -0,
    1,
    2,
    -1,
    1.5,
    Number.MAX_SAFE_INTEGER + 2,
    Number.NaN,
    null,
    undefined,
    true,
    false,
  ),
  fc.constantFrom({}, [], { from: "2022-01-01", to: "2022-12-31" }, { date: "2022-11-20", signatory: "Bo" }),
  fc.object({ maxDepth: 1, maxKeys: 3 }),
);

type Mistake =
  | { kind: "set"; at: number; value: unknown }
  | { kind: "delete"; at: number }
  | { kind: "unknown key"; at: number; key: string }
  /** Another field's value, maybe padded with whitespace: the fax given the phone number, say. */
  | { kind: "copy"; at: number; from: number; pad: boolean };

const mistake: fc.Arbitrary<Mistake> = fc.oneof(
  fc.record({ kind: fc.constant("set" as const), at: fc.nat(), value }),
  fc.record({ kind: fc.constant("delete" as const), at: fc.nat() }),
  fc.record({
    kind: fc.constant("unknown key" as const),
    at: fc.nat(),
    key: fc.constantFrom("extra", "__proto__", "constructor", "Name"),
  }),
  fc.record({ kind: fc.constant("copy" as const), at: fc.nat(), from: fc.nat(), pad: fc.boolean() }),
);

/** The object at `path` (the form itself for ""), and the last key. */
function locate(form: Json, path: string): [Json | undefined, string] {
  const keys = path.split(".");
  const last = keys.pop() ?? "";
  let node: unknown = form;
  for (const key of keys) node = typeof node === "object" && node !== null ? (node as Json)[key] : undefined;
  return [typeof node === "object" && node !== null ? (node as Json) : undefined, last];
}

/** Optional fields the samples leave out, so that mistakes reach them too. */
const OPTIONAL_PATHS = [
  "recipient.fax",
  "grant.surveyCommitment",
  "grant.agreementTitle",
  "grant.agreementDiarienummer",
  "payment.reference",
  "certification.deviations",
  "certification.measures",
];

function apply(form: Json, m: Mistake): void {
  const paths = [...new Set(["", ...pathsOf(form), ...OPTIONAL_PATHS])];
  const path = paths[m.at % paths.length] ?? "";
  if (m.kind === "unknown key") {
    const [parent, last] = locate(form, path);
    const target = path === "" ? form : parent?.[last];
    // defineProperty: an own "__proto__" key, as JSON.parse makes one.
    if (typeof target === "object" && target !== null)
      Object.defineProperty(target, m.key, {
        value: 1,
        enumerable: true,
        configurable: true,
        writable: true,
      });
    return;
  }
  if (path === "") return;
  const [parent, last] = locate(form, path);
  if (!parent) return;
  if (m.kind === "delete") delete parent[last];
  else if (m.kind === "set") parent[last] = m.value;
  else {
    const [source, key] = locate(form, paths[m.from % paths.length] ?? "");
    const copied = source?.[key];
    parent[last] = m.pad && typeof copied === "string" ? ` ${copied}\t` : structuredClone(copied);
  }
}

const forms = fc
  .record({
    kind: fc.constantFrom("requisition" as const, "report" as const),
    programme: fc.constantFrom(...programmes),
    kommunkod: fc.constantFrom(...kommunkoder),
    mistakes: fc.array(mistake, { maxLength: 3 }),
  })
  .map(({ kind, programme, kommunkod, mistakes }) => {
    const form = structuredClone(
      kind === "requisition" ? sampleRequisition(programme, kommunkod) : sampleReport(programme, kommunkod),
    ) as unknown as Json;
    for (const m of mistakes) apply(form, m);
    return { kind, form };
  });

/** Both results, and their JSON (which also fixes the order of the form's keys). */
function bothWays(
  kind: "requisition" | "report",
  input: unknown,
): [FormResult<unknown>, FormResult<unknown>] {
  return kind === "requisition"
    ? [parseRequisition(input), parseWithZod(requisitionSchema, input)]
    : [parseReport(input), parseWithZod(reportSchema, input)];
}

describe("parsing field by field", () => {
  it("gives what the whole-form zod parse gives, for valid forms and forms with up to three mistakes", () => {
    // Prepare: sample forms of three programmes, broken in up to three places
    let invalid = 0;
    // Act
    const agrees = ({ kind, form }: { kind: "requisition" | "report"; form: Json }) => {
      const [bySection, whole] = bothWays(kind, form);
      if (!whole.ok) invalid++;
      expect(bySection).toStrictEqual(whole);
      expect(JSON.stringify(bySection)).toBe(JSON.stringify(whole));
    };
    // Assess
    fc.assert(fc.property(forms, agrees), { numRuns: 4000 });
    expect(invalid).toBeGreaterThan(1000);
    // 8000 parses: seconds on a busy machine, and speed is the bench's to judge, not this test's.
  }, 60_000);

  it("gives what the whole-form zod parse gives for every field set to each awkward value", () => {
    // Prepare: every path of both forms (optional ones included), each given each value below
    const awkward: unknown[] = [
      undefined,
      null,
      "",
      "  ",
      "x",
      "\u0007",
      "x".repeat(4001),
      0,
      -1,
      1.5,
      2,
      Number.NaN,
      true,
      false,
      [],
      ["x"],
      {},
      { length: 0 },
      new Date(0),
      () => "x",
    ];
    const cases = (["requisition", "report"] as const).flatMap((kind) => {
      const sample =
        kind === "requisition" ? sampleRequisition(aldre2022(), LUND) : sampleReport(aldre2022(), LUND);
      const paths = [...new Set(["", ...pathsOf(sample), ...OPTIONAL_PATHS])];
      return paths.flatMap((path) =>
        awkward.map((value) => {
          const form = structuredClone(sample) as unknown as Json;
          if (path === "") return { kind, form: value };
          const [parent, last] = locate(form, path);
          if (parent) parent[last] = value;
          return { kind, form };
        }),
      );
    });
    // Act
    const results = cases.map(({ kind, form }) => bothWays(kind, form));
    // Assess
    for (const [bySection, whole] of results) expect(bySection).toStrictEqual(whole);
    expect(results.filter(([, whole]) => !whole.ok).length).toBeGreaterThan(cases.length / 2);
  });

  it.each([
    ["null", null],
    ["an array", []],
    ["text", "{}"],
    ["an object with another prototype", Object.create({ recipient: {} })],
    ["an empty object", {}],
  ])("gives what the whole-form zod parse gives for %s", (_, input) => {
    // Prepare: the input is the case
    // Act
    const results = (["requisition", "report"] as const).map((kind) => bothWays(kind, input));
    // Assess
    for (const [bySection, whole] of results) expect(bySection).toStrictEqual(whole);
  });

  it("keeps an optional field given as undefined, and leaves out one not given, as zod does", () => {
    // Prepare
    const given = { ...sampleRequisition(aldre2022(), LUND) } as unknown as Json;
    given.recipient = { ...(given.recipient as Json), fax: undefined };
    // Act
    const [bySection, whole] = bothWays("requisition", given);
    // Assess
    expect(bySection).toStrictEqual(whole);
    expect(bySection.ok && "fax" in (bySection.form as { recipient: Json }).recipient).toBe(true);
  });
});
