import { describe, expect, it } from "vitest";
import { allocationFor } from "../../../shared/programmes/catalogue.ts";
import { type Programme, programmeSchema } from "../../../shared/programmes/schema.ts";
import { SEED_PROGRAMMES, seedProgramme } from "../../../shared/programmes/seeds.ts";
import { recipientByCode, recipientsOfKinds, resolveRecipient } from "../../../shared/recipients/registry.ts";

const MODEL_MUNICIPALITIES = [
  "Borås",
  "Eskilstuna",
  "Grästorp",
  "Kalmar",
  "Karlstad",
  "Kramfors",
  "Lund",
  "Skellefteå",
  "Uddevalla",
  "Övertorneå",
];
const TOTALS: Record<string, number> = {
  "sos-valfardsteknik-2018": 350_000_000,
  "skr-aldreomsorg-2021": 168_700_000,
  "skr-aldreomsorg-2022": 167_100_000,
};

function programme(id: string): Programme {
  const found = seedProgramme(id);
  if (!found) throw new Error(`test setup: no programme ${id}`);
  return found;
}

const SKR_SHARES: Record<string, number> = {
  "skr-aldreomsorg-2021-skr": 16_300_000,
  "skr-aldreomsorg-2022-skr": 17_900_000,
};

describe("programme data (shared/programmes/data)", () => {
  it("has the three programmes to municipalities and SKR's own two shares", () => {
    // Prepare
    const expected = [...Object.keys(TOTALS), ...Object.keys(SKR_SHARES)].sort();
    // Act
    const ids = SEED_PROGRAMMES.map((p) => p.id);
    // Assess
    expect([...ids].sort()).toEqual(expected);
  });

  it.each(Object.entries(TOTALS))("%s: 290 allocations, one per municipality, no duplicates", (id) => {
    // Prepare
    const p = programme(id);
    // Act
    const codes = p.allocations.map((a) => a.kommunkod);
    // Assess
    expect(codes).toHaveLength(290);
    expect(new Set(codes).size).toBe(290);
    expect([...codes].sort()).toEqual(
      recipientsOfKinds(["municipality"])
        .map((m) => m.code)
        .sort(),
    );
    for (const a of p.allocations) expect(a.kommun).toBe(recipientByCode(a.kommunkod)?.name);
  });

  it.each(Object.entries(TOTALS))("%s: base amounts total exactly %d kr", (id, total) => {
    // Prepare
    const p = programme(id);
    // Act
    const sum = p.allocations.reduce((s, a) => s + a.amount, 0);
    // Assess
    expect(sum).toBe(total);
    expect(p.totalBase).toBe(total);
    expect(p.allocations.every((a) => Number.isSafeInteger(a.amount) && a.amount > 0)).toBe(true);
  });

  it.each(["skr-aldreomsorg-2021", "skr-aldreomsorg-2022"])(
    "%s: 1 500 000 kr model extra for each of the 10 model municipalities and no one else",
    (id) => {
      // Prepare
      const p = programme(id);
      // Act
      const withExtra = p.allocations.filter((a) => a.modelExtra > 0);
      // Assess
      expect(withExtra.map((a) => a.kommun).sort()).toEqual([...MODEL_MUNICIPALITIES].sort());
      expect(withExtra.every((a) => a.modelExtra === 1_500_000)).toBe(true);
      expect(p.modelExtra?.total).toBe(15_000_000);
    },
  );

  it("sos-valfardsteknik-2018 has no model extra", () => {
    // Prepare
    const p = programme("sos-valfardsteknik-2018");
    // Act
    const extras = p.allocations.filter((a) => a.modelExtra !== 0);
    // Assess
    expect(extras).toEqual([]);
    expect(p.modelExtra).toBeNull();
  });

  it("sos-valfardsteknik-2018 rests on a government decision: no agreement title or case number", () => {
    // Prepare
    const p = programme("sos-valfardsteknik-2018");
    // Act
    const withAgreementNumber = programmeSchema.safeParse({ ...p, agreementDiarienummer: "S2018/00001/SOF" });
    // Assess
    expect(p.agreementTitle).toBeNull();
    expect(p.agreementDiarienummer).toBeNull();
    expect(withAgreementNumber.success).toBe(false);
  });

  it("gives Lund 1 530 608 kr in 2022", () => {
    // Prepare
    const p = programme("skr-aldreomsorg-2022");
    // Act
    const lund = allocationFor(p, "1281");
    // Assess
    expect(lund).toEqual({ kommunkod: "1281", kommun: "Lund", amount: 1_530_608, modelExtra: 1_500_000 });
  });
});

describe("SKR's own share (seed 000 and 001, 7.2 Medel till SKR)", () => {
  it.each(Object.entries(SKR_SHARES))("%s pays %d kr to SKR alone, in one requisition", (id, total) => {
    // Prepare
    const p = programme(id);
    // Act
    const rows = p.allocations;
    // Assess
    expect(p.recipientKinds).toEqual(["organisation"]);
    expect(rows).toEqual([
      { kommunkod: "9001", kommun: "Sveriges Kommuner och Regioner", amount: total, modelExtra: 0 },
    ]);
    expect(p.totalBase).toBe(total);
    expect(p.modelExtra).toBeNull();
  });

  it("adds up with the municipalities' share to the agreement's 200 mnkr", () => {
    // Prepare: 7.1 municipalities (all + model municipalities) and 7.2 SKR
    const year = (y: number) =>
      programme(`skr-aldreomsorg-${y}`).totalBase +
      (programme(`skr-aldreomsorg-${y}`).modelExtra?.total ?? 0) +
      programme(`skr-aldreomsorg-${y}-skr`).totalBase;
    // Act
    const totals = [year(2021), year(2022)];
    // Assess: "Totalt för Överenskommelsen 200"
    expect(totals).toEqual([200_000_000, 200_000_000]);
  });
});

describe("recipient names", () => {
  it('resolves the agencies\' misspelling "Mölnadal" to 1481 Mölndal', () => {
    // Prepare
    const name = "Mölnadal";
    // Act
    const resolved = resolveRecipient(` ${name} `, ["municipality"]);
    // Assess
    expect(resolved).toEqual({ code: "1481", kind: "municipality", name: "Mölndal" });
  });

  it("resolves a name written with decomposed Unicode (as copied from PDFs)", () => {
    // Prepare
    const decomposed = "Mölndal".normalize("NFD");
    // Act
    const resolved = resolveRecipient(decomposed, ["municipality"]);
    // Assess
    expect(resolved?.code).toBe("1481");
  });

  it.each(["Molndal", "Mölndall", "Mölndals kommun", "Lundd", "Göteborgs stad", "Skåne", ""])(
    "does not fuzzy-match %j",
    (name) => {
      // Prepare: the name is the case
      // Act
      const resolved = resolveRecipient(name);
      // Assess
      expect(resolved).toBeUndefined();
    },
  );

  it("finds a region only in a table for regions, and Gotland in both", () => {
    // Prepare
    const regions = ["region"] as const;
    // Act
    const inRegionTable = [
      resolveRecipient("Region Skåne", regions),
      resolveRecipient("Region Gotland", regions),
    ];
    const inMunicipalTable = resolveRecipient("Region Skåne", ["municipality"]);
    // Assess
    expect(inRegionTable.map((r) => r?.code)).toEqual(["0012", "0980"]);
    expect(inMunicipalTable).toBeUndefined();
    expect(recipientsOfKinds(regions)).toHaveLength(21);
  });
});
