/**
 * Access to the mails captured by the SES emulator (SES_STORE_URL, set by the global setup).
 * The emulator already parses raw MIME (SendRawEmail) into the same shape as SendEmail, so no
 * mailparser is needed here.
 */
import { z } from "zod";
import { requireEnv } from "./env.ts";

const mailSchema = z.object({
  messageId: z.string(),
  from: z.string(),
  replyTo: z.array(z.string()).default([]),
  destination: z.object({
    to: z.array(z.string()).default([]),
    cc: z.array(z.string()).default([]),
    bcc: z.array(z.string()).default([]),
  }),
  subject: z.string(),
  body: z.object({ text: z.string().optional(), html: z.string().optional() }),
  attachments: z
    .array(
      z.object({
        filename: z.string().optional(),
        contentType: z.string(),
        size: z.number(),
        content: z.string(),
      }),
    )
    .default([]),
  /** Epoch seconds. */
  at: z.number(),
});
const storeSchema = z.object({ emails: z.array(mailSchema) });

export type CapturedMail = z.infer<typeof mailSchema>;

/** All mails the emulator has captured, oldest first. */
export async function readMails(): Promise<CapturedMail[]> {
  const res = await fetch(requireEnv("SES_STORE_URL"));
  if (!res.ok) throw new Error(`SES store answered ${res.status}`);
  return storeSchema.parse(await res.json()).emails;
}

/** Empties the store (the emulator's POST /clear-store); also drops templates. */
export async function clearMails(): Promise<void> {
  const url = new URL("/clear-store", requireEnv("SES_STORE_URL"));
  const res = await fetch(url, { method: "POST" });
  if (!res.ok) throw new Error(`SES clear-store answered ${res.status}`);
}

/** Mails addressed (To/Cc/Bcc) to `address`, case-insensitively. */
export async function mailsTo(address: string): Promise<CapturedMail[]> {
  const wanted = address.toLowerCase();
  return (await readMails()).filter((m) =>
    [...m.destination.to, ...m.destination.cc, ...m.destination.bcc].some((a) =>
      a.toLowerCase().includes(wanted),
    ),
  );
}
