import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { StoredMail } from "../../../shared/mail/ports.ts";
import { METRIC, METRIC_NAMESPACE } from "../../../shared/metric-names.ts";
import type { FakeSystem } from "../../fakes/fake-root.ts";
import {
  type ApiHandlerFn,
  apiEvent,
  BUCKET,
  type Claims,
  invoke,
  municipalityClaims,
  PROGRAMME_2022,
  s3Event,
  scheduledEvent,
  streamEvent,
  streamRecord,
} from "../../helpers/events.ts";
import { LUND, PDF, requisitionForm, returned } from "../submissions/scenarios.ts";
import { captureOutput, type EmittedMetric } from "./capture.ts";

/**
 * The real handlers on the fakes: each business metric is written as EMF, in the Statsbidrag
 * namespace with the service dimension, by the entry point that knows the outcome. The output is
 * read back from stdout, where Powertools writes it (and CloudWatch Logs picks it up on Lambda).
 */
let sys: FakeSystem;
let output: ReturnType<typeof captureOutput>;

beforeEach(async () => {
  // The suite silences metrics (vitest.config.ts); here they are what is tested.
  vi.stubEnv("POWERTOOLS_METRICS_DISABLED", "false");
  vi.resetModules();
  const fakes = await import("../../fakes/fake-root.ts");
  sys = fakes.fakeSystem();
  vi.doMock("../../../shared/composition-root.ts", () => fakes.fakeRoot(sys));
  output = captureOutput();
});

afterEach(() => {
  output.restore();
  vi.unstubAllEnvs();
});

const handlerOf = async <H>(name: string): Promise<H> =>
  ((await import(`../../../functions/${name}/handler.ts`)) as { handler: H }).handler;

/** The emitted metrics as "Name{dimension=value,…} value", service dimension checked and left out. */
function emitted(): string[] {
  return output.metrics().map((m: EmittedMetric) => {
    expect(m.namespace).toBe(METRIC_NAMESPACE);
    const { service, ...rest } = m.dimensions;
    expect(service).toBe("statsbidrag");
    const dims = Object.entries(rest).map(([k, v]) => `${k}=${String(v)}`);
    return `${m.name}${dims.length ? `{${dims.join(",")}}` : ""} ${String(m.value)}`;
  });
}

function requisitionEvent(body: unknown, claims?: Claims, idempotencyKey?: string) {
  return apiEvent({
    route: "POST /programmes/{programmeId}/requisitions",
    pathParameters: { programmeId: PROGRAMME_2022 },
    body,
    ...(claims ? { claims } : {}),
    ...(idempotencyKey ? { headers: { "idempotency-key": idempotencyKey } } : {}),
  });
}

describe("submission routes", () => {
  it("count a stored requisition once, not its idempotent replay, and each refusal by its code", async () => {
    // Prepare
    const handler = await handlerOf<ApiHandlerFn>("create-requisition");
    const claims = municipalityClaims(LUND.kommunkod);
    const form = requisitionForm(LUND);
    // Act
    const statuses = [
      (await invoke(handler, requisitionEvent(form, claims, "key-1"))).status,
      (await invoke(handler, requisitionEvent(form, claims, "key-1"))).status,
      (await invoke(handler, requisitionEvent({ grant: "none" }, claims))).status,
      (await invoke(handler, requisitionEvent(form))).status,
    ];
    // Assess
    expect(statuses).toEqual([201, 201, 400, 401]);
    expect(emitted()).toEqual([
      `${METRIC.submissionAccepted}{kind=requisition} 1`,
      `${METRIC.submissionRefused}{kind=requisition,code=VALIDATION_FAILED} 1`,
      `${METRIC.submissionRefused}{kind=requisition,code=UNAUTHORIZED} 1`,
    ]);
  });

  it("count a stored correction, and a second correction of the same version as refused", async () => {
    // Prepare
    const handler = await handlerOf<ApiHandlerFn>("create-correction");
    const id = await returned(sys, LUND);
    output.clear();
    const correction = () =>
      invoke(
        handler,
        apiEvent({
          route: "POST /submissions/{id}/corrections",
          pathParameters: { id },
          body: requisitionForm(LUND),
          claims: municipalityClaims(LUND.kommunkod),
        }),
      );
    // Act
    const first = await correction();
    const second = await correction();
    // Assess
    expect(first.status).toBe(201);
    expect(emitted()).toEqual([
      `${METRIC.submissionAccepted}{kind=correction} 1`,
      `${METRIC.submissionRefused}{kind=correction,code=${String(second.body.code)}} 1`,
    ]);
  });

  it("count a refused report as a report", async () => {
    // Prepare
    const handler = await handlerOf<ApiHandlerFn>("create-report");
    // Act
    await invoke(
      handler,
      apiEvent({
        route: "POST /programmes/{programmeId}/reports",
        pathParameters: { programmeId: PROGRAMME_2022 },
        body: "not json",
        headers: { "content-type": "text/plain" },
        claims: municipalityClaims(LUND.kommunkod),
      }),
    );
    // Assess
    expect(emitted()).toEqual([`${METRIC.submissionRefused}{kind=report,code=UNSUPPORTED_MEDIA_TYPE} 1`]);
  });
});

