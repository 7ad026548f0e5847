import { describe, expect, it } from "vitest";
import { requirePrincipal } from "../../../functions/commons/api-handler.ts";
import {
  actorOf,
  assertMayRead,
  type Principal,
  principalFromClaims,
  requireMunicipality,
  requireOfficer,
  requireRoles,
} from "../../../shared/auth/principal.ts";
import { ForbiddenError, UnauthorizedError } from "../../../shared/errors.ts";
import { apiEvent, municipalityClaims, officerClaims } from "../../helpers/events.ts";

const lund: Principal = { kind: "municipality", sub: "u-1", kommunkod: "1281" };
const officer: Principal = { kind: "officer", sub: "o-1" };

describe("principalFromClaims", () => {
  it("makes a municipality principal from sub and custom:recipient", () => {
    // Prepare
    const claims = { sub: "u-1", email: "a@lund.example", "custom:recipient": "1281" };
    // Act
    const principal = principalFromClaims(claims);
    // Assess
    expect(principal).toEqual({
      kind: "municipality",
      sub: "u-1",
      email: "a@lund.example",
      kommunkod: "1281",
      roles: [],
    });
  });

  it("leaves email out when the token has none", () => {
    // Prepare
    const claims = { sub: "u-1", "custom:recipient": "1281" };
    // Act
    const principal = principalFromClaims(claims);
    // Assess
    expect(principal).toEqual({ kind: "municipality", sub: "u-1", kommunkod: "1281", roles: [] });
  });

  it.each([
    ["an array", ["officer"]],
    ["an array among other groups", ["readers", "officer"]],
    ["API Gateway's flattened string", "[officer]"],
    ["a flattened string with several groups", "[readers officer]"],
    ["a flattened string with officer first", "[officer other]"],
    ["a comma-separated string", "readers,officer"],
  ])("recognises the officer group given as %s", (_, groups) => {
    // Prepare
    const claims = { sub: "o-1", "cognito:groups": groups };
    // Act
    const principal = principalFromClaims(claims);
    // Assess
    expect(principal).toEqual({ kind: "officer", sub: "o-1", roles: [] });
  });

  it("reads the officer's agency from custom:agency and drops one that is not a slug", () => {
    // Prepare
    const good = { sub: "o-1", "cognito:groups": "[officer]", "custom:agency": "socialstyrelsen" };
    const bad = { sub: "o-1", "cognito:groups": "[officer]", "custom:agency": "Kammar Kollegiet!" };
    // Act
    const [a, b] = [principalFromClaims(good), principalFromClaims(bad)];
    // Assess
    expect(a).toEqual({ kind: "officer", sub: "o-1", agency: "socialstyrelsen", roles: [] });
    expect(b).toEqual({ kind: "officer", sub: "o-1", roles: [] });
  });

  it("lets the officer group win over a kommunkod claim", () => {
    // Prepare
    const claims = { sub: "o-1", "custom:recipient": "1281", "cognito:groups": "[officer]" };
    // Act
    const principal = principalFromClaims(claims);
    // Assess
    expect(principal?.kind).toBe("officer");
  });

  it.each([
    ["a group that only contains the word", "[officers]"],
    ["a different group", "[readers]"],
    ["an empty group list", "[]"],
  ])("does not make an officer of %s", (_, groups) => {
    // Prepare
    const claims = { sub: "o-1", "cognito:groups": groups };
    // Act
    const principal = principalFromClaims(claims);
    // Assess
    expect(principal).toBeUndefined();
  });

  it.each([
    ["no claims at all", undefined],
    ["no sub", { "custom:recipient": "1281" }],
    ["an empty sub", { sub: "", "custom:recipient": "1281" }],
    ["a numeric sub", { sub: 42, "custom:recipient": "1281" }],
    ["no kommunkod and no group", { sub: "u-1" }],
    ["a three-digit kommunkod", { sub: "u-1", "custom:recipient": "128" }],
    ["a kommunkod with letters", { sub: "u-1", "custom:recipient": "12a1" }],
    ["a kommunkod with a newline", { sub: "u-1", "custom:recipient": "1281\n" }],
    ["a numeric kommunkod", { sub: "u-1", "custom:recipient": 1281 }],
    ["a kommunkod with padding", { sub: "u-1", "custom:recipient": " 1281" }],
  ])("gives no principal for %s", (_, claims) => {
    // Prepare: the claims
    // Act
    const principal = principalFromClaims(claims);
    // Assess
    expect(principal).toBeUndefined();
  });
});

