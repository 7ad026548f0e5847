import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { httpHandler } from "../../../functions/commons/api-handler.ts";
import { json } from "../../../functions/commons/responses.ts";
import type { RouteDef } from "../../../infra/routes.ts";
import { logger, withoutPersonalData } from "../../../shared/logger.ts";
import { apiContext, apiEvent, municipalityClaims } from "../../helpers/events.ts";
import { captureOutput } from "./capture.ts";

/** Powertools Logger under the HTTP functions: what each line carries, and what it never does. */
const ROUTES: RouteDef[] = [{ method: "GET", path: "/x", function: "test", access: "public" }];

let output: ReturnType<typeof captureOutput>;

beforeEach(() => {
  output = captureOutput();
});

afterEach(() => {
  output.restore();
  vi.unstubAllEnvs();
});

describe("logs of an HTTP function", () => {
  it("carry the Lambda context and API Gateway's request id, for that request only", async () => {
    // Prepare
    const handler = httpHandler(ROUTES, {
      "GET /x": async () => {
        logger.warn("inside");
        return json(200, {});
      },
    });
    const event = apiEvent({ route: "GET /x" });
    // Act
    await handler(event, apiContext("statsbidrag-test-x", "lambda-request-1"));
    logger.warn("between requests");
    // Assess
    const [inside, between] = output.logs();
    expect(inside).toMatchObject({
      level: "WARN",
      message: "inside",
      service: "statsbidrag",
      correlation_id: event.requestContext.requestId,
      function_request_id: "lambda-request-1",
      function_name: "statsbidrag-test-x",
      cold_start: expect.any(Boolean),
    });
    expect(between?.message).toBe("between requests");
    expect(between).not.toHaveProperty("correlation_id");
  });

  it("carry the request id on the error handler's own line", async () => {
    // Prepare
    const handler = httpHandler(ROUTES, {
      "GET /x": async () => {
        throw new TypeError("boom");
      },
    });
    const event = apiEvent({ route: "GET /x" });
    // Act
    await handler(event, apiContext("statsbidrag-test-x", "lambda-request-2"));
    // Assess
    expect(output.logs()).toContainEqual(
      expect.objectContaining({
        level: "ERROR",
        message: "unhandled error",
        correlation_id: event.requestContext.requestId,
        error: expect.objectContaining({ name: "TypeError", message: "boom" }),
      }),
    );
  });

  it("never hold the event, even when POWERTOOLS_LOGGER_LOG_EVENT asks for it", async () => {
    // Prepare
    vi.resetModules();
    vi.stubEnv("POWERTOOLS_LOGGER_LOG_EVENT", "true");
    vi.stubEnv("STATSBIDRAG_LOG_LEVEL", "debug");
    const { httpHandler: fresh } = await import("../../../functions/commons/api-handler.ts");
    const handler = fresh(ROUTES, { "GET /x": async () => json(200, {}) });
    const event = apiEvent({ route: "GET /x", claims: municipalityClaims() });
    // Act
    await handler(event, apiContext());
    // Assess
    expect(output.text()).not.toContain("handlaggare@");
    expect(output.text()).not.toContain('"rawPath"');
  });
});

describe("an error's text", () => {
  it("loses e-mail addresses and personal identity numbers, which code we do not control may put there", () => {
    // Prepare
    const error = Object.assign(
      new Error("Email address is not verified: Eva.Ek@lund.se; customer 19121212-1212 or 191212121212"),
      { name: "MessageRejected" },
    );
    // Act
    logger.error("mail failed", error, { mailId: "m-1" });
    // Assess
    const [line] = output.logs();
    expect(line).toMatchObject({
      message: "mail failed",
      mailId: "m-1",
      error: {
        name: "MessageRejected",
        message: "Email address is not verified: <e-mail>; customer <identity-number> or <identity-number>",
      },
    });
    expect(output.text()).not.toMatch(/Eva\.Ek|1212-1212|191212121212/);
  });

  it("keeps ids, codes and keys as they are", () => {
    // Prepare
    const text = "originals/skr-aldreomsorg-2022/1281/5b1f3a52-6f0e-4c4e-9a53-1f2f0b1c2d3e at 2022-06-01";
    // Act
    const masked = withoutPersonalData(text);
    // Assess
    expect(masked).toBe(text);
  });
});
