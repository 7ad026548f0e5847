import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { REFERENCE_PATTERN, submissionReference } from "../../../shared/submissions/reference.ts";

describe("submissionReference", () => {
  it.each([
    ["a base requisition", "requisition", "base", "SB-2022-1281-R1"],
    ["a requisition without grant kind", "requisition", undefined, "SB-2022-1281-R1"],
    ["a model-municipality extra", "requisition", "model-extra", "SB-2022-1281-M1"],
    ["a financial report", "report", undefined, "SB-2022-1281-E1"],
    ["a report, whatever grant kind is passed", "report", "model-extra", "SB-2022-1281-E1"],
  ] as const)("formats %s as SB-<year>-<kommunkod>-<letter><version>", (_, kind, grantKind, expected) => {
    // Prepare: kind and grant kind
    // Act
    const reference = submissionReference(2022, "1281", kind, grantKind);
    // Assess
    expect(reference).toBe(expected);
  });

  it("counts a corrected resubmission in the version", () => {
    // Prepare
    const version = 2;
    // Act
    const reference = submissionReference(2021, "0180", "requisition", "base", version);
    // Assess
    expect(reference).toBe("SB-2021-0180-R2");
  });

  it("keeps the leading zero of a kommunkod", () => {
    // Prepare
    const kommunkod = "0114";
    // Act
    const reference = submissionReference(2018, kommunkod, "report", undefined);
    // Assess
    expect(reference).toBe("SB-2018-0114-E1");
  });

  it("always matches REFERENCE_PATTERN (property)", () => {
    // Prepare
    const args = fc.record({
      year: fc.integer({ min: 2000, max: 2100 }),
      kommunkod: fc.stringMatching(/^\d{4}$/),
      kind: fc.constantFrom("requisition" as const, "report" as const),
      grantKind: fc.constantFrom("base" as const, "model-extra" as const, undefined),
      version: fc.integer({ min: 1, max: 999 }),
    });
    // Act + Assess
    fc.assert(
      fc.property(args, (a) =>
        REFERENCE_PATTERN.test(submissionReference(a.year, a.kommunkod, a.kind, a.grantKind, a.version)),
      ),
    );
  });

  it.each([
    "SB-2022-128-R1",
    "SB-22-1281-R1",
    "SB-2022-1281-X1",
    "SB-2022-1281-R",
    "sb-2022-1281-r1",
    "SB-2022-1281-R1\n",
  ])("REFERENCE_PATTERN refuses %j", (text) => {
    // Prepare: the candidate text
    // Act
    const matches = REFERENCE_PATTERN.test(text);
    // Assess
    expect(matches).toBe(false);
  });
});
