import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { sampleOrganisationNumber, sampleRequisition } from "../../../shared/forms/samples.ts";
import type { RequisitionForm } from "../../../shared/forms/schema.ts";
import type { Programme } from "../../../shared/programmes/schema.ts";
import { requestUpload } from "../../../shared/submissions/request-upload.ts";
import type { SubmissionReceipt } from "../../../shared/submissions/submit.ts";
import { type FakeSystem, fakeRoot, fakeSystem } from "../../fakes/fake-root.ts";
import {
  type ApiHandlerFn,
  apiEvent,
  type Claims,
  invoke,
  LUND,
  municipalityClaims,
  officerClaims,
  PROGRAMME_2022,
  STOCKHOLM,
  silenceLogs,
} from "../../helpers/events.ts";
import { freshSystem, municipality, programme2022, registered } from "./on-fakes.ts";

const coldStart = fakeSystem();
vi.mock("../../../shared/composition-root.ts", () => fakeRoot(coldStart));

let handler: ApiHandlerFn;
let sys: FakeSystem;
const programme: Programme = programme2022();
const MAX_BYTES = 20 * 1024 * 1024;
const LUND_BASE = 1_530_608;

beforeAll(async () => {
  silenceLogs();
  ({ handler } = await import("../../../functions/create-requisition/handler.ts"));
});

beforeEach(() => {
  sys = freshSystem(coldStart);
});

interface Refused {
  code: string;
  message: { sv: string; en: string };
  errors?: { path: string; code: string; message: { sv: string; en: string } }[];
  requestId?: string;
}

function requisition(
  body: unknown = sampleRequisition(programme, LUND),
  claims: Claims = municipalityClaims(LUND),
  idempotencyKey?: string,
) {
  return apiEvent({
    route: "POST /programmes/{programmeId}/requisitions",
    pathParameters: { programmeId: PROGRAMME_2022 },
    body,
    claims,
    ...(idempotencyKey ? { headers: { "idempotency-key": idempotencyKey } } : {}),
  });
}

/** Lund's sample form with `change` applied. */
function lundForm(change: (form: RequisitionForm) => void = () => undefined): RequisitionForm {
  const form = sampleRequisition(programme, LUND);
  change(form);
  return form;
}

/** Whether the table, the outbox and the bucket are as empty as a fresh system's. */
function nothingWritten() {
  return {
    submissions: sys.world.submissions.size,
    attachments: sys.world.attachments.size,
    allocations: sys.world.allocations.size,
    audit: sys.world.audit.length,
    mails: sys.world.mails.size,
    slots: sys.files.presigned.length,
  };
}
const NOTHING = { submissions: 0, attachments: 0, allocations: 0, audit: 0, mails: 0, slots: 0 };

const throwing = (name: string, message: string) => Object.assign(new Error(message), { name });

