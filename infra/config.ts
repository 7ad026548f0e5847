import { z } from "zod";

/**
 * Per-environment deployment settings, kept in cdk.json under context "stages" and chosen with
 * `-c stage=<name>` (default "dev"). Validated at synth so a typo fails `cdk synth` with the key
 * that is wrong, instead of deploying a stack with an empty sender or origin.
 */

/** Retention values CloudWatch Logs accepts; anything else fails at deploy time, so check here. */
const LOG_RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;

const REGION = /^[a-z]{2}(?:-gov)?-[a-z]+-\d$/;

const stageSchema = z.object({
  stage: z.string().regex(/^[a-z][a-z0-9-]{1,15}$/, "lowercase letters, digits and '-', 2–16 characters"),
  /**
   * Where the stateful and stateless stacks deploy. Explicit because the CloudFront web ACL lives
   * in us-east-1 (edge stack) and a cross-region reference needs both regions known at synth.
   */
  region: z.string().regex(REGION, "an AWS region such as eu-north-1").default("eu-north-1"),
  senderAddress: z.email(),
  /**
   * The agency's intake addresses for signed originals by e-mail. With them the stateful stack
   * creates an SES receipt rule set that stores their mail under intake/ (infra/constructs/
   * mail-intake.ts); without them nothing receives mail. Their domain must be verified in SES and
   * its MX record point at SES's inbound endpoint of this region (README).
   */
  intakeAddresses: z.array(z.email()).min(1).optional(),
  alarmEmail: z.email().optional(),
  /** Accepted files are locked (Object Lock, GOVERNANCE) this many days from when they are written. */
  originalsRetentionDays: z.number().int().positive(),
  /**
   * Whether uploads are scanned for malware: "guardduty" accepts a file only on GuardDuty Malware
   * Protection's NO_THREATS_FOUND; "none" accepts it unscanned. No default: the functions refuse
   * to start without it, and a stage that does not scan must say so.
   */
  malwareScanning: z.enum(["guardduty", "none"], {
    error: 'must be "guardduty" or "none": whether this stage scans uploads for malware (no default)',
  }),
  /** S3 refuses a transition to STANDARD_IA earlier than 30 days. */
  transitionToInfrequentAccessDays: z.number().int().min(30),
  logRetentionDays: z
    .number()
    .int()
    .refine((d) => (LOG_RETENTION_DAYS as readonly number[]).includes(d), {
      message: `must be one of ${LOG_RETENTION_DAYS.join(", ")}`,
    }),
  /** Origin of the web pages (scheme + host), the only origin allowed by CORS. */
  webOrigin: z.url().refine((u) => new URL(u).origin === u, { message: "must be an origin without path" }),
  /**
   * ACM certificate (in us-east-1, as CloudFront requires) for webOrigin's host name. With it the
   * distribution answers on webOrigin; without it the pages live on the distribution's own
   * *.cloudfront.net name (see README, "Deploying to AWS").
   */
  webCertificateArn: z
    .string()
    .regex(/^arn:aws[a-z-]*:acm:us-east-1:\d{12}:certificate\/[\w-]+$/, "an ACM certificate ARN in us-east-1")
    .optional(),
  /**
   * Prefix of the Cognito hosted sign-in domain (<prefix>.auth.<region>.amazoncognito.com); must
   * be unused in the region. Defaults to statsbidrag-<stage>.
   */
  authDomainPrefix: z
    .string()
    .regex(/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/, "lowercase letters, digits and '-'")
    .refine((p) => !/aws|amazon|cognito/.test(p), { message: "must not contain aws, amazon or cognito" })
    .optional(),
  /** Base URL for links in e-mails; defaults to the pages' address. */
  webBaseUrl: z.url().optional(),
  uploadMaxBytes: z.number().int().positive(),
  uploadTtlSeconds: z.number().int().positive().default(3600),
  /** HTTP API default stage throttle (requests per second / burst). */
  apiRateLimit: z.number().positive().default(50),
  apiBurstLimit: z.number().int().positive().default(100),
  /**
   * The API's own host name and its ACM certificate in the stage's region. With it the HTTP API's
   * execute-api endpoint is disabled and CloudFront reaches the API on this name (point a CNAME at
   * the ApiDomainTarget output); without it CloudFront has no other way in, so the execute-api
   * endpoint stays (see README, "Operations").
   */
  apiDomain: z
    .object({
      name: z
        .string()
        .regex(/^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,}$/, "a host name"),
      certificateArn: z
        .string()
        .regex(/^arn:aws[a-z-]*:acm:[a-z0-9-]+:\d{12}:certificate\/[\w-]+$/, "an ACM certificate ARN"),
    })
    .optional(),
  /**
   * Requests one client IP may make to CloudFront in 5 minutes before the web ACL blocks it.
   * Every request counts (pages, assets, API), and a municipality's staff may share one address.
   */
  webRateLimitPerIp: z.number().int().min(10).default(2000),
  /**
   * PEM bundle of the CAs whose digital signatures on originals count as verified: a path relative
   * to the repository (or absolute, e.g. a file CI fetched). Synth puts it into the SSM parameter
   * /statsbidrag/<stage>/trust-anchors (at most 8 KB: the roots only), which the upload check and
   * its sweep read on their first signed PDF and keep for the container's life; a Lambda
   * environment (4 KB in all) cannot hold a real bundle. Unset: no CA is trusted (at best "untrusted").
   */
  trustAnchorsFile: z
    .string()
    .min(1)
    .regex(/^[^\0\r\n]+$/, "a path on one line")
    .optional(),
});

export type StageConfig = z.infer<typeof stageSchema>;

/** Reads one stage out of the `stages` context object, throwing with the offending key path. */
export function parseStageConfig(stages: unknown, stage: string): StageConfig {
  if (typeof stages !== "object" || stages === null) {
    throw new Error('cdk.json: context "stages" is missing (expected an object keyed by stage name)');
  }
  const raw: unknown = (stages as Record<string, unknown>)[stage];
  if (raw === undefined) {
    const known = Object.keys(stages).join(", ");
    throw new Error(`cdk.json: context "stages.${stage}" is missing (known stages: ${known || "none"})`);
  }
  const parsed = stageSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues
      .map((i) => `"stages.${stage}.${i.path.join(".")}": ${i.message}`)
      .join("; ");
    throw new Error(`cdk.json: invalid stage configuration: ${problems}`);
  }
  if (parsed.data.stage !== stage) {
    throw new Error(`cdk.json: "stages.${stage}.stage" is "${parsed.data.stage}", expected "${stage}"`);
  }
  const certificateRegion = parsed.data.apiDomain?.certificateArn.split(":")[3];
  if (certificateRegion !== undefined && certificateRegion !== parsed.data.region) {
    throw new Error(
      `cdk.json: "stages.${stage}.apiDomain.certificateArn" is in ${certificateRegion}; a regional API needs one in ${parsed.data.region}`,
    );
  }
  return parsed.data;
}

/** What a node's context holds; takes a getter so it works with App and with plain objects in tests. */
export function stageConfigFromContext(tryGetContext: (key: string) => unknown): StageConfig {
  const stage = tryGetContext("stage") ?? "dev";
  if (typeof stage !== "string") throw new Error('cdk.json: context "stage" must be a string');
  return parseStageConfig(tryGetContext("stages"), stage);
}
