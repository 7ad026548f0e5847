import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { cli, repoPath, STACK_TRACE, tempFiles } from "./helpers.ts";

const IDS = ["sos-valfardsteknik-2018", "skr-aldreomsorg-2021", "skr-aldreomsorg-2022"];
const source = (id: string, ext: string) => repoPath(`shared/programmes/sources/${id}.${ext}`);
const dataFile = (id: string) => readFileSync(repoPath(`shared/programmes/data/${id}.json`), "utf8");
const csv2022 = () => readFileSync(source("skr-aldreomsorg-2022", "bilaga1.csv"), "utf8");

/** Runs the import of the 2022 metadata with a changed Bilaga 1. */
async function importWithCsv(csv: string) {
  const file = tempFiles({ "bilaga1.csv": csv })("bilaga1.csv");
  return cli("programme", "import", source("skr-aldreomsorg-2022", "meta.json"), file);
}

describe("statsbidrag programme import", () => {
  it.each(IDS)("reproduces shared/programmes/data/%s.json byte for byte on stdout", async (id) => {
    // Prepare
    const expected = dataFile(id);
    // Act
    const result = await cli("programme", "import", source(id, "meta.json"), source(id, "bilaga1.csv"));
    // Assess
    expect(result.code).toBe(0);
    expect(result.stderr).toBe("");
    expect(result.stdout === expected).toBe(true);
  });

  it("writes the same bytes to --out and says so", async () => {
    // Prepare
    const out = tempFiles({})("programme.json");
    const id = "skr-aldreomsorg-2022";
    // Act
    const result = await cli(
      "programme",
      "import",
      source(id, "meta.json"),
      source(id, "bilaga1.csv"),
      "--out",
      out,
    );
    // Assess
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(`Wrote ${out}: 290 allocations, 167 100 000 kr\n`);
    expect(readFileSync(out, "utf8") === dataFile(id)).toBe(true);
  });

  it("refuses an unknown name, with its line number, and does not fuzzy-match", async () => {
    // Prepare
    const csv = csv2022().replace("Alingsås;705 477", "Alingsaas;705 477");
    // Act
    const result = await importWithCsv(csv);
    // Assess
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain('line 3: unknown municipality "Alingsaas"');
    expect(result.stderr).toContain("missing Alingsås (1489)");
  });

  it("refuses a missing municipality and the wrong total it causes", async () => {
    // Prepare
    const csv = csv2022().replace("Aneby;250 000\n", "");
    // Act
    const result = await importWithCsv(csv);
    // Assess
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("missing Aneby (0604)");
    expect(result.stderr).toContain("total 166 850 000 kr differs from the stated 167 100 000 kr");
  });

  it("refuses a duplicate row, naming both lines", async () => {
    // Prepare
    const csv = `${csv2022().trimEnd()}\nAle;381 308\n`;
    // Act
    const result = await importWithCsv(csv);
    // Assess
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^line 292: Ale \(1440\) also on line 2$/m);
  });

  it("refuses a table whose amounts don't add up to the stated total", async () => {
    // Prepare
    const csv = csv2022().replace("Ale;381 308", "Ale;381 309");
    // Act
    const result = await importWithCsv(csv);
    // Assess
    expect(result.code).toBe(1);
    expect(result.stderr.trimEnd()).toBe("total 167 100 001 kr differs from the stated 167 100 000 kr");
  });

  it("refuses an amount that is not whole kronor, with its line", async () => {
    // Prepare
    const csv = csv2022().replace("Ale;381 308", "Ale;381 308,50");
    // Act
    const result = await importWithCsv(csv);
    // Assess
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('line 2: amount "381 308,50" is not whole kronor');
  });

  it.each([
    [
      "a missing CSV",
      ["programme", "import", source("skr-aldreomsorg-2022", "meta.json"), "/no/such.csv"],
      "cannot read /no/such.csv",
    ],
    [
      "a missing argument",
      ["programme", "import", source("skr-aldreomsorg-2022", "meta.json")],
      "need <meta.json> and <bilaga1.csv>",
    ],
    ["an unknown subcommand", ["programme", "export"], 'unknown subcommand "export"'],
    [
      "both a file and the API",
      [
        "programme",
        "import",
        source("skr-aldreomsorg-2022", "meta.json"),
        source("skr-aldreomsorg-2022", "bilaga1.csv"),
        "--publish",
        "--token",
        "t",
        "--out",
        "x.json",
      ],
      "--out writes a file; --api/--publish send to the API",
    ],
    [
      "an API import without a token",
      [
        "programme",
        "import",
        source("skr-aldreomsorg-2022", "meta.json"),
        source("skr-aldreomsorg-2022", "bilaga1.csv"),
        "--api",
        "http://127.0.0.1:9",
      ],
      "statsbidrag token --officer",
    ],
  ])("exits 2 on %s", async (_case, argv, message) => {
    // Prepare: the arguments are the case
    // Act
    const result = await cli(...argv);
    // Assess
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
    expect(result.stderr).not.toMatch(STACK_TRACE);
  });

  it("exits 2 on metadata that is not JSON", async () => {
    // Prepare
    const files = tempFiles({ "meta.json": "{", "bilaga1.csv": "Kommun;Belopp\n" });
    // Act
    const result = await cli("programme", "import", files("meta.json"), files("bilaga1.csv"));
    // Assess
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("is not valid JSON");
  });
});