describe("create-requisition handler: accepted", () => {
  it("answers 201 with reference SB-2022-1281-R1 and status awaiting-original", async () => {
    // Prepare
    const event = requisition();
    // Act
    const res = await invoke<SubmissionReceipt>(handler, event);
    // Assess
    expect(res.status).toBe(201);
    expect(res.body.reference).toBe("SB-2022-1281-R1");
    expect(res.body.status).toBe("awaiting-original");
    expect(res.body.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.headers["idempotent-replayed"]).toBeUndefined();
  });

  it("hands out one presigned upload for the exact server-chosen key, limited to the maximum size, valid an hour", async () => {
    // Prepare
    const before = Date.now();
    // Act
    const res = await invoke<SubmissionReceipt>(handler, requisition());
    // Assess
    const { upload, id } = res.body;
    const key = `originals/${PROGRAMME_2022}/${LUND}/${id}/${upload.attachmentId}`;
    expect(upload.fields.key).toBe(key);
    expect(upload.maxBytes).toBe(MAX_BYTES);
    expect(sys.files.presigned).toEqual([{ key, maxBytes: MAX_BYTES, expiresInSeconds: 3600 }]);
    const expiresInMs = Date.parse(upload.expiresAt) - before;
    expect(expiresInMs).toBeGreaterThanOrEqual(3_600_000);
    expect(expiresInMs).toBeLessThan(3_660_000);
    expect(sys.files.objects.size).toBe(0);
  });

  it("records the submission, its pending original slot, the reservation on the allocation, the audit event and the registration mail", async () => {
    // Prepare
    const event = requisition();
    // Act
    const res = await invoke<SubmissionReceipt>(handler, event);
    // Assess
    const { id, upload } = res.body;
    const detail = await sys.submissions.getSubmissionDetail(id);
    expect(detail?.submission).toMatchObject({
      reference: "SB-2022-1281-R1",
      kommunkod: LUND,
      kind: "requisition",
      grantKind: "base",
      amount: LUND_BASE,
      status: "awaiting-original",
      originalSlot: upload.attachmentId,
      receivedOn: "2022-06-01",
      late: false,
      createdBy: { sub: `user-${LUND}`, kind: "municipality", email: `handlaggare@${LUND}.example` },
    });
    expect(detail?.attachments).toEqual([
      expect.objectContaining({
        id: upload.attachmentId,
        type: "original",
        status: "pending",
        key: upload.fields.key,
        maxBytes: MAX_BYTES,
      }),
    ]);
    expect(await sys.submissions.getAllocation(PROGRAMME_2022, LUND)).toMatchObject({
      allocated: LUND_BASE,
      requisitioned: LUND_BASE,
      remaining: 0,
      baseRequisitionId: id,
      lapsed: false,
    });
    expect(detail?.audit.map((e) => e.action)).toEqual(["requisition.submitted"]);
    const mails = sys.world.queued();
    expect(mails).toEqual([expect.objectContaining({ topic: "registered", submissionId: id })]);
    expect(mails[0]?.subject).toContain("SB-2022-1281-R1");
  });

  it("mails the registration to the register's addresses and the signed-in submitter, never to the form's free-text e-mail", async () => {
    // Prepare
    await registered(sys, LUND, {
      registryEmail: "registrator@lund.example",
      contact: { name: "Stina Statsbidrag", email: "stina@lund.example" },
    });
    const form = lundForm((f) => {
      f.recipient.email = "anyone@elsewhere.example";
    });
    // Act
    const res = await invoke(handler, requisition(form));
    // Assess
    expect(res.status).toBe(201);
    const mails = sys.world.queued();
    expect(mails).toHaveLength(1);
    expect(mails[0]?.to.toSorted()).toEqual(
      [`handlaggare@${LUND}.example`, "registrator@lund.example", "stina@lund.example"].toSorted(),
    );
  });

  it("mails only the signed-in submitter when the register has no entry for the municipality", async () => {
    // Prepare
    const event = requisition();
    // Act
    await invoke(handler, event);
    // Assess
    expect(sys.world.queued().map((m) => m.to)).toEqual([[`handlaggare@${LUND}.example`]]);
  });

  it("accepts a requisition on the deadline day itself, up to midnight in Stockholm", async () => {
    // Prepare: 23:59 in Stockholm on 2022-12-01
    sys.clock.set("2022-12-01T22:59:00.000Z");
    const form = lundForm((f) => {
      f.signature.date = "2022-12-01";
    });
    // Act
    const res = await invoke(handler, requisition(form));
    // Assess
    expect(res.status).toBe(201);
  });
});

