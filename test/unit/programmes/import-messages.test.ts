import { readFileSync } from "node:fs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import * as z from "zod/mini";
import { importProgramme } from "../../../shared/programmes/import.ts";

const SOURCES = new URL("../../../shared/programmes/sources/", import.meta.url);
const META = JSON.parse(readFileSync(new URL("sos-valfardsteknik-2018.meta.json", SOURCES), "utf8"));
const CSV = readFileSync(new URL("sos-valfardsteknik-2018.bilaga1.csv", SOURCES), "utf8");

describe("programme import problems (the schema on zod/mini)", () => {
  // Classic zod, which other modules of this process may load, sets English for everyone; a
  // Lambda bundle with zod/mini only has no locale unless the parse brings one.
  let global: z.core.$ZodConfig["localeError"];
  beforeEach(() => {
    global = z.config().localeError;
    z.config({ localeError: undefined });
  });
  afterEach(() => {
    z.config({ localeError: global });
  });

  it("quotes zod's English message for each bad metadata field, in both languages' texts", () => {
    // Prepare
    const meta = { ...META, year: 1999, officerEmails: [] };
    // Act
    const result = importProgramme(meta, CSV);
    // Assess
    expect(result.ok).toBe(false);
    expect(result.ok ? [] : result.problems).toEqual([
      {
        code: "INVALID_META",
        message: {
          sv: "Metadata year: Too small: expected number to be >=2000",
          en: "meta year: Too small: expected number to be >=2000",
        },
      },
      {
        code: "INVALID_META",
        message: {
          sv: "Metadata officerEmails: Too small: expected array to have >=1 items",
          en: "meta officerEmails: Too small: expected array to have >=1 items",
        },
      },
    ]);
  });

  it("keeps a rule's own message where the schema gives one", () => {
    // Prepare
    const meta = { ...META, grantPeriod: { from: "2018-12-31", to: "2018-01-01" } };
    // Act
    const result = importProgramme(meta, CSV);
    // Assess
    expect(result.ok ? [] : result.problems.map((p) => p.message.en)).toEqual([
      "meta grantPeriod: period ends before it starts",
    ]);
  });
});
