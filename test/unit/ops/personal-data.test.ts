import type { SNSEvent } from "aws-lambda";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { ApiContext } from "../../../functions/commons/api-types.ts";
import type { StoredMail } from "../../../shared/mail/ports.ts";
import type { FakeSystem } from "../../fakes/fake-root.ts";
import {
  type ApiEvent,
  type ApiResult,
  apiEvent,
  invoke,
  LUND,
  municipalityClaims,
  officerClaims,
  PROGRAMME_2022,
  scheduledEvent,
  streamEvent,
  streamRecord,
} from "../../helpers/events.ts";
import { registered } from "../functions/on-fakes.ts";
import { captureOutput } from "./capture.ts";

/**
 * The code paths that handle addresses (the outbox, SES's bounce and complaint events, the
 * contact register, the mails a requisition, an opening and the daily job queue) run on the
 * fakes with every log level on, and not one line they write may hold anything shaped like an
 * e-mail address: not a call site's fields, not an error's text (an SES rejection names the
 * recipient), not the request (claims carry the user's address).
 */
const EMAIL_LIKE = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/;

const NOW = "2022-06-01T10:00:00.000Z";
const CONTACT = {
  registryEmail: "registrator@lund.example",
  contact: { name: "Eva Ek", email: "eva.ek@lund.example" },
};

type Http = (event: ApiEvent, context: ApiContext) => Promise<ApiResult>;
type Handlers = {
  outbox: typeof import("../../../functions/outbox-dispatch/handler.ts")["handler"];
  mailEvents: (event: SNSEvent) => Promise<void>;
  contacts: Http;
  requisition: Http;
  open: Http;
  daily: typeof import("../../../functions/daily/handler.ts")["handler"];
};

let system: FakeSystem;
let handlers: Handlers;
let output: ReturnType<typeof captureOutput>;

beforeEach(async () => {
  vi.resetModules();
  // Every level, so an info line with an address would be caught too.
  vi.stubEnv("STATSBIDRAG_LOG_LEVEL", "debug");
  const fakes = await import("../../fakes/fake-root.ts");
  system = fakes.fakeSystem({ now: NOW });
  vi.doMock("../../../shared/composition-root.ts", () => fakes.fakeRoot(system));
  handlers = {
    outbox: (await import("../../../functions/outbox-dispatch/handler.ts")).handler,
    mailEvents: (await import("../../../functions/mail-events/handler.ts")).handler,
    contacts: (await import("../../../functions/contacts-register/handler.ts")).handler,
    requisition: (await import("../../../functions/create-requisition/handler.ts")).handler,
    open: (await import("../../../functions/open-programme/handler.ts")).handler,
    daily: (await import("../../../functions/daily/handler.ts")).handler,
  };
  output = captureOutput();
});

afterEach(() => {
  output.restore();
  vi.unstubAllEnvs();
});

function mail(id: string, overrides: Partial<StoredMail> = {}): StoredMail {
  return {
    id,
    to: ["ekonomi@lund.example", "Eva.Ek@lund.example"],
    subject: "Registrerad: rekvisition SB-2022-1281-R1",
    text: "Hej Eva Ek (eva.ek@lund.example)",
    html: "<p>Hej Eva Ek</p>",
    topic: "registered",
    attempts: 0,
    status: "pending",
    ...overrides,
  };
}

function snsEvent(message: unknown): SNSEvent {
  const sns = {
    Type: "Notification",
    MessageId: "sns-1",
    TopicArn: "arn:aws:sns:eu-north-1:1:t",
    Subject: "",
  };
  return {
    Records: [
      {
        EventSource: "aws:sns",
        EventVersion: "1.0",
        EventSubscriptionArn: "arn:aws:sns:eu-north-1:1:t:s",
        Sns: {
          ...sns,
          Message: typeof message === "string" ? message : JSON.stringify(message),
          Timestamp: NOW,
          SignatureVersion: "1",
          Signature: "",
          SigningCertUrl: "",
          UnsubscribeUrl: "",
          MessageAttributes: {},
        },
      },
    ],
  };
}

