import type { Role } from "../shared/auth/roles.ts";

/**
 * The one route table. The CDK stateless stack creates one Lambda function per entry in
 * FUNCTIONS and one HTTP API route per entry in ROUTES; the local gateway dispatches requests
 * with the same table, so a route is never written twice.
 */
export type Access = "public" | "user" | "officer";
export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

export interface FunctionDef {
  /** Folder under functions/ holding handler.ts. */
  readonly name: string;
  readonly memoryMb: number;
  readonly timeoutSeconds: number;
  /** What the function touches, so CDK grants exactly that. */
  readonly needs: {
    readonly table?: "read" | "readWrite";
    /**
     * presign: upload slots; check: the upload check (also its sweep and the malware verdict);
     * download: officers' presigned download links; intake: reads the raw messages under intake/
     * and writes a mailed scan into its upload slot under originals/; intake-list: that, and the
     * officer's link to a waiting scan (writes and reads intake-preview/).
     */
    readonly bucket?: "presign" | "check" | "download" | "intake" | "intake-list";
    readonly mail?: boolean;
    /** The printed form's font files, copied into the bundle (infra/constructs/form-fonts.ts). */
    readonly formFonts?: boolean;
    /** Reads the trust list for digital signatures (an SSM parameter: infra/constructs/trust-anchors.ts). */
    readonly trustList?: boolean;
  };
}

export interface RouteDef {
  readonly method: HttpMethod;
  readonly path: string;
  readonly function: string;
  readonly access: Access;
  /**
   * Roles the caller must hold, every one of them (403 ROLE_REQUIRED otherwise); only those of
   * the caller's own kind count (shared/auth/principal.ts requireRoles).
   */
  readonly roles?: readonly Role[];
}

export const FUNCTIONS = [
  { name: "health", memoryMb: 256, timeoutSeconds: 5, needs: { table: "read" } },
  { name: "list-programmes", memoryMb: 512, timeoutSeconds: 10, needs: { table: "read" } },
  { name: "get-programme", memoryMb: 512, timeoutSeconds: 10, needs: { table: "read" } },
  {
    name: "create-requisition",
    memoryMb: 1024,
    timeoutSeconds: 15,
    needs: { table: "readWrite", bucket: "presign" },
  },
  {
    name: "create-report",
    memoryMb: 1024,
    timeoutSeconds: 15,
    needs: { table: "readWrite", bucket: "presign" },
  },
  { name: "get-submission", memoryMb: 512, timeoutSeconds: 10, needs: { table: "read", bucket: "download" } },
  { name: "list-submissions", memoryMb: 512, timeoutSeconds: 10, needs: { table: "read" } },
  { name: "form-drafts", memoryMb: 512, timeoutSeconds: 10, needs: { table: "readWrite" } },
  // The printed form: pdf-lib shapes every line with the embedded font, about a second of CPU at
  // 1024 MB (Lambda's CPU grows with memory).
  {
    name: "get-form",
    memoryMb: 1024,
    timeoutSeconds: 15,
    needs: { table: "read", formFonts: true },
  },
  {
    name: "request-upload",
    memoryMb: 512,
    timeoutSeconds: 10,
    needs: { table: "readWrite", bucket: "presign" },
  },
  // Not behind the API: S3 notifications, GuardDuty's scan results and the schedules invoke these.
  {
    name: "upload-check",
    memoryMb: 1024,
    timeoutSeconds: 60,
    needs: { table: "readWrite", bucket: "check", trustList: true },
  },
  // GuardDuty's malware verdict (EventBridge) settles an upload the check left "scanning"; like the
  // check it reads the waiting copy, hashes it and writes the record, so the same memory and rights.
  {
    name: "scan-result",
    memoryMb: 1024,
    timeoutSeconds: 60,
    needs: { table: "readWrite", bucket: "check" },
  },
  // Every 15 minutes: checks uploads no ObjectCreated check settled. It may check several files in
  // one run, one after another, so it gets the time of several checks.
  {
    name: "upload-sweep",
    memoryMb: 1024,
    timeoutSeconds: 300,
    needs: { table: "readWrite", bucket: "check", trustList: true },
  },
  // S3 ObjectCreated under intake/ (the SES receipt rule's raw messages): reads each scan's QR
  // codes like the upload check, so the same memory and time.
  {
    name: "mail-intake",
    memoryMb: 1024,
    timeoutSeconds: 60,
    needs: { table: "readWrite", bucket: "intake" },
  },
  { name: "outbox-dispatch", memoryMb: 512, timeoutSeconds: 60, needs: { table: "readWrite", mail: true } },
  // Deadlines and the officer's side. "daily" has no route: CDK schedules it (06:15 Stockholm).
  { name: "daily", memoryMb: 1024, timeoutSeconds: 300, needs: { table: "readWrite" } },
  { name: "open-programme", memoryMb: 1024, timeoutSeconds: 60, needs: { table: "readWrite" } },
  // Drafts, publishing (which announces: up to 290 mails queued), corrections, closing.
  { name: "programme-admin", memoryMb: 1024, timeoutSeconds: 60, needs: { table: "readWrite" } },
  { name: "officer-submissions", memoryMb: 512, timeoutSeconds: 10, needs: { table: "read" } },
  { name: "officer-decision", memoryMb: 512, timeoutSeconds: 10, needs: { table: "readWrite" } },
  { name: "officer-reconciliation", memoryMb: 512, timeoutSeconds: 10, needs: { table: "readWrite" } },
  { name: "officer-reports", memoryMb: 1024, timeoutSeconds: 30, needs: { table: "read" } },
  { name: "contacts-register", memoryMb: 512, timeoutSeconds: 10, needs: { table: "readWrite" } },
  // Filing by hand reads the message again and writes its scan into a new upload slot; opening a
  // scan copies it to intake-preview/ for a presigned link.
  {
    name: "officer-intake",
    memoryMb: 1024,
    timeoutSeconds: 30,
    needs: { table: "readWrite", bucket: "intake-list" },
  },
  {
    name: "create-correction",
    memoryMb: 1024,
    timeoutSeconds: 15,
    needs: { table: "readWrite", bucket: "presign" },
  },
] as const satisfies readonly FunctionDef[];

