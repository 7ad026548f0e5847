import { describe, expect, it } from "vitest";
import {
  allMunicipalities,
  municipalityByCode,
  municipalityByName,
  resolveMunicipality,
} from "../../../shared/municipalities/registry.ts";
import { allocationFor } from "../../../shared/programmes/catalogue.ts";
import { type Programme, programmeSchema } from "../../../shared/programmes/schema.ts";
import { SEED_PROGRAMMES, seedProgramme } from "../../../shared/programmes/seeds.ts";

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

describe("programme data (shared/programmes/data)", () => {
  it("has the three programmes", () => {
    // Prepare
    const expected = Object.keys(TOTALS).sort();
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
      allMunicipalities()
        .map((m) => m.kommunkod)
        .sort(),
    );
    for (const a of p.allocations) expect(a.kommun).toBe(municipalityByCode(a.kommunkod)?.name);
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

describe("municipality names", () => {
  it('resolves the agencies\' misspelling "Mölnadal" to 1481 Mölndal', () => {
    // Prepare
    const name = "Mölnadal";
    // Act
    const byName = municipalityByName(name);
    const resolved = resolveMunicipality(` ${name} `);
    // Assess
    expect(byName).toEqual({ kommunkod: "1481", name: "Mölndal" });
    expect(resolved).toEqual(byName);
  });

  it("resolves a name written with decomposed Unicode (as copied from PDFs)", () => {
    // Prepare
    const decomposed = "Mölndal".normalize("NFD");
    // Act
    const resolved = resolveMunicipality(decomposed);
    // Assess
    expect(resolved?.kommunkod).toBe("1481");
  });

  it.each(["Molndal", "Mölndall", "Mölndals kommun", "Lundd", "Göteborgs stad", ""])(
    "does not fuzzy-match %j",
    (name) => {
      // Prepare: the name is the case
      // Act
      const resolved = resolveMunicipality(name);
      // Assess
      expect(resolved).toBeUndefined();
    },
  );
});