function assessNoAddress() {
  const text = output.text();
  expect(output.logs().length).toBeGreaterThan(0);
  expect(text.match(EMAIL_LIKE)?.[0]).toBeUndefined();
}

describe("logs of the paths that handle mail and contacts", () => {
  it("hold no address when the outbox sends, drops a suppressed mail, retries and gives up", async () => {
    // Prepare
    system.outbox.add(mail("m-sent"));
    system.outbox.add(mail("m-suppressed", { to: ["gone@lund.example"] }));
    await system.suppressions.suppress({ address: "gone@lund.example", reason: "bounce", at: NOW });
    system.outbox.add(mail("m-retry"));
    system.outbox.add(mail("m-final", { attempts: 9 }));
    const rejected = (address: string) =>
      Object.assign(new Error(`Email address is not verified. The following identities failed: ${address}`), {
        name: "MessageRejected",
      });
    // Act
    await handlers.outbox(streamEvent(streamRecord({ pk: "OUTBOX#m-sent" })));
    await handlers.outbox(streamEvent(streamRecord({ pk: "OUTBOX#m-suppressed" })));
    system.mailer.failures = [rejected("ekonomi@lund.example"), rejected("eva.ek@lund.example")];
    await handlers.outbox(streamEvent(streamRecord({ pk: "OUTBOX#m-retry" })));
    await handlers.outbox(scheduledEvent());
    // Assess
    expect(output.logs().map((l) => l.message)).toEqual(
      expect.arrayContaining(["mail sent", "mail failed, will retry", "mail failed for good"]),
    );
    assessNoAddress();
  });

  it("hold no address when SES reports bounces and complaints, or sends something else", async () => {
    // Prepare
    const sent = { timestamp: NOW, destination: ["eva.ek@lund.example"] };
    const bounce = {
      eventType: "Bounce",
      mail: sent,
      bounce: {
        bounceType: "Permanent",
        bounceSubType: "General",
        timestamp: NOW,
        bouncedRecipients: [{ emailAddress: "eva.ek@lund.example" }],
      },
    };
    const complaint = {
      eventType: "Complaint",
      mail: sent,
      complaint: { timestamp: NOW, complainedRecipients: [{ emailAddress: "eva.ek@lund.example" }] },
    };
    // Act
    await handlers.mailEvents(snsEvent(bounce));
    await handlers.mailEvents(snsEvent(complaint));
    await handlers.mailEvents(snsEvent("not json: eva.ek@lund.example"));
    // Assess
    assessNoAddress();
  });

  it("hold no address when an officer saves, reads or mistypes a contact, whose own claims carry one", async () => {
    // Prepare
    const claims = officerClaims();
    const put = (body: unknown) =>
      apiEvent({ route: "PUT /contacts/{kommunkod}", pathParameters: { kommunkod: LUND }, body, claims });
    // Act
    const saved = await invoke(handlers.contacts, put(CONTACT));
    const refused = await invoke(handlers.contacts, put({ registryEmail: "eva.ek@lund" }));
    const read = await invoke(
      handlers.contacts,
      apiEvent({ route: "GET /contacts/{kommunkod}", pathParameters: { kommunkod: LUND }, claims }),
    );
    // Assess
    expect([saved.status, refused.status, read.status]).toEqual([200, 400, 200]);
    assessNoAddress();
  });

  it("hold no address when a requisition, an opening and the daily job queue mail to the register", async () => {
    // Prepare
    await registered(system, LUND, CONTACT);
    const programme = { programmeId: PROGRAMME_2022 };
    // Act
    const opened = await invoke(
      handlers.open,
      apiEvent({
        route: "POST /programmes/{programmeId}/open",
        pathParameters: programme,
        claims: officerClaims(),
      }),
    );
    const requisition = await invoke(
      handlers.requisition,
      apiEvent({
        route: "POST /programmes/{programmeId}/requisitions",
        pathParameters: programme,
        body: { not: "a requisition" },
        claims: municipalityClaims(LUND),
      }),
    );
    await handlers.daily(scheduledEvent());
    await handlers.outbox(scheduledEvent());
    // Assess
    expect([opened.status, requisition.status]).toEqual([201, 400]);
    assessNoAddress();
  });
});
