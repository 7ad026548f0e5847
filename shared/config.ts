import { readFileSync } from "node:fs";

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
  /**
   * PEM bundle of the CAs whose digital signatures on originals count as verified: the text of
   * STATSBIDRAG_TRUST_ANCHORS_PEM (on AWS), else the file STATSBIDRAG_TRUST_ANCHORS names
   * (locally), else "" (no CA trusted: a signature is at best "untrusted").
   */
  TRUST_ANCHORS_PEM: string;
  /**
   * On AWS: the name of the SSM parameter that holds the trust list's PEM text
   * (STATSBIDRAG_TRUST_ANCHORS_PARAMETER), read by the upload check on its first signed PDF and
   * kept for the container's life. Set with a file or PEM text as well, the stage is misconfigured.
   */
  TRUST_ANCHORS_PARAMETER?: string;
  /**
   * How long a function keeps a programme it read, in seconds (default 60): a corrected fact, a
   * new question or a closing reaches every container within it. The local stack uses 2, so a
   * change made on the officer's page shows on the municipality's at once.
   */
  PROGRAMME_CACHE_SECONDS: number;
  /**
   * Whether the mail intake trusts a message's From only on Amazon SES's verdict ("ses", the
   * default and every deployed stage's) or as written ("none": a local stack without SES).
   */
  INTAKE_SENDER_AUTH: "ses" | "none";
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

const malwareScan = (value: string | undefined): Config["MALWARE_SCAN"] =>
  value === "none" ? "none" : "guardduty";

/** The trust list's text; a named file that cannot be read, or holds no certificate, is a problem. */
function trustAnchors(
  env: NodeJS.ProcessEnv,
  readText: (path: string) => string,
  problems: string[],
): string {
  const pem = (name: string, text: string) => {
    if (!text.includes("-----BEGIN CERTIFICATE-----")) problems.push(`${name}: no PEM certificate in it`);
    return text;
  };
  const path = env.STATSBIDRAG_TRUST_ANCHORS;
  if (env.STATSBIDRAG_TRUST_ANCHORS_PEM)
    return pem("STATSBIDRAG_TRUST_ANCHORS_PEM", env.STATSBIDRAG_TRUST_ANCHORS_PEM);
  if (!path) return "";
  try {
    return pem("STATSBIDRAG_TRUST_ANCHORS", readText(path));
  } catch {
    problems.push(`STATSBIDRAG_TRUST_ANCHORS: cannot read ${path}`);
    return "";
  }
}

export function loadConfig(
  env: NodeJS.ProcessEnv = process.env,
  readText: (path: string) => string = (path) => readFileSync(path, "utf8"),
): Config {
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
    TRUST_ANCHORS_PEM: trustAnchors(env, readText, problems),
    ...(env.STATSBIDRAG_TRUST_ANCHORS_PARAMETER
      ? { TRUST_ANCHORS_PARAMETER: env.STATSBIDRAG_TRUST_ANCHORS_PARAMETER }
      : {}),
    PROGRAMME_CACHE_SECONDS: positiveInt("PROGRAMME_CACHE_SECONDS", 60),
    INTAKE_SENDER_AUTH: env.INTAKE_SENDER_AUTH === "none" ? "none" : "ses",
  };
  if (env.INTAKE_SENDER_AUTH && env.INTAKE_SENDER_AUTH !== "ses" && env.INTAKE_SENDER_AUTH !== "none") {
    problems.push('INTAKE_SENDER_AUTH: must be "ses" or "none"');
  }
  if (env.MALWARE_SCAN !== "guardduty" && env.MALWARE_SCAN !== "none") {
    problems.push('MALWARE_SCAN: must be "guardduty" or "none" (a stage says whether it scans uploads)');
  }
  if (
    config.TRUST_ANCHORS_PARAMETER &&
    (env.STATSBIDRAG_TRUST_ANCHORS || env.STATSBIDRAG_TRUST_ANCHORS_PEM)
  ) {
    problems.push(
      "STATSBIDRAG_TRUST_ANCHORS_PARAMETER: set together with a trust list file or PEM text; name one",
    );
  }
  if (config.MAIL_FROM && !EMAIL.test(config.MAIL_FROM)) problems.push("MAIL_FROM: not an e-mail address");
  if (config.WEB_BASE_URL && !URL.canParse(config.WEB_BASE_URL)) problems.push("WEB_BASE_URL: not a URL");
  if (problems.length > 0) throw new Error(`statsbidrag configuration is invalid: ${problems.join("; ")}`);
  return config;
}