describe("requirePrincipal", () => {
  it("reads the claims the JWT authorizer verified", () => {
    // Prepare
    const event = apiEvent({ route: "GET /programmes", claims: municipalityClaims("0180") });
    // Act
    const principal = requirePrincipal(event);
    // Assess
    expect(principal).toMatchObject({ kind: "municipality", kommunkod: "0180" });
  });

  it("throws 401 when the event carries no usable claims", () => {
    // Prepare
    const event = apiEvent({ route: "GET /programmes" });
    // Act
    const act = () => requirePrincipal(event);
    // Assess
    expect(act).toThrow(UnauthorizedError);
  });

  it("reads an officer from an event built like API Gateway builds it", () => {
    // Prepare
    const event = apiEvent({ route: "GET /programmes", claims: officerClaims("[officer]") });
    // Act
    const principal = requirePrincipal(event);
    // Assess
    expect(principal.kind).toBe("officer");
  });
});

describe("access rules", () => {
  it("lets a municipality read its own and an officer read anyone's", () => {
    // Prepare
    const reads = [() => assertMayRead(lund, "1281"), () => assertMayRead(officer, "0180")];
    // Act + Assess
    for (const read of reads) expect(read).not.toThrow();
  });

  it("forbids a municipality to read another municipality's", () => {
    // Prepare
    const read = () => assertMayRead(lund, "0180");
    // Act + Assess
    expect(read).toThrow(ForbiddenError);
  });

  it("requireOfficer refuses a municipality with 403", () => {
    // Prepare
    const act = () => requireOfficer(lund);
    // Act + Assess
    expect(act).toThrow(expect.objectContaining({ status: 403, code: "FORBIDDEN" }));
  });

  it("requireMunicipality returns the municipality and refuses an officer with 403", () => {
    // Prepare
    const act = () => requireMunicipality(officer);
    // Act
    const own = requireMunicipality(lund);
    // Assess
    expect(own.kommunkod).toBe("1281");
    expect(act).toThrow(ForbiddenError);
  });
});

describe("roles from custom:roles", () => {
  it("reads each municipal role from the space-separated claim and drops words that are no role", () => {
    // Prepare
    const claims = {
      sub: "u-1",
      "custom:recipient": "1281",
      "custom:roles": "preparer certifier admin attestant",
      name: "Eva Ek",
      "custom:title": "Ekonomichef",
    };
    // Act
    const principal = principalFromClaims(claims);
    // Assess: attestant is an officer's role, admin no role at all.
    expect(principal).toMatchObject({
      roles: ["preparer", "certifier"],
      name: "Eva Ek",
      title: "Ekonomichef",
    });
  });

  it("gives an officer only officer roles, and a token without the claim no role at all", () => {
    // Prepare
    const attestant = { sub: "o-1", "cognito:groups": "[officer]", "custom:roles": "attestant signatory" };
    const plain = { sub: "o-2", "cognito:groups": "[officer]" };
    // Act
    const [a, b] = [principalFromClaims(attestant), principalFromClaims(plain)];
    // Assess
    expect(a?.roles).toEqual(["attestant"]);
    expect(b?.roles).toEqual([]);
  });

  it("refuses a missing role with 403 ROLE_REQUIRED, naming it in Swedish and English", () => {
    // Prepare
    const preparer: Principal = { kind: "municipality", sub: "u-1", kommunkod: "1281", roles: ["preparer"] };
    // Act
    let refusal: unknown;
    try {
      requireRoles(preparer, ["signatory", "certifier"]);
    } catch (error) {
      refusal = error;
    }
    // Assess
    expect(refusal).toBeInstanceOf(ForbiddenError);
    expect((refusal as ForbiddenError).toBody()).toEqual({
      code: "ROLE_REQUIRED",
      role: "signatory",
      message: {
        sv: "Det här kräver rollen behörig företrädare, som ditt konto inte har.",
        en: "This needs the signatory role, which your account does not have.",
      },
    });
  });

  it("checks only the roles of the caller's own kind: an officer is not asked for a municipal role", () => {
    // Prepare
    const officerPrincipal: Principal = { kind: "officer", sub: "o-1", roles: [] };
    // Act
    const check = () => requireRoles(officerPrincipal, ["signatory"]);
    // Assess
    expect(check).not.toThrow();
  });

  it("names the person and their roles in the audit trail's actor", () => {
    // Prepare
    const signatory: Principal = {
      kind: "municipality",
      sub: "u-1",
      kommunkod: "1281",
      roles: ["signatory"],
      name: "Eva Ek",
    };
    // Act
    const actor = actorOf(signatory);
    // Assess
    expect(actor).toEqual({ sub: "u-1", kind: "municipality", name: "Eva Ek", roles: ["signatory"] });
  });
});
