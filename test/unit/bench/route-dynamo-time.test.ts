import { describe, expect, it } from "vitest";
import { coveredMs } from "../../../bench/lib/route-dynamo-time.ts";

describe("a request's DynamoDB time", () => {
  it("counts calls made in parallel once", () => {
    // Prepare: two overlapping calls and one after them
    const intervals: [number, number][] = [
      [10, 30],
      [20, 40],
      [50, 55],
    ];

    // Act
    const total = coveredMs(intervals);

    // Assess: 10–40 and 50–55
    expect(total).toBe(35);
  });

  it("counts a call inside another's interval not at all, in any order", () => {
    expect(
      coveredMs([
        [5, 6],
        [0, 10],
      ]),
    ).toBe(10);
  });

  it("is zero for a request that made no call", () => {
    expect(coveredMs([])).toBe(0);
  });
});
