import type { OutboxMail } from "../mail/outbox-mail.ts";
import type { RenderedMail } from "../mail/templates/layout.ts";
import type { MunicipalFacts, ProgrammeFacts } from "../mail/templates/programme.ts";
import { effectiveDeadlines } from "../programmes/deadlines.ts";
import type { Allocation, Programme } from "../programmes/schema.ts";
import type { ReminderKind } from "./model.ts";
import type { MarkedMail } from "./ports.ts";

/** What mails say about a programme: its terms with the deadlines that count. */
export function programmeFacts(programme: Programme, webBaseUrl?: string): ProgrammeFacts {
  return {
    programmeId: programme.id,
    programmeTitle: programme.title,
    receivingAgency: programme.receivingAgency,
    agreementDiarienummer: programme.agreementDiarienummer,
    decisionDiarienummer: programme.decisionDiarienummer,
    deadlines: effectiveDeadlines(programme),
    ...(webBaseUrl ? { webBaseUrl } : {}),
  };
}

export function municipalFacts(allocation: Allocation): MunicipalFacts {
  return {
    kommun: allocation.kommun,
    kommunkod: allocation.kommunkod,
    allocation: allocation.amount,
    modelExtra: allocation.modelExtra,
  };
}

/**
 * A mail with a deterministic id, so the same reminder can never be queued twice, with the record
 * that says it was sent; the store writes both in one transaction.
 */
export function markedMail(
  programmeId: string,
  kommunkod: string,
  kind: ReminderKind,
  offset: number,
  at: string,
  to: string[],
  rendered: RenderedMail,
): MarkedMail {
  const mail: OutboxMail = {
    id: `${kind}-${programmeId}-${kommunkod}-${offset}`,
    to,
    ...rendered,
    topic: kind === "announcement" ? "announcement" : `reminder-${kind}`,
  };
  return { record: { programmeId, kommunkod, kind, offset, at, mailId: mail.id }, mail };
}
