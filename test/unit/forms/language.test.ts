import { describe, expect, it } from "vitest";
import { genitiveEn, genitiveSv } from "../../../shared/forms/language.ts";

describe("genitive of municipality names", () => {
  it.each([
    ["Lund", "Lunds"],
    ["Upplands Väsby", "Upplands Väsbys"],
    ["Borås", "Borås"],
    ["Vaxholm", "Vaxholms"],
    ["Alvesta", "Alvestas"],
  ])("Swedish: %s → %s", (name, genitive) => {
    // Prepare: the input is the case
    // Act
    const result = genitiveSv(name);
    // Assess
    expect(result).toBe(genitive);
  });

  it("English: Lund → Lund's", () => {
    // Prepare
    const name = "Lund";
    // Act
    const result = genitiveEn(name);
    // Assess
    expect(result).toBe("Lund's");
  });
});