describe("upload functions", () => {
  it("count an upload under an unknown key as quarantined, a scanned one as scanning, then its verdict", async () => {
    // Prepare
    const check = await handlerOf<(e: ReturnType<typeof s3Event>) => Promise<void>>("upload-check");
    const scanResult = await handlerOf<(e: unknown) => Promise<void>>("scan-result");
    const requisition = await invoke(
      await handlerOf<ApiHandlerFn>("create-requisition"),
      requisitionEvent(requisitionForm(LUND), municipalityClaims(LUND.kommunkod)),
    );
    const key = String((requisition.body.upload as { fields: { key: string } }).fields.key);
    const stray = `originals/${PROGRAMME_2022}/1281/unknown/unknown`;
    const version = sys.files.upload(key, PDF);
    sys.files.upload(stray, PDF);
    const created = s3Event(key, stray);
    for (const r of created.Records) r.s3.object.eTag = sys.files.objects.get(r.s3.object.key)?.etag ?? "";
    output.clear();
    // Act
    await check(created);
    await scanResult({
      source: "aws.guardduty",
      "detail-type": "GuardDuty Malware Protection Object Scan Result",
      detail: {
        scanStatus: "COMPLETED",
        s3ObjectDetails: { bucketName: BUCKET, objectKey: key, eTag: version.etag },
        scanResultDetails: { scanResultStatus: "NO_THREATS_FOUND" },
      },
    });
    // Assess
    expect(emitted()).toEqual([
      `${METRIC.uploadScanning} 1`,
      `${METRIC.uploadQuarantined} 1`,
      `${METRIC.uploadAccepted} 1`,
    ]);
  });
});

describe("outbox-dispatch", () => {
  const mail = (id: string, attempts = 0): StoredMail => ({
    id,
    to: ["registrator@lund.example"],
    subject: "Registrerad",
    text: "Registrerad",
    html: "<p>Registrerad</p>",
    topic: "registered",
    attempts,
    status: "pending",
  });

  it("counts a mail sent and a mail failed for good, not one that will be retried", async () => {
    // Prepare
    const handler = await handlerOf<(e: unknown) => Promise<unknown>>("outbox-dispatch");
    sys.outbox.add(mail("m-sent"));
    sys.outbox.add(mail("m-retry"));
    sys.outbox.add(mail("m-final", 9));
    // Act
    await handler(streamEvent(streamRecord({ pk: "OUTBOX#m-sent" })));
    sys.mailer.failures = [new Error("SES is down"), new Error("SES is down")];
    await handler(streamEvent(streamRecord({ pk: "OUTBOX#m-retry" })));
    await handler(streamEvent(streamRecord({ pk: "OUTBOX#m-final" })));
    // Assess
    expect(emitted()).toEqual([`${METRIC.mailSent} 1`, `${METRIC.mailFailed} 1`]);
  });

  it("counts the schedule's sweep in one line per result", async () => {
    // Prepare
    const handler = await handlerOf<(e: unknown) => Promise<unknown>>("outbox-dispatch");
    sys.outbox.add(mail("m-1"));
    sys.outbox.add(mail("m-2"));
    // Act
    await handler(scheduledEvent());
    // Assess
    expect(emitted()).toEqual([`${METRIC.mailSent} 2`]);
  });
});

describe("daily", () => {
  it("writes reminders sent and reconciliation drift every run, zero too", async () => {
    // Prepare
    const handler = await handlerOf<(e: unknown) => Promise<unknown>>("daily");
    // Act
    await handler(scheduledEvent());
    // Assess
    expect(emitted()).toEqual([`${METRIC.remindersSent} 0`, `${METRIC.reconciliationDrift} 0`]);
  });
});
