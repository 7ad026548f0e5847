import { describe, expect, it } from "vitest";
import { formCodeView } from "../../../shared/submissions/form-code-text.ts";

describe("what the scan's QR codes said, in words", () => {
  it("says a matched scan is this form with its signature page, and asks nobody to look", () => {
    // Act
    const view = formCodeView({ result: "matched", pages: [1, 2], of: 2 }, "SB-2022-1281-R1");
    // Assess
    expect(view.needsLook).toBe(false);
    expect(view.message.sv).toBe(
      "QR-koden stämmer: blanketten för SB-2022-1281-R1, sida 1–2 av 2, med underskriftssidan.",
    );
    expect(view.message.en).toContain("signature page included");
  });

  it("flags every unmatched scan for the officer, each with its own reason in both languages", () => {
    // Prepare
    const reasons = ["no-code", "no-images", "unsupported-images", "signature-page-unread"] as const;
    // Act
    const views = reasons.map((reason) =>
      formCodeView({ result: "unmatched", reason, pages: [1], of: 2 }, "SB-2022-1281-R1"),
    );
    // Assess
    for (const view of views) expect(view.needsLook).toBe(true);
    expect(new Set(views.map((v) => v.message.sv)).size).toBe(reasons.length);
    expect(new Set(views.map((v) => v.message.en)).size).toBe(reasons.length);
    expect(views[3]?.message.sv).toContain("sida 1 av 2");
  });
});
