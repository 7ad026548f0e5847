/** The intake list as the API gives it (shared/intake: GET /intake and its routes). */
export type { IntakeItem, IntakeReason, IntakeScan } from "../../../shared/intake/model.ts";
export type { IntakeCandidate } from "../../../shared/intake/officer.ts";

/** GET /intake/{id}/scans/{index}: a short-lived link to one waiting scan. */
export interface ScanLink {
  url: string;
  contentType: string;
  filename?: string;
  size: number;
  expiresAt: string;
}
