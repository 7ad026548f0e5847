import { describe, expect, it } from "vitest";
import { apiPathPatterns, ROUTES, type RouteDef } from "../../../infra/routes.ts";
import { PAGES } from "../../../web/src/pages.ts";

/** CloudFront path-pattern wildcards, enough to test which requests reach the API. */
function matches(pattern: string, path: string): boolean {
  const regex = new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*")}$`);
  return regex.test(path);
}

describe("apiPathPatterns (the API's behaviours on the pages' CloudFront origin)", () => {
  it("sends every route of ROUTES to the API", () => {
    // Prepare
    const patterns = apiPathPatterns(ROUTES);
    // Act: a concrete path for each route, parameters filled in
    const unreached = ROUTES.map((r) => r.path.replace(/\{[^}]+\}/g, "x")).filter(
      (path) => !patterns.some((p) => matches(p, path)),
    );
    // Assess
    expect(unreached).toEqual([]);
  });

  it("never sends a page, config.json or an asset to the API", () => {
    // Prepare
    const patterns = apiPathPatterns(ROUTES);
    const files = [...PAGES.map((p) => `/${p.file}`), "/config.json", "/assets/programmes-AB12.js", "/"];
    // Act
    const captured = files.filter((f) => patterns.some((p) => matches(p, f)));
    // Assess
    expect(captured).toEqual([]);
  });

  it("refuses a route whose first segment is a parameter, which no path pattern could isolate", () => {
    // Prepare
    const routes: RouteDef[] = [{ method: "GET", path: "/{id}", function: "health", access: "public" }];
    // Act + Assess
    expect(() => apiPathPatterns(routes)).toThrow(/starts with a parameter/);
  });
});
