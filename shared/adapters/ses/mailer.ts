import { SESClient, SendEmailCommand } from "@aws-sdk/client-ses";
import type { Mailer, OutgoingMail } from "../../mail/ports.ts";

export function createSesClient(): SESClient {
  // One attempt per call: the outbox owns retries and backoff, so the SDK should not add its own.
  return new SESClient({ maxAttempts: 1 });
}

export class SesMailer implements Mailer {
  constructor(
    private readonly ses: SESClient,
    private readonly configurationSet?: string,
  ) {}

  async send(mail: OutgoingMail): Promise<string> {
    const out = await this.ses.send(
      new SendEmailCommand({
        Source: mail.from,
        Destination: { ToAddresses: mail.to },
        Message: {
          Subject: { Data: mail.subject, Charset: "UTF-8" },
          Body: { Text: { Data: mail.text, Charset: "UTF-8" }, Html: { Data: mail.html, Charset: "UTF-8" } },
        },
        ...(this.configurationSet ? { ConfigurationSetName: this.configurationSet } : {}),
      }),
    );
    return out.MessageId ?? "unknown";
  }
}
