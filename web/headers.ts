/**
 * The pages' security headers, written once: CloudFront's response headers policy
 * (infra/constructs/web-hosting.ts) and the local server (infra/local/web.ts) both send these.
 */

/**
 * Nothing inline, nothing from elsewhere except the origins the pages must talk to: the S3
 * endpoint that presigned uploads (and officers' downloads of originals) go to, and on AWS the
 * Cognito domain whose token endpoint the sign-in page calls. PDFs and scans are shown from
 * blob: URLs. The API is on the pages' own origin ('self') in both places.
 */
export function contentSecurityPolicy(connectOrigins: readonly string[]): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' blob: data:",
    ["connect-src 'self'", ...connectOrigins].join(" "),
    "frame-src blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** Sent with every page and asset besides the CSP. HSTS is added where there is TLS (CloudFront). */
export const SECURITY_HEADERS = {
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
  "cross-origin-opener-policy": "same-origin",
  "permissions-policy": "camera=(), microphone=(), geolocation=()",
} as const;