describe("create-requisition handler: refused", () => {
  it("answers 400 with field errors (path, code, message.sv/en) for an invalid form, and writes nothing", async () => {
    // Prepare
    const form = lundForm((f) => {
      f.grant.amount = 2_000_000;
    });
    // Act
    const res = await invoke<Refused>(handler, requisition(form));
    // Assess
    expect(res.status).toBe(400);
    expect(res.body.code).toBe("VALIDATION_FAILED");
    expect(res.body.errors).toContainEqual({
      path: "grant.amount",
      code: "AMOUNT_EXCEEDS_ALLOCATION",
      message: { sv: expect.stringContaining("1 530 608 kr"), en: expect.any(String) },
    });
    expect(nothingWritten()).toEqual(NOTHING);
  });

  it("answers 400 naming a missing field", async () => {
    // Prepare
    const { email: _email, ...recipient } = sampleRequisition(programme, LUND).recipient;
    // Act
    const res = await invoke<Refused>(handler, requisition({ ...lundForm(), recipient }));
    // Assess
    expect(res.status).toBe(400);
    expect(res.body.errors).toContainEqual(
      expect.objectContaining({ path: "recipient.email", code: "REQUIRED" }),
    );
    expect(nothingWritten()).toEqual(NOTHING);
  });

  it("answers 401 when the token carries no claims, and writes nothing", async () => {
    // Prepare
    const event = requisition(lundForm(), {});
    // Act
    const res = await invoke<Refused>(handler, event);
    // Assess
    expect(res.status).toBe(401);
    expect(res.body.code).toBe("UNAUTHORIZED");
    expect(nothingWritten()).toEqual(NOTHING);
  });

  it("answers 403 for an officer token, and writes nothing: only a municipality submits", async () => {
    // Prepare
    const event = requisition(lundForm(), officerClaims("[officer]"));
    // Act
    const res = await invoke<Refused>(handler, event);
    // Assess
    expect(res.status).toBe(403);
    expect(res.body.code).toBe("FORBIDDEN");
    expect(nothingWritten()).toEqual(NOTHING);
  });

  it("answers 404 for an unknown programme", async () => {
    // Prepare
    const event = apiEvent({
      route: "POST /programmes/{programmeId}/requisitions",
      pathParameters: { programmeId: "no-such-programme" },
      body: lundForm(),
      claims: municipalityClaims(LUND),
    });
    // Act
    const res = await invoke(handler, event);
    // Assess
    expect(res.status).toBe(404);
    expect(nothingWritten()).toEqual(NOTHING);
  });

  it("answers 409 DEADLINE_PASSED from midnight after the requisition deadline day, naming the deadline, and writes nothing", async () => {
    // Prepare: 00:00 in Stockholm on 2022-12-02
    sys.clock.set("2022-12-01T23:00:00.000Z");
    const form = lundForm((f) => {
      f.signature.date = "2022-12-01";
    });
    // Act
    const res = await invoke<Refused>(handler, requisition(form));
    // Assess
    expect(res.status).toBe(409);
    expect(res.body.code).toBe("DEADLINE_PASSED");
    expect(res.body.message.sv).toContain("2022-12-01");
    expect(nothingWritten()).toEqual(NOTHING);
  });

  it("answers 409 ALREADY_REQUISITIONED to a second base requisition, leaving the first and the ledger as they were", async () => {
    // Prepare
    const first = await invoke<SubmissionReceipt>(handler, requisition());
    const ledger = await sys.submissions.getAllocation(PROGRAMME_2022, LUND);
    // Act
    const res = await invoke<Refused>(handler, requisition());
    // Assess
    expect(res.status).toBe(409);
    expect(res.body.code).toBe("ALREADY_REQUISITIONED");
    expect([...sys.world.submissions.keys()]).toEqual([first.body.id]);
    expect(await sys.submissions.getAllocation(PROGRAMME_2022, LUND)).toEqual(ledger);
  });

  it("lets only one of two simultaneous base requisitions through", async () => {
    // Prepare
    const events = [requisition(), requisition()];
    // Act
    const answers = await Promise.all(events.map((e) => invoke<Refused>(handler, e)));
    // Assess
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409]);
    expect(answers.find((a) => a.status === 409)?.body.code).toBe("ALREADY_REQUISITIONED");
    expect(sys.world.submissions.size).toBe(1);
    expect((await sys.submissions.getAllocation(PROGRAMME_2022, LUND))?.requisitioned).toBe(LUND_BASE);
  });

  it("answers 409 ALLOCATION_EXCEEDED, naming what remains, when the ledger holds less than the form asks", async () => {
    // Prepare: the ledger row moved after the form was checked against the programme's allocation
    sys.world.setAllocation({
      programmeId: PROGRAMME_2022,
      kommunkod: LUND,
      allocated: LUND_BASE,
      requisitioned: 0,
      remaining: 1_000,
      modelExtra: 1_500_000,
      modelExtraRequisitioned: 0,
      lapsed: false,
    });
    // Act
    const res = await invoke<Refused>(handler, requisition());
    // Assess
    expect(res.status).toBe(409);
    expect(res.body.code).toBe("ALLOCATION_EXCEEDED");
    expect(res.body.message.sv).toContain("1 000 kr");
    expect(sys.world.submissions.size).toBe(0);
  });

  it("answers 409 DEADLINE_PASSED naming the programme's deadline when the right lapsed in the ledger before the write", async () => {
    // Prepare: the daily job marked Lund's right as lapsed
    await sys.deadlines.markLapses([
      {
        programmeId: PROGRAMME_2022,
        kommunkod: LUND,
        allocated: LUND_BASE,
        modelExtra: 1_500_000,
        lapsedAmount: LUND_BASE + 1_500_000,
        whole: true,
        extra: true,
        requisitioned: 0,
        modelExtraRequisitioned: 0,
        at: "2022-06-01T09:00:00.000Z",
      },
    ]);
    // Act
    const res = await invoke<Refused>(handler, requisition());
    // Assess
    expect(res.status).toBe(409);
    expect(res.body.code).toBe("DEADLINE_PASSED");
    expect(res.body.message.sv).toContain("2022-12-01");
    expect(sys.world.submissions.size).toBe(0);
  });

  it("answers 503 with retry-after when the table throttles", async () => {
    // Prepare
    vi.spyOn(sys.submissions, "createRequisition").mockRejectedValueOnce(
      throwing("ThrottlingException", "Rate exceeded"),
    );
    // Act
    const res = await invoke<Refused>(handler, requisition());
    // Assess
    expect(res.status).toBe(503);
    expect(res.headers["retry-after"]).toBe("5");
    expect(res.body.code).toBe("SERVICE_UNAVAILABLE");
  });

  it("answers 500 with only code INTERNAL_ERROR, message and requestId on an unexpected error", async () => {
    // Prepare
    const secret = "arn:aws:dynamodb:eu-north-1:123456789012:table/statsbidrag-unit is in a bad state";
    vi.spyOn(sys.submissions, "createRequisition").mockRejectedValueOnce(new Error(secret));
    // Act
    const res = await invoke<Refused>(handler, requisition(), "req-500");
    // Assess
    expect(res.status).toBe(500);
    expect(res.body).toEqual({
      code: "INTERNAL_ERROR",
      message: { sv: "Internt fel.", en: "Internal error." },
      requestId: "req-500",
    });
    expect(JSON.stringify(res.body)).not.toContain("arn:aws");
  });
});

