import { beforeEach, describe, expect, it, vi } from "vitest";
import { rememberPage, takeRememberedPage } from "../../../web/src/return-to.ts";

/** The tab's sessionStorage, as the page has it. */
function stubSessionStorage(): Map<string, string> {
  const items = new Map<string, string>();
  vi.stubGlobal("sessionStorage", {
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => items.set(key, value),
    removeItem: (key: string) => items.delete(key),
  });
  return items;
}

describe("the page to come back to after signing in", () => {
  let items: Map<string, string>;
  beforeEach(() => {
    items = stubSessionStorage();
  });

  it("is the page and its query that were opened, given back once", () => {
    // Prepare
    rememberPage(new URL("https://statsbidrag.example/web/submission.html?id=x&form=pdf"));
    // Act
    const first = takeRememberedPage();
    const second = takeRememberedPage();
    // Assess
    expect(first).toBe("submission.html?id=x&form=pdf");
    expect(second).toBeUndefined();
  });

  it("is never anything but one of the pages, nor the sign-in page itself", () => {
    // Prepare
    const stored = [
      "//evil.example/x",
      "https://evil.example/submission.html",
      "index.html?reason=expired",
      "x.html",
    ];
    // Act
    const taken = stored.map((value) => {
      items.set("statsbidrag.return-to", value);
      return takeRememberedPage();
    });
    // Assess
    expect(taken).toEqual([undefined, undefined, undefined, undefined]);
  });
});
