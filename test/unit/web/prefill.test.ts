import { describe, expect, it } from "vitest";
import type { Programme } from "../../../shared/programmes/schema.ts";
import { seedProgramme } from "../../../shared/programmes/seeds.ts";
import { sharedStart } from "../../../web/src/forms/prefill.ts";

function programme(id: string): Programme {
  const found = seedProgramme(id);
  if (!found) throw new Error(`test setup: no programme ${id}`);
  return found;
}

describe("what both forms start from", () => {
  it.each([
    ["1281", "Lunds kommun"],
    ["1490", "Borås kommun"],
    ["0980", "Region Gotland"],
  ])("pre-fills %s's name as the recipient rule accepts it: %s", (kommunkod, name) => {
    // Prepare
    const p = programme("skr-aldreomsorg-2022");
    // Act
    const start = sharedStart(p, kommunkod, {});
    // Assess
    expect(start["recipient.name"]).toBe(name);
  });

  it("pre-fills the agreement's own title, not the service's title with its year", () => {
    // Prepare
    const p = programme("skr-aldreomsorg-2022");
    // Act
    const start = sharedStart(p, "1281", {});
    // Assess
    expect(start["grant.agreementTitle"]).toBe(p.agreementTitle);
    expect(start["grant.agreementTitle"]).not.toBe(p.title);
  });

  it("pre-fills no agreement title where the programme rests on a government decision", () => {
    // Prepare
    const p = programme("sos-valfardsteknik-2018");
    // Act
    const start = sharedStart(p, "1281", {});
    // Assess
    expect(start["grant.agreementTitle"]).toBe("");
  });
});
