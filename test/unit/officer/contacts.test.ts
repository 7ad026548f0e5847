import { describe, expect, it } from "vitest";
import { applyContactRows, parseContactsCsv, splitCsvLine } from "../../../shared/contacts/csv-import.ts";
import type { ContactEntry } from "../../../shared/contacts/model.ts";
import { recipientsOf } from "../../../shared/contacts/recipients.ts";
import { kommunSlug, seedEntries } from "../../../shared/contacts/seed.ts";

const actor = { sub: "cli:test", kind: "officer" as const };

describe("kommunSlug and seedEntries", () => {
  it("makes plain, clearly fake addresses for all 290 municipalities, 20 other regions and SKR", () => {
    // Act
    const entries = seedEntries("2022-09-01T00:00:00.000Z");
    // Assess
    expect(kommunSlug("Upplands Väsby")).toBe("upplands-vasby");
    expect(kommunSlug("Malmö")).toBe("malmo");
    expect(entries).toHaveLength(290 + 20 + 1);
    expect(entries.find((e) => e.kommunkod === "1281")?.registryEmail).toBe("registrator@lund.example");
    expect(entries.every((e) => /^registrator@[a-z0-9-]+\.example$/.test(e.registryEmail ?? ""))).toBe(true);
    expect(new Set(entries.map((e) => e.registryEmail)).size).toBe(311);
    expect(entries.find((e) => e.kommunkod === "0012")?.registryEmail).toBe(
      "registrator@region-skane.example",
    );
    expect(entries.find((e) => e.kommunkod === "0305")?.registryEmail).toBe("registrator@habo-0305.example");
  });
});

describe("parseContactsCsv", () => {
  it("reads registry rows and named contacts, with BOM, header and quoting", () => {
    // Prepare
    const text =
      '\uFEFFkommunkod;email;name\r\n1281;registrator@lund.se;\r\n1281;anna@lund.se;"Andersson; Anna"\r\n\r\n0114;reg@upplandsvasby.se\r\n';
    // Act
    const { rows, problems } = parseContactsCsv(text);
    // Assess
    expect(problems).toEqual([]);
    expect(rows).toEqual([
      { line: 2, kommunkod: "1281", email: "registrator@lund.se" },
      { line: 3, kommunkod: "1281", email: "anna@lund.se", name: "Andersson; Anna" },
      { line: 5, kommunkod: "0114", email: "reg@upplandsvasby.se" },
    ]);
  });

  it("reports every bad line", () => {
    // Act
    const { problems } = parseContactsCsv(
      "9999;a@b.se;\n1281;not-an-address;\n1281;x@lund.se;\n1281;y@lund.se;\n",
    );
    // Assess
    expect(problems.map((p) => p.line)).toEqual([1, 2, 3, 4]);
    expect(problems[0]?.message).toContain("unknown recipient code");
    expect(problems[1]?.message).toContain("invalid e-mail");
    expect(problems[3]?.message).toContain("registry address on line 2");
  });

  it("splits quoted cells as RFC 4180 says", () => {
    expect(splitCsvLine('1281;"a ""b"" c";x')).toEqual(["1281", 'a "b" c', "x"]);
  });
});

describe("applyContactRows and recipientsOf", () => {
  it("replaces only the part a row gives, and mails registry, contact and latest submitter once each", () => {
    // Prepare
    const current = new Map<string, ContactEntry>([
      [
        "1281",
        {
          kommunkod: "1281",
          kommun: "Lund",
          registryEmail: "registrator@lund.example",
          updatedAt: "x",
          updatedBy: actor,
        },
      ],
    ]);
    // Act
    const [lund] = applyContactRows(
      current,
      [{ line: 1, kommunkod: "1281", email: "anna@lund.se", name: "Anna" }],
      "now",
      actor,
    );
    const directory = {
      entries: new Map([["1281", lund as ContactEntry]]),
      latestSubmitter: new Map([
        ["1281", "ANNA@lund.se"],
        ["0114", "ekonomi@upplandsvasby.se"],
      ]),
    };
    // Assess
    expect(lund).toMatchObject({
      registryEmail: "registrator@lund.example",
      contact: { name: "Anna", email: "anna@lund.se" },
    });
    expect(recipientsOf(directory, "1281")).toEqual(["registrator@lund.example", "anna@lund.se"]);
    expect(recipientsOf(directory, "0114")).toEqual(["ekonomi@upplandsvasby.se"]);
    expect(recipientsOf(directory, "0115")).toEqual([]);
  });
});
