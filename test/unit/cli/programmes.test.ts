import { describe, expect, it } from "vitest";
import { cli } from "./helpers.ts";

describe("statsbidrag programmes", () => {
  it("lists each programme's id, deadlines and title", async () => {
    // Prepare
    const argv = ["programmes"];
    // Act
    const result = await cli(...argv);
    // Assess
    expect(result.code).toBe(0);
    const lines = result.stdout.trimEnd().split("\n");
    expect(lines).toHaveLength(6);
    expect(lines.find((l) => l.startsWith("skr-aldreomsorg-2022 "))).toMatch(
      /^skr-aldreomsorg-2022\s+2022-12-01\s+2023-03-31\s+Överenskommelse om äldreomsorg .* 2022$/,
    );
    expect(lines.find((l) => l.startsWith("sos-valfardsteknik-2018"))).toMatch(
      /2018-11-01\s+–\s+Investering/,
    );
  });

  it("exits 2 on an unexpected argument", async () => {
    // Prepare
    const argv = ["programmes", "extra"];
    // Act
    const result = await cli(...argv);
    // Assess
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('unexpected argument "extra"');
  });
});
