import { z } from "zod";

/**
 * Typed runtime configuration, read once at cold start. A missing variable fails the cold start
 * with a clear message instead of running with an empty string.
 */
const schema = z.object({
  STATSBIDRAG_STAGE: z.string().min(1),
  TABLE_NAME: z.string().min(1),
  BUCKET_NAME: z.string().min(1),
  MAIL_FROM: z.email(),
  /** Maximum size of an uploaded signed original, in bytes. */
  UPLOAD_MAX_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(20 * 1024 * 1024),
  /** How long a presigned upload stays valid, in seconds. */
  UPLOAD_TTL_SECONDS: z.coerce.number().int().positive().default(3600),
  /** Optional SES configuration set (bounce/complaint events on AWS). */
  SES_CONFIGURATION_SET: z.string().min(1).optional(),
  /** Base URL of the web pages, for links in e-mails. */
  WEB_BASE_URL: z.url().optional(),
});

export type Config = z.infer<typeof schema>;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const missing = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new Error(`statsbidrag configuration is invalid: ${missing}`);
  }
  return parsed.data;
}