describe("create-requisition handler: the recipient is the caller", () => {
  it("refuses Stockholm posting Lund's form unchanged, and reserves nothing for either", async () => {
    // Prepare
    const event = requisition(lundForm(), municipalityClaims(STOCKHOLM));
    // Act
    const res = await invoke<Refused>(handler, event);
    // Assess
    expect(res.status).toBe(400);
    expect(res.body.errors).toContainEqual(
      expect.objectContaining({ path: "recipient.name", code: "RECIPIENT_NOT_CALLER" }),
    );
    expect(nothingWritten()).toEqual(NOTHING);
  });

  it("refuses a form whose organisation number is not the one the contact register holds", async () => {
    // Prepare
    await registered(sys, LUND, {
      registryEmail: "registrator@lund.example",
      organisationNumber: sampleOrganisationNumber("1999"),
    });
    // Act
    const res = await invoke<Refused>(handler, requisition());
    // Assess
    expect(res.status).toBe(400);
    expect(res.body.errors).toContainEqual(
      expect.objectContaining({
        path: "recipient.organisationNumber",
        code: "ORGANISATION_NUMBER_MISMATCH",
      }),
    );
    expect(sys.world.submissions.size).toBe(0);
  });

  it("takes the form when its organisation number is the register's", async () => {
    // Prepare
    await registered(sys, LUND, {
      registryEmail: "registrator@lund.example",
      organisationNumber: sampleOrganisationNumber(LUND),
    });
    // Act
    const res = await invoke(handler, requisition());
    // Assess
    expect(res.status).toBe(201);
  });
});

