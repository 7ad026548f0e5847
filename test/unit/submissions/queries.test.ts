import { describe, expect, it } from "vitest";
import { ValidationError } from "../../../shared/errors.ts";
import { parseSubmissionQuery } from "../../../shared/submissions/queries.ts";

const visible = new Set(["skr-aldreomsorg-2022", "skr-aldreomsorg-2021"]);
const parse = async (params: Record<string, string | undefined>) => parseSubmissionQuery(params, visible);

async function refusal(params: Record<string, string | undefined>): Promise<ValidationError> {
  try {
    await parse(params);
  } catch (error) {
    if (error instanceof ValidationError) return error;
    throw error;
  }
  throw new Error("expected a ValidationError");
}

describe("parseSubmissionQuery", () => {
  it("turns no parameters into no filter", async () => {
    // Prepare
    const params = {};
    // Act
    const filter = await parse(params);
    // Assess
    expect(filter).toEqual({});
  });

  it("maps programmeId, status and kommun to the store's filter", async () => {
    // Prepare
    const params = { programmeId: "skr-aldreomsorg-2022", status: "received", kommun: "1281" };
    // Act
    const filter = await parse(params);
    // Assess
    expect(filter).toEqual({ programmeId: "skr-aldreomsorg-2022", status: "received", kommunkod: "1281" });
  });

  it.each([
    "awaiting-original",
    "original-rejected",
    "received",
    "approved",
    "returned",
    "replaced",
    "refused",
    "paid",
    "lapsed",
  ])("accepts status %s", async (status) => {
    // Prepare
    const params = { status };
    // Act
    const filter = await parse(params);
    // Assess
    expect(filter.status).toBe(status);
  });

  it.each([
    ["status", { status: "bogus" }],
    ["kommun", { kommun: "12" }],
    ["kommun", { kommun: "1281 OR 1=1" }],
    ["programmeId", { programmeId: "no-such-programme" }],
    ["programmeId", { programmeId: "sos-valfardsteknik-2018" }],
  ])(
    "answers 400 INVALID_QUERY_PARAMETER naming %s (unknown, malformed or not the caller's)",
    async (path, params) => {
      // Prepare: the query string
      // Act
      const error = await refusal(params);
      // Assess
      expect(error.status).toBe(400);
      expect(error.errors).toEqual([
        {
          path,
          code: "INVALID_QUERY_PARAMETER",
          message: {
            sv: expect.stringContaining("sökparameter"),
            en: expect.stringContaining("query parameter"),
          },
        },
      ]);
    },
  );

  it("refuses an unknown parameter rather than ignoring it", async () => {
    // Prepare
    const params = { kommunkod: "1281" };
    // Act
    const error = await refusal(params);
    // Assess
    expect(error.errors).toHaveLength(1);
    expect(error.errors[0]?.code).toBe("INVALID_QUERY_PARAMETER");
  });

  it("names every bad parameter at once", async () => {
    // Prepare
    const params = { status: "bogus", kommun: "x" };
    // Act
    const error = await refusal(params);
    // Assess
    expect(error.errors.map((e) => e.path).sort()).toEqual(["kommun", "status"]);
  });
});
