import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ValidationError } from "../../../shared/errors.ts";
import { csvCell, toCsv } from "../../../shared/officer/csv.ts";
import { EXPORT_HEADER, EXPORT_HEADER_SV, exportCsv } from "../../../shared/officer/export.ts";
import { positions } from "../../../shared/officer/overview.ts";
import { exportLanguage } from "../../../shared/officer/reporting.ts";
import type { Programme } from "../../../shared/programmes/schema.ts";
import { seedProgramme } from "../../../shared/programmes/seeds.ts";

describe("csvCell", () => {
  it.each([
    ["=SUM(A1:A9)", "'=SUM(A1:A9)"],
    ["+46 8 123", "'+46 8 123"],
    ["-1+1", "'-1+1"],
    ["@cmd", "'@cmd"],
    ["\tTAB", "'\tTAB"],
    ["\rCR", '"\'\rCR"'],
    ["Lund", "Lund"],
    ["Upplands Väsby", "Upplands Väsby"],
  ])("neutralises a formula start: %j → %j", (input, expected) => {
    expect(csvCell(input)).toBe(expected);
  });

  it("quotes per RFC 4180 where needed", () => {
    expect(csvCell("a;b")).toBe('"a;b"');
    expect(csvCell('say "hej"')).toBe('"say ""hej"""');
    expect(csvCell("two\nlines")).toBe('"two\nlines"');
    expect(csvCell('=x;"y"')).toBe(`"'=x;""y"""`);
  });

  it("writes numbers as digits and empty cells as nothing", () => {
    expect(csvCell(1_530_608)).toBe("1530608");
    expect(csvCell(0)).toBe("0");
    expect(csvCell(undefined)).toBe("");
    expect(csvCell(null)).toBe("");
    expect(csvCell(true)).toBe("ja");
  });

  it("never lets a text cell start a formula and always round-trips (property)", () => {
    const cellText = fc
      .tuple(
        fc.constantFrom("", "=", "+", "-", "@", "\t", "\r", '"', ";", "\n"),
        fc.string({ maxLength: 24 }),
      )
      .map(([start, rest]) => start + rest);
    fc.assert(
      fc.property(cellText, (text) => {
        const cell = csvCell(text);
        const unquoted = cell.startsWith('"') ? cell.slice(1, -1).replaceAll('""', '"') : cell;
        expect(/^[=+\-@\t\r]/.test(unquoted)).toBe(false);
        expect(unquoted === text || unquoted === `'${text}`).toBe(true);
      }),
    );
  });
});

describe("toCsv and exportCsv", () => {
  it("writes UTF-8 with BOM, ; between cells and CRLF between rows", () => {
    expect(
      toCsv([
        ["a", 1],
        ["b;c", 2],
      ]),
    ).toBe('\uFEFFa;1\r\n"b;c";2\r\n');
  });

  it("has one row per municipality under a Swedish header, with Swedish values, by default", () => {
    // Prepare
    const programme = seedProgramme("skr-aldreomsorg-2022") as Programme;
    // Act
    const csv = exportCsv(positions(programme, [], []));
    // Assess
    const lines = csv.slice(1).trimEnd().split("\r\n");
    expect(lines[0]).toBe(EXPORT_HEADER_SV.join(";"));
    expect(lines[0]?.startsWith("Mottagarkod;Mottagare;Mottagartyp;Tilldelning (kr);")).toBe(true);
    expect(lines).toHaveLength(291);
    expect(lines[1]?.startsWith("0114;Upplands Väsby;kommun;542261;0;0;0;0;542261;Ej rekvirerat")).toBe(true);
  });

  it("keeps the English keys and values for scripts with lang en", () => {
    // Prepare
    const programme = seedProgramme("skr-aldreomsorg-2022") as Programme;
    // Act
    const lines = exportCsv(positions(programme, [], []), { appropriation: null }, "en")
      .slice(1)
      .trimEnd()
      .split("\r\n");
    // Assess
    expect(lines[0]).toBe(EXPORT_HEADER.join(";"));
    expect(
      lines[1]?.startsWith("0114;Upplands Väsby;municipality;542261;0;0;0;0;542261;not-requisitioned"),
    ).toBe(true);
  });

  it("names the appropriation a payment is charged to, on paid rows only", () => {
    // Prepare: Lund paid, Ale not
    const programme = seedProgramme("skr-aldreomsorg-2022") as Programme;
    const list = positions(programme, [], []).map((p) =>
      p.kommunkod === "1281" ? { ...p, paid: 1_530_608 } : p,
    );
    // Act
    const lines = exportCsv(list, { appropriation: programme.appropriation })
      .slice(1)
      .trimEnd()
      .split("\r\n");
    // Assess
    const column = EXPORT_HEADER_SV.indexOf("Anslag");
    const cell = (kommunkod: string) => lines.find((l) => l.startsWith(kommunkod))?.split(";")[column];
    expect(cell("1281")).toBe("UO 9 anslag 4:5 ap. 8 Utvecklingsmedel - Kammarkollegiet");
    expect(cell("1440")).toBe("");
  });
});

describe("exportLanguage", () => {
  it("is Swedish unless English is asked for, and refuses anything else naming lang", () => {
    // Act
    const languages = [exportLanguage(undefined), exportLanguage("sv"), exportLanguage("en")];
    const refused = (() => {
      try {
        exportLanguage("de");
      } catch (error) {
        return error as ValidationError;
      }
      return undefined;
    })();
    // Assess
    expect(languages).toEqual(["sv", "sv", "en"]);
    expect(refused?.errors[0]).toMatchObject({ path: "lang", code: "INVALID_QUERY_PARAMETER" });
  });

  it("has a column per programme question with each municipality's answer, ja/nej for yes-no", () => {
    // Prepare: the 2018 programme's report questions; Lund's report answered two of them
    const programme = seedProgramme("sos-valfardsteknik-2018") as Programme;
    const list = positions(programme, [], []).map((p) =>
      p.kommunkod === "1281"
        ? {
            ...p,
            report: {
              id: "r-1",
              reference: "SB-2018-1281-E1",
              status: "received" as const,
              receivedOn: "2019-03-01",
              received: 1,
              unspent: 0,
              late: false,
            },
          }
        : p,
    );
    const answers = new Map([
      ["r-1", { anvandning: "Digitala lås och nattkameror.", forutsattningar: false }],
    ]);
    // Act
    const [header = "", ...rows] = exportCsv(list, {
      appropriation: null,
      questions: programme.questions,
      answers,
    })
      .slice(1)
      .trimEnd()
      .split("\r\n");
    // Assess
    const columns = header.split(";");
    const lund = rows.find((r) => r.startsWith("1281"))?.split(";") ?? [];
    const cell = (title: string) => lund[columns.indexOf(title)];
    expect(columns).toContain("Svar: Vad har stimulansmedlen använts till?");
    expect(cell("Svar: Vad har stimulansmedlen använts till?")).toBe("Digitala lås och nattkameror.");
    expect(
      cell(
        "Svar: Har medel använts till investeringar som ökar förutsättningarna för välfärdsteknik (t.ex. wi-fi i särskilda boenden eller operativ kunskap)?",
      ),
    ).toBe("nej");
  });
});
