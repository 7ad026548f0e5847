import { describe, expect, it } from "vitest";
import { ValidationError } from "../../../shared/errors.ts";
import { parseOfficerQuery } from "../../../shared/officer/listing.ts";

const P = "skr-aldreomsorg-2022";

function errorPaths(params: Record<string, string>): string[] {
  try {
    parseOfficerQuery(P, params);
    return [];
  } catch (error) {
    if (error instanceof ValidationError) return error.errors.map((e) => e.path);
    throw error;
  }
}

describe("parseOfficerQuery", () => {
  it("reads every filter, with a default page size", () => {
    // Act
    const all = parseOfficerQuery(P, {});
    const some = parseOfficerQuery(P, {
      status: "received",
      kommun: "1281",
      kind: "report",
      limit: "10",
      cursor: "abc",
    });
    // Assess
    expect(all).toEqual({ programmeId: P, limit: 50 });
    expect(some).toEqual({
      programmeId: P,
      status: "received",
      kommunkod: "1281",
      kind: "report",
      limit: 10,
      cursor: "abc",
    });
  });

  it("names every bad parameter", () => {
    // Act + Assess
    expect(errorPaths({ status: "lost", kommun: "12", kind: "form", limit: "0", order: "x" })).toEqual([
      "order",
      "status",
      "kommun",
      "kind",
      "limit",
    ]);
    expect(errorPaths({ limit: "201" })).toEqual(["limit"]);
    expect(errorPaths({ limit: "1.5" })).toEqual(["limit"]);
  });
});
