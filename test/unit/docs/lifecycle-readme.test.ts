import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { lifecycleMarkdown } from "../../../shared/submissions/lifecycle.ts";

const START = "<!-- lifecycle:start (npm run -s cli -- lifecycle) -->";
const END = "<!-- lifecycle:end -->";

describe("README lifecycle", () => {
  it("shows exactly the transitions the lifecycle module enforces", () => {
    // Prepare
    const readme = readFileSync(new URL("../../../README.md", import.meta.url), "utf8");
    // Act
    const section = readme.slice(readme.indexOf(START) + START.length, readme.indexOf(END)).trim();
    // Assess
    expect(readme).toContain(START);
    expect(section).toBe(lifecycleMarkdown());
  });
});
