import { describe, expect, it } from "vitest";
import { findProgramme } from "../../../shared/programmes/catalogue.ts";
import type { Programme } from "../../../shared/programmes/schema.ts";
import { sharedStart } from "../../../web/src/forms/prefill.ts";

function programme(id: string): Programme {
  const found = findProgramme(id);
  if (!found) throw new Error(`test setup: no programme ${id}`);
  return found;
}

describe("what both forms start from", () => {
  it("pre-fills the agreement's own title, not the service's title with its year", () => {
    // Prepare
    const p = programme("skr-aldreomsorg-2022");
    // Act
    const start = sharedStart(p, "Lund", {});
    // Assess
    expect(start["grant.agreementTitle"]).toBe(p.agreementTitle);
    expect(start["grant.agreementTitle"]).not.toBe(p.title);
  });

  it("pre-fills no agreement title where the programme rests on a government decision", () => {
    // Prepare
    const p = programme("sos-valfardsteknik-2018");
    // Act
    const start = sharedStart(p, "Lund", {});
    // Assess
    expect(start["grant.agreementTitle"]).toBe("");
  });
});
