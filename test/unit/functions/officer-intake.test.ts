import type { S3Event } from "aws-lambda";
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { IntakeItem } from "../../../shared/intake/model.ts";
import { type FakeSystem, fakeRoot, fakeSystem } from "../../fakes/fake-root.ts";
import { eml } from "../../helpers/eml.ts";
import {
  type ApiHandlerFn,
  apiEvent,
  invoke,
  LUND,
  municipalityClaims,
  officerClaims,
  s3Event,
  silenceLogs,
} from "../../helpers/events.ts";
import { freshSystem } from "./on-fakes.ts";

const coldStart = fakeSystem();
vi.mock("../../../shared/composition-root.ts", () => fakeRoot(coldStart));

let officerIntake: ApiHandlerFn;
let mailIntake: (event: S3Event) => Promise<void>;
let sys: FakeSystem;

beforeAll(async () => {
  silenceLogs();
  ({ handler: officerIntake } = await import("../../../functions/officer-intake/handler.ts"));
  ({ handler: mailIntake } = await import("../../../functions/mail-intake/handler.ts"));
});

beforeEach(() => {
  sys = freshSystem(coldStart);
});

interface Answer {
  items: IntakeItem[];
  code: string;
  errors: { path: string; code: string }[];
}

/** A message without any attachment, delivered by the bucket's notification (the key URL-encoded). */
async function listedMessage(): Promise<string> {
  const raw = eml({ from: "someone@elsewhere.example", messageId: "q@x" });
  const { etag } = sys.files.upload("intake/fr\u00e5n lund.eml", raw);
  const event = s3Event("intake/fr%C3%A5n+lund.eml");
  for (const r of event.Records) r.s3.object.eTag = etag;
  await mailIntake(event);
  return (await sys.intake.listOpen())[0]?.id ?? "";
}

describe("mail-intake and officer-intake handlers", () => {
  it("lists a message the notification delivered, with why it waits, to an officer", async () => {
    // Prepare
    await listedMessage();
    // Act
    const res = await invoke<Answer>(
      officerIntake,
      apiEvent({ route: "GET /intake", claims: officerClaims() }),
    );
    // Assess
    expect(res.status).toBe(200);
    expect(res.body.items.map((i) => i.reason)).toEqual(["NO_SCAN"]);
  });

  it("refuses the intake list to a municipality", async () => {
    // Act
    const res = await invoke<Answer>(
      officerIntake,
      apiEvent({ route: "GET /intake", claims: municipalityClaims(LUND) }),
    );
    // Assess
    expect(res.status).toBe(403);
  });

  it("answers 400 with the field's path for a discard without a reason and a filing without a submission", async () => {
    // Prepare
    const id = await listedMessage();
    // Act
    const discard = await invoke<Answer>(
      officerIntake,
      apiEvent({
        route: "POST /intake/{id}/discard",
        pathParameters: { id },
        claims: officerClaims(),
        body: {},
      }),
    );
    const file = await invoke<Answer>(
      officerIntake,
      apiEvent({
        route: "POST /intake/{id}/file",
        pathParameters: { id },
        claims: officerClaims(),
        body: {},
      }),
    );
    // Assess
    expect([discard.status, discard.body.errors[0]]).toEqual([
      400,
      { path: "reason", code: "REASON_REQUIRED", message: expect.anything() },
    ]);
    expect([file.status, file.body.errors[0]?.path]).toEqual([400, "submissionId"]);
  });

  it("answers 404 for an intake item that is not there", async () => {
    // Act
    const res = await invoke<Answer>(
      officerIntake,
      apiEvent({
        route: "POST /intake/{id}/discard",
        pathParameters: { id: "00000000-0000-0000-0000-000000000000" },
        claims: officerClaims(),
        body: { reason: "x" },
      }),
    );
    // Assess
    expect(res.status).toBe(404);
  });

  it("reads the reference from the query and the scan's index from the path: 400 on the reference's field, 404 for a scan not there", async () => {
    // Prepare
    const id = await listedMessage();
    // Act
    const noReference = await invoke<Answer>(
      officerIntake,
      apiEvent({ route: "GET /intake/{id}/candidates", pathParameters: { id }, claims: officerClaims() }),
    );
    const unknown = await invoke<{ candidates: unknown[] }>(
      officerIntake,
      apiEvent({
        route: "GET /intake/{id}/candidates",
        pathParameters: { id },
        query: { reference: "SB-2022-1281-R9" },
        claims: officerClaims(),
      }),
    );
    const scan = await invoke<Answer>(
      officerIntake,
      apiEvent({
        route: "GET /intake/{id}/scans/{index}",
        pathParameters: { id, index: "0" },
        claims: officerClaims(),
      }),
    );
    // Assess
    expect([noReference.status, noReference.body.errors[0]?.path]).toEqual([400, "reference"]);
    expect([unknown.status, unknown.body.candidates]).toEqual([200, []]);
    expect(scan.status).toBe(404);
  });
});
