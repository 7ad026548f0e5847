/**
 * Typed runtime configuration, read once at cold start. A missing or malformed variable fails the
 * cold start with a clear message instead of running with an empty string. Written without zod on
 * purpose: every function reads its config, and not every function needs a schema library.
 */
export interface Config {
  STATSBIDRAG_STAGE: string;
  TABLE_NAME: string;
  BUCKET_NAME: string;
  MAIL_FROM: string;
  /** Maximum size of an uploaded signed original, in bytes. */
  UPLOAD_MAX_BYTES: number;
  /** How long a presigned upload stays valid, in seconds. */
  UPLOAD_TTL_SECONDS: number;
  /**
   * "guardduty": an upload is accepted only on GuardDuty Malware Protection's NO_THREATS_FOUND;
   * "none": the stage has no malware scanning, and says so here. No default: it must be chosen.
   */
  MALWARE_SCAN: "guardduty" | "none";
  /** Accepted files are locked (Object Lock, GOVERNANCE) for this many days. */
  RECORD_RETENTION_DAYS: number;
  /** Optional SES configuration set (bounce/complaint events on AWS). */
  SES_CONFIGURATION_SET?: string;
  /** Base URL of the web pages, for links in e-mails. */
  WEB_BASE_URL?: string;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

const malwareScan = (value: string | undefined): Config["MALWARE_SCAN"] =>
  value === "none" ? "none" : "guardduty";

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const problems: string[] = [];
  const required = (name: string): string => {
    const value = env[name];
    if (!value) problems.push(`${name}: missing`);
    return value ?? "";
  };
  const positiveInt = (name: string, fallback: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === "") return fallback;
    const value = Number(raw);
    if (!Number.isSafeInteger(value) || value <= 0) problems.push(`${name}: must be a positive integer`);
    return value;
  };
  const config: Config = {
    STATSBIDRAG_STAGE: required("STATSBIDRAG_STAGE"),
    TABLE_NAME: required("TABLE_NAME"),
    BUCKET_NAME: required("BUCKET_NAME"),
    MAIL_FROM: required("MAIL_FROM"),
    UPLOAD_MAX_BYTES: positiveInt("UPLOAD_MAX_BYTES", 20 * 1024 * 1024),
    UPLOAD_TTL_SECONDS: positiveInt("UPLOAD_TTL_SECONDS", 3600),
    MALWARE_SCAN: malwareScan(env.MALWARE_SCAN),
    RECORD_RETENTION_DAYS: positiveInt("RECORD_RETENTION_DAYS", 3650),
    ...(env.SES_CONFIGURATION_SET ? { SES_CONFIGURATION_SET: env.SES_CONFIGURATION_SET } : {}),
    ...(env.WEB_BASE_URL ? { WEB_BASE_URL: env.WEB_BASE_URL } : {}),
  };
  if (env.MALWARE_SCAN !== "guardduty" && env.MALWARE_SCAN !== "none") {
    problems.push('MALWARE_SCAN: must be "guardduty" or "none" (a stage says whether it scans uploads)');
  }
  if (config.MAIL_FROM && !EMAIL.test(config.MAIL_FROM)) problems.push("MAIL_FROM: not an e-mail address");
  if (config.WEB_BASE_URL && !URL.canParse(config.WEB_BASE_URL)) problems.push("WEB_BASE_URL: not a URL");
  if (problems.length > 0) throw new Error(`statsbidrag configuration is invalid: ${problems.join("; ")}`);
  return config;
}
