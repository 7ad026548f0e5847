import { Logger, LogLevel } from "@aws-lambda-powertools/logger";
import { SERVICE_NAME } from "./metric-names.ts";

/**
 * Structured JSON logs (one line each) through Powertools for AWS Lambda, so CloudWatch Logs
 * Insights can query them and the Lambda context and correlation id come with every line
 * (functions/commons/api-handler.ts injects them). Every module logs through `logger` below;
 * only the HTTP middleware needs the Powertools instance itself.
 *
 * Personal data stays out: call sites pass ids, codes and counts (never names, e-mail addresses
 * or personal identity numbers), and an error's text, which comes from code we do not control
 * (an SES rejection names the recipient), is stripped of anything shaped like either.
 */

type Fields = Record<string, unknown>;
type Level = keyof typeof LogLevel;

/** STATSBIDRAG_LOG_LEVEL first (tests log at warn), then Powertools' own POWERTOOLS_LOG_LEVEL, else info. */
function configuredLevel(): Level | undefined {
  const value = process.env.STATSBIDRAG_LOG_LEVEL?.toUpperCase();
  return value !== undefined && value in LogLevel ? (value as Level) : undefined;
}

const level = configuredLevel();
export const powertoolsLogger = new Logger({
  serviceName: SERVICE_NAME,
  ...(level ? { logLevel: level } : {}),
});

const EMAIL = /[^\s@<>"'(),;:[\]]+@[^\s@<>"'(),;:[\]]+\.[a-z]{2,}/gi;
/** YYMMDD-NNNN, YYYYMMDD-NNNN or YYYYMMDDNNNN (also matches organisation numbers, which is harmless). */
const IDENTITY_NUMBER = /\b(?:(?:19|20)?\d{6}[-+]\d{4}|(?:19|20)\d{10})\b/g;

/** Text from outside our code with e-mail addresses and identity numbers masked. */
export function withoutPersonalData(text: string): string {
  return text.replace(EMAIL, "<e-mail>").replace(IDENTITY_NUMBER, "<identity-number>");
}

/** The error as Powertools formats it (name, location, message, stack), its text masked. */
function maskedError(error: unknown): Error {
  if (!(error instanceof Error)) return new Error(withoutPersonalData(String(error)));
  const masked = new Error(withoutPersonalData(error.message));
  masked.name = error.name;
  if (error.stack) masked.stack = withoutPersonalData(error.stack);
  return masked;
}

export const logger = {
  info(message: string, fields: Fields = {}): void {
    powertoolsLogger.info(message, fields);
  },
  warn(message: string, fields: Fields = {}): void {
    powertoolsLogger.warn(message, fields);
  },
  error(message: string, error: unknown, fields: Fields = {}): void {
    powertoolsLogger.error(message, { ...fields, error: maskedError(error) });
  },
};
