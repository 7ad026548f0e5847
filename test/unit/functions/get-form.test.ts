import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { type FakeSystem, fakeRoot, fakeSystem } from "../../fakes/fake-root.ts";
import {
  type ApiHandlerFn,
  apiContext,
  apiEvent,
  type Claims,
  LUND,
  municipalityClaims,
  officerClaims,
  STOCKHOLM,
  silenceLogs,
} from "../../helpers/events.ts";
import { pdfPageTexts } from "../../helpers/pdf-text.ts";
import { freshSystem, requisitioned } from "./on-fakes.ts";

const coldStart = fakeSystem();
vi.mock("../../../shared/composition-root.ts", () => fakeRoot(coldStart));

let handler: ApiHandlerFn;
let sys: FakeSystem;

beforeAll(async () => {
  silenceLogs();
  ({ handler } = await import("../../../functions/get-form/handler.ts"));
});

beforeEach(() => {
  sys = freshSystem(coldStart);
});

const getForm = (claims: Claims, id: string) =>
  handler(
    apiEvent({ route: "GET /submissions/{id}/form.pdf", pathParameters: { id }, claims }),
    apiContext("get-form"),
  );

describe("get-form handler: the printed Bilaga 2 of a submission", { timeout: 30_000 }, () => {
  it("gives the owning municipality its filled-in form as a PDF download, base64 for API Gateway", async () => {
    // Prepare
    const { id, receipt } = await requisitioned(sys);
    // Act
    const res = await getForm(municipalityClaims(LUND), id);
    // Assess
    expect(res.statusCode).toBe(200);
    expect(res.isBase64Encoded).toBe(true);
    expect(res.headers?.["content-type"]).toBe("application/pdf");
    expect(res.headers?.["content-disposition"]).toBe(
      `attachment; filename="Bilaga2-${receipt.reference}.pdf"`,
    );
    const pdf = Buffer.from(res.body ?? "", "base64");
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect(pdfPageTexts(pdf).join("\n")).toContain(receipt.reference);
  });

  it("gives it to an officer of the programme's agency", async () => {
    // Prepare
    const { id } = await requisitioned(sys);
    // Act
    const res = await getForm(officerClaims(), id);
    // Assess
    expect(res.statusCode).toBe(200);
  });

  it("answers 404, not 403, to another municipality and to an officer of another agency", async () => {
    // Prepare
    const { id } = await requisitioned(sys);
    // Act
    const other = await getForm(municipalityClaims(STOCKHOLM), id);
    const agency = await getForm(officerClaims("[officer]", "officer-2", "socialstyrelsen"), id);
    // Assess
    expect(other.statusCode).toBe(404);
    expect(agency.statusCode).toBe(404);
    expect(JSON.parse(other.body ?? "{}")).toMatchObject({
      code: "NOT_FOUND",
      message: { sv: "Inlämningen finns inte." },
    });
  });

  it("answers 404 for a submission that does not exist and 401 without a token", async () => {
    // Act
    const missing = await getForm(municipalityClaims(LUND), "0f8fad5b-d9cb-469f-a165-70867728950e");
    const anonymous = await handler(
      apiEvent({ route: "GET /submissions/{id}/form.pdf", pathParameters: { id: "x" } }),
      apiContext("get-form"),
    );
    // Assess
    expect(missing.statusCode).toBe(404);
    expect(anonymous.statusCode).toBe(401);
  });
});
