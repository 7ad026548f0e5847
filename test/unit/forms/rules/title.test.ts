import { describe, expect, it } from "vitest";
import { titleErrors } from "../../../../shared/forms/rules/title.ts";
import { codesOf } from "../helpers.ts";

const TITLE = "Överenskommelse om äldreomsorg – teknik, kvalitet och effektivitet med den äldre i fokus 2022";

describe("agreement title", () => {
  it("accepts the title with other case, extra whitespace and a plain hyphen", () => {
    // Prepare
    const given =
      "  ÖVERENSKOMMELSE om äldreomsorg - teknik,  kvalitet och effektivitet\nmed den äldre i fokus 2022 ";
    // Act
    const errors = titleErrors("grant.agreementTitle", given, TITLE);
    // Assess
    expect(errors).toEqual([]);
  });

  it("rejects another programme's title and names the expected one", () => {
    // Prepare
    const given = TITLE.replace("2022", "2021");
    // Act
    const errors = titleErrors("grant.agreementTitle", given, TITLE);
    // Assess
    expect(codesOf(errors)).toEqual(["TITLE_MISMATCH"]);
    expect(errors[0]?.message.sv).toContain(TITLE);
  });
});
