import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { originalKey, parseOriginalKey } from "../../../shared/submissions/object-keys.ts";

const SUB = "5b1f3a52-6f0e-4c4e-9a53-1f2f0b1c2d3e";
const ATT = "9c8b7a65-4321-4fed-8cba-0123456789ab";

describe("originalKey", () => {
  it("builds originals/<programme>/<kommunkod>/<submission>/<attachment>", () => {
    // Prepare
    const submission = { programmeId: "skr-aldreomsorg-2022", kommunkod: "1281", id: SUB };
    // Act
    const key = originalKey(submission, ATT);
    // Assess
    expect(key).toBe(`originals/skr-aldreomsorg-2022/1281/${SUB}/${ATT}`);
  });
});

describe("parseOriginalKey", () => {
  it("round-trips every key the server builds (property)", () => {
    // Prepare
    const parts = fc.record({
      programmeId: fc.stringMatching(/^[a-z0-9-]{1,64}$/),
      kommunkod: fc.stringMatching(/^\d{4}$/),
      id: fc.uuid(),
      attachmentId: fc.uuid(),
    });
    // Act + Assess
    fc.assert(
      fc.property(parts, ({ attachmentId, ...submission }) => {
        const parsed = parseOriginalKey(originalKey(submission, attachmentId));
        expect(parsed).toEqual({
          programmeId: submission.programmeId,
          kommunkod: submission.kommunkod,
          submissionId: submission.id,
          attachmentId,
        });
      }),
    );
  });

  it.each([
    ["another prefix", `quarantine/skr-aldreomsorg-2022/1281/${SUB}/${ATT}`],
    ["an extra segment", `originals/skr-aldreomsorg-2022/1281/${SUB}/${ATT}/x`],
    ["a missing attachment id", `originals/skr-aldreomsorg-2022/1281/${SUB}`],
    ["a path traversal", `originals/../1281/${SUB}/${ATT}`],
    ["a three-digit kommunkod", `originals/skr-aldreomsorg-2022/128/${SUB}/${ATT}`],
    ["an upper-case programme id", `originals/SKR-2022/1281/${SUB}/${ATT}`],
    ["a short id", `originals/skr-aldreomsorg-2022/1281/abc/${ATT}`],
    ["a file name instead of an id", `originals/skr-aldreomsorg-2022/1281/${SUB}/scan.pdf`],
    ["a leading slash", `/originals/skr-aldreomsorg-2022/1281/${SUB}/${ATT}`],
    ["a trailing newline", `originals/skr-aldreomsorg-2022/1281/${SUB}/${ATT}\n`],
  ])("refuses a key with %s", (_, key) => {
    // Prepare: the key
    // Act
    const parsed = parseOriginalKey(key);
    // Assess
    expect(parsed).toBeUndefined();
  });

  it("refuses any key that is not originals/… (property)", () => {
    // Prepare
    const keys = fc.string().filter((s) => !s.startsWith("originals/"));
    // Act + Assess
    fc.assert(fc.property(keys, (key) => parseOriginalKey(key) === undefined));
  });
});
