import * as z from "zod/mini";
import type { Suppression } from "./ports.ts";

/**
 * The parts of an SES event-publishing record (configuration set → SNS) that decide
 * suppression. Identity notifications use `notificationType` instead of `eventType`; both are
 * accepted so a misrouted identity notification still counts.
 */
const text = z.optional(z.string());
const recipient = z.object({ emailAddress: z.string().check(z.minLength(3)) });
const sesEvent = z.object({
  eventType: text,
  notificationType: text,
  mail: z.optional(z.object({ timestamp: text, destination: z.optional(z.array(z.string())) })),
  bounce: z.optional(
    z.object({
      bounceType: z.string(),
      bounceSubType: text,
      bouncedRecipients: z.array(recipient),
      timestamp: text,
    }),
  ),
  complaint: z.optional(
    z.object({
      complainedRecipients: z.array(recipient),
      complaintFeedbackType: text,
      timestamp: text,
    }),
  ),
});
type SesEvent = z.infer<typeof sesEvent>;

/** `"Name" <a@b.se>` or `a@b.se` → `a@b.se`, lowercased (the table key is case-insensitive). */
function normalise(address: string): string {
  const inBrackets = /<([^>]+)>/.exec(address)?.[1];
  return (inBrackets ?? address).trim().toLowerCase();
}

/**
 * Which addresses one SES event suppresses. A transient bounce (mailbox full, greylisting) is
 * not suppressed: SES already retried, and the next mail may well arrive. Only the recipients
 * SES names are suppressed, never every address in mail.destination.
 */
export function suppressionsOf(event: SesEvent, now: Date): Suppression[] {
  const type = event.eventType ?? event.notificationType;
  const fallbackAt = event.mail?.timestamp ?? now.toISOString();
  if (type === "Bounce" && event.bounce) {
    const { bounce } = event;
    if (bounce.bounceType === "Transient") return [];
    const reason = ["bounce", bounce.bounceType, bounce.bounceSubType].filter(Boolean).join(":");
    const at = bounce.timestamp ?? fallbackAt;
    return bounce.bouncedRecipients.map((r) => ({ address: normalise(r.emailAddress), reason, at }));
  }
  if (type === "Complaint" && event.complaint) {
    const { complaint } = event;
    const reason = ["complaint", complaint.complaintFeedbackType].filter(Boolean).join(":");
    const at = complaint.timestamp ?? fallbackAt;
    return complaint.complainedRecipients.map((r) => ({ address: normalise(r.emailAddress), reason, at }));
  }
  return [];
}

/** An SNS message body as an SES event, or undefined when it is not one. */
export function parseSesEvent(message: string): SesEvent | undefined {
  try {
    const parsed = sesEvent.safeParse(JSON.parse(message));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