describe("create-requisition handler: Idempotency-Key", () => {
  const KEY = "0d3c2b1a-retry-1";

  it("replays the first answer, with a fresh upload slot for the same key, when the same request is retried", async () => {
    // Prepare
    const first = await invoke<SubmissionReceipt>(
      handler,
      requisition(lundForm(), municipalityClaims(), KEY),
    );
    // Act
    const res = await invoke<SubmissionReceipt>(handler, requisition(lundForm(), municipalityClaims(), KEY));
    // Assess
    expect(res.status).toBe(201);
    expect(res.headers["idempotent-replayed"]).toBe("true");
    expect(res.body.id).toBe(first.body.id);
    expect(res.body.reference).toBe("SB-2022-1281-R1");
    expect(res.body.upload.fields.key).toBe(first.body.upload.fields.key);
    expect(sys.files.presigned).toHaveLength(2);
    expect(sys.world.submissions.size).toBe(1);
    expect(sys.world.mails.size).toBe(1);
  });

  it("answers 409 IDEMPOTENCY_KEY_REUSED when the key comes back with a different body, and writes nothing more", async () => {
    // Prepare
    await invoke(handler, requisition(lundForm(), municipalityClaims(), KEY));
    const other = lundForm((f) => {
      f.grant.amount = 1_000_000;
    });
    // Act
    const res = await invoke<Refused>(handler, requisition(other, municipalityClaims(), KEY));
    // Assess
    expect(res.status).toBe(409);
    expect(res.body.code).toBe("IDEMPOTENCY_KEY_REUSED");
    expect(sys.world.submissions.size).toBe(1);
    expect((await sys.submissions.getAllocation(PROGRAMME_2022, LUND))?.requisitioned).toBe(LUND_BASE);
  });

  it("creates one submission for two simultaneous retries with the same key, and answers both with it", async () => {
    // Prepare
    const events = [1, 2].map(() => requisition(lundForm(), municipalityClaims(), KEY));
    // Act
    const answers = await Promise.all(events.map((e) => invoke<SubmissionReceipt>(handler, e)));
    // Assess
    expect(answers.map((a) => a.status)).toEqual([201, 201]);
    expect(answers.map((a) => a.headers["idempotent-replayed"] ?? "created").sort()).toEqual([
      "created",
      "true",
    ]);
    expect(answers[0]?.body.id).toBe(answers[1]?.body.id);
    expect(sys.world.submissions.size).toBe(1);
  });

  it("keeps keys apart per municipality: Stockholm's request with Lund's key is never answered with Lund's submission", async () => {
    // Prepare
    const lunds = await invoke<SubmissionReceipt>(
      handler,
      requisition(lundForm(), municipalityClaims(), KEY),
    );
    const stockholms = sampleRequisition(programme, STOCKHOLM);
    // Act
    const res = await invoke<SubmissionReceipt>(
      handler,
      requisition(stockholms, municipalityClaims(STOCKHOLM), KEY),
    );
    // Assess
    expect(res.status).toBe(201);
    expect(res.headers["idempotent-replayed"]).toBeUndefined();
    expect(res.body.id).not.toBe(lunds.body.id);
    expect(res.body.reference).toBe("SB-2022-0180-R1");
  });

  it("never replays a void slot: after a new original slot, a retry hands out the current one", async () => {
    // Prepare
    const first = await invoke<SubmissionReceipt>(
      handler,
      requisition(lundForm(), municipalityClaims(), KEY),
    );
    const current = await requestUpload(sys.submissionDeps, municipality(), first.body.id, "original");
    // Act
    const res = await invoke<SubmissionReceipt>(handler, requisition(lundForm(), municipalityClaims(), KEY));
    // Assess
    expect(res.headers["idempotent-replayed"]).toBe("true");
    expect(res.body.upload.attachmentId).toBe(current.attachmentId);
    expect(res.body.upload.fields.key).toBe(current.fields.key);
  });

  it("answers 400 INVALID_IDEMPOTENCY_KEY to a key that could not be part of a table key, and writes nothing", async () => {
    // Prepare
    const event = requisition(lundForm(), municipalityClaims(), "../IDEMP#0180#x");
    // Act
    const res = await invoke<Refused>(handler, event);
    // Assess
    expect(res.status).toBe(400);
    expect(res.body.code).toBe("INVALID_IDEMPOTENCY_KEY");
    expect(nothingWritten()).toEqual(NOTHING);
  });
});
