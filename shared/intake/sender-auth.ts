import { parseAuthenticationResults } from "./authentication-results.ts";

/**
 * Whether the intake trusts a message's From address: "ses" (every deployed stage, and the default)
 * only when Amazon SES's own verdict on the message says the From domain authenticated; "none"
 * takes the From as written, for a local stack that wants to drop hand-written messages straight
 * into the bucket (INTAKE_SENDER_AUTH=none; README "Signed originals by e-mail").
 */
export type SenderAuthMode = "ses" | "none";

/** Who made the verdicts the intake trusts: SES's receiving endpoint names itself so. */
export const SES_AUTHSERV_ID = "amazonses.com";

/**
 * What the intake made of the message's authentication, kept on the intake item for the officer.
 * pass: SES says the From domain passed DMARC, or SPF or DKIM aligned with it; fail: it failed (or
 * the From was ambiguous); missing: no verdict of SES's is on top of the message; not-checked: the
 * stage does not require one ("none").
 */
export interface SenderAuth {
  result: "pass" | "fail" | "missing" | "not-checked";
  spf?: string;
  dkim?: string;
  dmarc?: string;
  /** X-SES-Spam-Verdict / X-SES-Virus-Verdict as SES wrote them: PASS, FAIL, GRAY, PROCESSING_FAILED. */
  spam?: string;
  virus?: string;
}

/** The headers the decision reads: each the topmost of its name, as SES prepends its own above the sender's. */
export interface AuthHeaders {
  authenticationResults?: string;
  spamVerdict?: string;
  virusVerdict?: string;
  /** How many From fields the message has, and how many addresses they name: exactly one is trusted. */
  fromFields: number;
  fromAddresses: number;
}

const domainOf = (address: string | undefined) => address?.split("@").pop()?.toLowerCase() || undefined;

/**
 * Relaxed alignment without a public-suffix list: the same domain, a subdomain of the From domain,
 * or a parent of it that still has two labels (mail.lund.se aligns with lund.se; "se" aligns with
 * nothing).
 */
function aligned(domain: string | undefined, fromDomain: string): boolean {
  if (!domain) return false;
  if (domain === fromDomain || domain.endsWith(`.${fromDomain}`)) return true;
  return fromDomain.endsWith(`.${domain}`) && domain.split(".").length >= 2;
}

/**
 * SES's verdict on the From address, read from the topmost Authentication-Results field only when
 * SES (amazonses.com) wrote it: a field further down, or one another server claims, was written by
 * whoever sent the message. A From that fails DMARC fails; without a DMARC verdict it passes only
 * when SPF or DKIM passed for a domain aligned with it.
 */
export function senderAuthOf(
  mode: SenderAuthMode,
  headers: AuthHeaders,
  from: string | undefined,
): SenderAuth {
  if (mode === "none") return { result: "not-checked" };
  const verdicts = {
    ...(headers.spamVerdict ? { spam: headers.spamVerdict.trim().toUpperCase() } : {}),
    ...(headers.virusVerdict ? { virus: headers.virusVerdict.trim().toUpperCase() } : {}),
  };
  const parsed = headers.authenticationResults
    ? parseAuthenticationResults(headers.authenticationResults)
    : undefined;
  if (!parsed || parsed.authservId !== SES_AUTHSERV_ID) return { result: "missing", ...verdicts };
  const spf = parsed.results.find((r) => r.method === "spf");
  const dkims = parsed.results.filter((r) => r.method === "dkim");
  const dmarc = parsed.results.find((r) => r.method === "dmarc");
  const seen = {
    ...(spf ? { spf: spf.result } : {}),
    ...(dkims[0] ? { dkim: dkims.find((d) => d.result === "pass")?.result ?? dkims[0].result } : {}),
    ...(dmarc ? { dmarc: dmarc.result } : {}),
    ...verdicts,
  };
  const fromDomain = domainOf(from);
  // Two From fields, or two addresses in one, and SES may have judged another than the one read here.
  if (!fromDomain || headers.fromFields !== 1 || headers.fromAddresses !== 1)
    return { result: "fail", ...seen };
  if (dmarc?.result === "pass") {
    const judged = dmarc.props["header.from"]?.toLowerCase();
    return { result: judged === undefined || judged === fromDomain ? "pass" : "fail", ...seen };
  }
  if (dmarc?.result === "fail") return { result: "fail", ...seen };
  const spfAligned =
    spf?.result === "pass" &&
    aligned(domainOf(spf.props["smtp.mailfrom"] ?? spf.props["envelope-from"]), fromDomain);
  const dkimAligned = dkims.some(
    (d) => d.result === "pass" && aligned(d.props["header.d"] ?? domainOf(d.props["header.i"]), fromDomain),
  );
  return { result: spfAligned || dkimAligned ? "pass" : "fail", ...seen };
}

/** Whether SES flagged the message: FAIL only (GRAY and PROCESSING_FAILED say nothing either way). */
export const flagged = (verdict: string | undefined) => verdict === "FAIL";