export type FunctionName = (typeof FUNCTIONS)[number]["name"];

export const ROUTES = [
  { method: "GET", path: "/health", function: "health", access: "public" },
  { method: "GET", path: "/programmes", function: "list-programmes", access: "user" },
  { method: "GET", path: "/programmes/{programmeId}", function: "get-programme", access: "user" },
  {
    method: "POST",
    path: "/programmes/{programmeId}/requisitions",
    function: "create-requisition",
    access: "user",
    roles: ["signatory"],
  },
  // The report carries the certification and the signature: the signatory sends and signs it, and
  // it is certified by the sender's own account if they are a certifier too, otherwise by a
  // certifier on the draft (drafts/report/certify; submit.ts checks which).
  {
    method: "POST",
    path: "/programmes/{programmeId}/reports",
    function: "create-report",
    access: "user",
    roles: ["signatory"],
  },
  { method: "GET", path: "/submissions", function: "list-submissions", access: "user" },
  { method: "GET", path: "/submissions/{id}", function: "get-submission", access: "user" },
  { method: "GET", path: "/submissions/{id}/form.pdf", function: "get-form", access: "user" },
  // Drafts are any municipal user's to save and read, the preparer's above all: no role needed.
  { method: "PUT", path: "/programmes/{programmeId}/drafts/{kind}", function: "form-drafts", access: "user" },
  { method: "GET", path: "/programmes/{programmeId}/drafts/{kind}", function: "form-drafts", access: "user" },
  {
    method: "DELETE",
    path: "/programmes/{programmeId}/drafts/{kind}",
    function: "form-drafts",
    access: "user",
  },
  // The certifier's word on the report in the draft (shared/drafts): what the report then carries.
  {
    method: "POST",
    path: "/programmes/{programmeId}/drafts/report/certify",
    function: "form-drafts",
    access: "user",
    roles: ["certifier"],
  },
  // The signed original is the signatory's (also when asked for through /attachments: request-upload.ts).
  {
    method: "POST",
    path: "/submissions/{id}/original",
    function: "request-upload",
    access: "user",
    roles: ["signatory"],
  },
  { method: "POST", path: "/submissions/{id}/attachments", function: "request-upload", access: "user" },
  // A corrected report also needs the certifier (corrections.ts: the route cannot tell the kind).
  {
    method: "POST",
    path: "/submissions/{id}/corrections",
    function: "create-correction",
    access: "user",
    roles: ["signatory"],
  },
  // Officers only (the handlers check the cognito:groups claim).
  { method: "POST", path: "/programmes/{programmeId}/open", function: "open-programme", access: "officer" },
  { method: "POST", path: "/programmes", function: "programme-admin", access: "officer" },
  { method: "GET", path: "/programmes/{programmeId}/draft", function: "programme-admin", access: "officer" },
  {
    method: "POST",
    path: "/programmes/{programmeId}/publish",
    function: "programme-admin",
    access: "officer",
  },
  { method: "PATCH", path: "/programmes/{programmeId}", function: "programme-admin", access: "officer" },
  {
    method: "POST",
    path: "/programmes/{programmeId}/allocations",
    function: "programme-admin",
    access: "officer",
  },
  { method: "POST", path: "/programmes/{programmeId}/close", function: "programme-admin", access: "officer" },
  {
    method: "GET",
    path: "/programmes/{programmeId}/submissions",
    function: "officer-submissions",
    access: "officer",
  },
  { method: "POST", path: "/submissions/{id}/decision", function: "officer-decision", access: "officer" },
  // Four eyes on money: one officer proposes, an attestant who neither proposed it nor approved
  // the submission attests (shared/officer/payments.ts); only attested money counts.
  {
    method: "POST",
    path: "/submissions/{id}/payment",
    function: "officer-reconciliation",
    access: "officer",
  },
  {
    method: "POST",
    path: "/submissions/{id}/payment/attest",
    function: "officer-reconciliation",
    access: "officer",
    roles: ["attestant"],
  },
  {
    method: "POST",
    path: "/programmes/{programmeId}/repayments",
    function: "officer-reconciliation",
    access: "officer",
  },
  // What waits for an attestant: the officers' page offers "Attestera" on each.
  {
    method: "GET",
    path: "/programmes/{programmeId}/repayments",
    function: "officer-reconciliation",
    access: "officer",
  },
  {
    method: "POST",
    path: "/programmes/{programmeId}/repayments/attest",
    function: "officer-reconciliation",
    access: "officer",
    roles: ["attestant"],
  },
  {
    method: "GET",
    path: "/programmes/{programmeId}/overview",
    function: "officer-reports",
    access: "officer",
  },
  {
    method: "GET",
    path: "/programmes/{programmeId}/export.csv",
    function: "officer-reports",
    access: "officer",
  },
  { method: "GET", path: "/contacts", function: "contacts-register", access: "officer" },
  { method: "GET", path: "/contacts/{kommunkod}", function: "contacts-register", access: "officer" },
  { method: "PUT", path: "/contacts/{kommunkod}", function: "contacts-register", access: "officer" },
  // Mailed scans that did not file themselves (shared/intake/officer.ts: own agency's, and those of no known agency).
  { method: "GET", path: "/intake", function: "officer-intake", access: "officer" },
  { method: "GET", path: "/intake/{id}/candidates", function: "officer-intake", access: "officer" },
  { method: "GET", path: "/intake/{id}/scans/{index}", function: "officer-intake", access: "officer" },
  { method: "POST", path: "/intake/{id}/file", function: "officer-intake", access: "officer" },
  { method: "POST", path: "/intake/{id}/discard", function: "officer-intake", access: "officer" },
] as const satisfies readonly (RouteDef & { function: FunctionName })[];

export function functionEntry(name: string): string {
  return `functions/${name}/handler.ts`;
}

/** API Gateway's route key, e.g. "GET /programmes/{programmeId}". */
export function routeKey(route: RouteDef): string {
  return `${route.method} ${route.path}`;
}

/**
 * CloudFront path patterns that reach the API when it shares an origin with the pages: each
 * top-level segment exactly ("/programmes") and everything below it ("/programmes/*"). Patterns
 * are per segment, never a prefix glob, so "/programmes.html" stays a page.
 */
export function apiPathPatterns(routes: readonly RouteDef[]): string[] {
  const patterns = new Set<string>();
  for (const { path } of routes) {
    const [, first = "", ...rest] = path.split("/");
    if (first.includes("{")) throw new Error(`apiPathPatterns: ${path} starts with a parameter`);
    patterns.add(rest.length === 0 ? `/${first}` : `/${first}/*`);
  }
  return [...patterns].sort();
}
