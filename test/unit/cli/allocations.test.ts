import { describe, expect, it } from "vitest";
import { cli } from "./helpers.ts";

describe("statsbidrag allocations", () => {
  it("prints JSON by default: 290 rows with integer amounts, modelExtra 0 where none", async () => {
    // Prepare
    const argv = ["allocations", "skr-aldreomsorg-2022"];
    // Act
    const result = await cli(...argv);
    // Assess
    expect(result.code).toBe(0);
    const rows = JSON.parse(result.stdout) as { kommunkod: string; amount: number; modelExtra: number }[];
    expect(rows).toHaveLength(290);
    expect(rows.find((r) => r.kommunkod === "1281")).toEqual({
      kommunkod: "1281",
      kommun: "Lund",
      amount: 1_530_608,
      modelExtra: 1_500_000,
    });
    expect(rows.find((r) => r.kommunkod === "0180")?.modelExtra).toBe(0);
    expect(rows.every((r) => Number.isInteger(r.amount) && Number.isInteger(r.modelExtra))).toBe(true);
  });

  it("prints CSV for Excel: BOM, ; separator, header row, CRLF", async () => {
    // Prepare
    const argv = ["allocations", "skr-aldreomsorg-2022", "--format", "csv"];
    // Act
    const result = await cli(...argv);
    // Assess
    expect(result.code).toBe(0);
    expect(result.stdout.startsWith("\uFEFFkommunkod;kommun;amount;modelExtra\r\n")).toBe(true);
    const lines = result.stdout.trimEnd().split("\r\n");
    expect(lines).toHaveLength(291);
    expect(lines).toContain("1281;Lund;1530608;1500000");
    expect(lines).toContain("0114;Upplands Väsby;542261;0");
  });

  it("exits 2 on an unknown programme, naming the known ones", async () => {
    // Prepare
    const argv = ["allocations", "skr-aldreomsorg-2030"];
    // Act
    const result = await cli(...argv);
    // Assess
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain(
      "known: sos-valfardsteknik-2018, skr-aldreomsorg-2021, skr-aldreomsorg-2022",
    );
  });

  it.each([[["allocations"]], [["allocations", "skr-aldreomsorg-2022", "--format", "xlsx"]]])(
    "exits 2 on bad arguments %j",
    async (argv) => {
      // Prepare: the arguments are the case
      // Act
      const result = await cli(...argv);
      // Assess
      expect(result.code).toBe(2);
      expect(result.stderr).toContain("Usage: statsbidrag allocations");
    },
  );
});
