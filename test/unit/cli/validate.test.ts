import { describe, expect, it } from "vitest";
import { cli, fixturePath, STACK_TRACE, tempFiles } from "./helpers.ts";

const LUND_2022 = ["--programme", "skr-aldreomsorg-2022", "--kommun", "1281", "--today", "2023-06-01"];

describe("statsbidrag validate", () => {
  it("prints OK and exits 0 for Lund's valid requisition", async () => {
    // Prepare
    const file = fixturePath("requisition-lund-2022.json");
    // Act
    const result = await cli("validate", "requisition", file, ...LUND_2022);
    // Assess
    expect(result).toEqual({ code: 0, stdout: "OK\n", stderr: "" });
  });

  it("prints OK and exits 0 for Lund's valid report", async () => {
    // Prepare
    const file = fixturePath("report-lund-2022.json");
    // Act
    const result = await cli("validate", "report", file, ...LUND_2022);
    // Assess
    expect(result).toEqual({ code: 0, stdout: "OK\n", stderr: "" });
  });

  it("prints each error as path, code and Swedish message, and exits 1", async () => {
    // Prepare
    const file = fixturePath("requisition-lund-2022-invalid.json");
    // Act
    const result = await cli("validate", "requisition", file, ...LUND_2022);
    // Assess
    expect(result.code).toBe(1);
    expect(result.stdout.trimEnd().split("\n")).toEqual([
      expect.stringMatching(/^grant\.agreementTitle\tTITLE_MISMATCH\tÖverenskommelsens benämning ska vara/),
      "grant.amount\tAMOUNT_EXCEEDS_ALLOCATION\tBeloppet 2 000 000 kr överstiger Lunds tilldelning 1 530 608 kr",
      "signature.date\tSIGNATURE_AFTER_DEADLINE\tUnderskriftsdatumet är efter sista dag för rekvisition (2022-12-01).",
    ]);
  });

  it("reports shape errors of a malformed form and exits 1", async () => {
    // Prepare
    const file = fixturePath("requisition-malformed.json");
    // Act
    const result = await cli("validate", "requisition", file, ...LUND_2022);
    // Assess
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("grant.amount\tNOT_AN_INTEGER_AMOUNT\t");
    expect(result.stdout).toContain("signature.signed\tUNKNOWN_FIELD\t");
  });

  it("defaults --today to today's Stockholm date (a 2022 signature is in the past)", async () => {
    // Prepare
    const file = fixturePath("requisition-lund-2022.json");
    // Act
    const result = await cli(
      "validate",
      "requisition",
      file,
      "--programme",
      "skr-aldreomsorg-2022",
      "--kommun",
      "1281",
    );
    // Assess
    expect(result.code).toBe(0);
  });

  it.each([
    [
      "a missing file",
      ["validate", "requisition", "/no/such/form.json", ...LUND_2022],
      "cannot read /no/such/form.json",
    ],
    [
      "an unknown programme",
      ["validate", "report", fixturePath("report-lund-2022.json"), "--programme", "x", "--kommun", "1281"],
      'unknown programme "x"',
    ],
    [
      "an unknown kommunkod",
      [
        "validate",
        "report",
        fixturePath("report-lund-2022.json"),
        "--programme",
        "skr-aldreomsorg-2022",
        "--kommun",
        "9999",
      ],
      'unknown recipient code "9999"',
    ],
    [
      "a bad --today",
      [
        "validate",
        "report",
        fixturePath("report-lund-2022.json"),
        ...LUND_2022.slice(0, 4),
        "--today",
        "2023-02-30",
      ],
      "--today must be a date",
    ],
    [
      "a bad form kind",
      ["validate", "ansökan", fixturePath("report-lund-2022.json"), ...LUND_2022],
      "requisition or report",
    ],
    [
      "an unknown option",
      ["validate", "report", fixturePath("report-lund-2022.json"), ...LUND_2022, "--strict"],
      "Unknown option '--strict'",
    ],
    [
      "a missing --kommun",
      ["validate", "report", fixturePath("report-lund-2022.json"), "--programme", "skr-aldreomsorg-2022"],
      "missing --kommun",
    ],
  ])("exits 2 with a clear message on %s", async (_case, argv, message) => {
    // Prepare: the arguments are the case
    // Act
    const result = await cli(...argv);
    // Assess
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain(message);
    expect(result.stderr).not.toMatch(STACK_TRACE);
  });

  it("exits 2 on a file that is not JSON", async () => {
    // Prepare
    const path = tempFiles({ "form.json": "{ recipient: " })("form.json");
    // Act
    const result = await cli("validate", "requisition", path, ...LUND_2022);
    // Assess
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("is not valid JSON");
    expect(result.stderr).not.toMatch(STACK_TRACE);
  });
});
