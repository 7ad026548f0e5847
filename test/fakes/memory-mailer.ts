import type { Mailer, OutgoingMail } from "../../shared/mail/ports.ts";
import { tick } from "./tick.ts";

/** SES in memory: what was sent, and failures to throw first. */
export class MemoryMailer implements Mailer {
  readonly sent: OutgoingMail[] = [];
  failures: Error[] = [];

  async send(mail: OutgoingMail): Promise<string> {
    await tick();
    const failure = this.failures.shift();
    if (failure) throw failure;
    this.sent.push(mail);
    return `ses-${this.sent.length}`;
  }
}
