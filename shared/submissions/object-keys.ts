import type { Submission } from "./model.ts";

/** Where files live in the bucket; the server chooses every key, never the client. */
export const BUCKET_PREFIXES = {
  /** Upload slots: the only prefix a presigned POST reaches, and the one the malware scan watches. */
  originals: "originals/",
  /** Bytes the check read and hashed, kept while the malware verdict is awaited. */
  inspected: "inspected/",
  /** Accepted files, written once with the bytes that were checked, locked (Object Lock). */
  records: "records/",
  /** Refused and replayed uploads. */
  quarantine: "quarantine/",
  /**
   * Raw messages to the intake address (SES receipt rule): only the mail intake reads them; the
   * upload check's notification filter (originals/) never sees them.
   */
  intake: "intake/",
  /**
   * A waiting message's scan, copied out of the raw message for an officer's short-lived link
   * (shared/intake/officer.ts previewScan); no notification watches it and a rule empties it.
   */
  intakePreview: "intake-preview/",
} as const;

/** originals/{programmeId}/{kommunkod}/{submissionId}/{attachmentId}: chosen by the server. */
export function originalKey(
  submission: Pick<Submission, "programmeId" | "kommunkod" | "id">,
  attachmentId: string,
): string {
  return `originals/${submission.programmeId}/${submission.kommunkod}/${submission.id}/${attachmentId}`;
}

const KEY_PATTERN = /^originals\/([a-z0-9-]+)\/(\d{4})\/([0-9a-f-]{36})\/([0-9a-f-]{36})$/;

export function parseOriginalKey(key: string) {
  const m = KEY_PATTERN.exec(key);
  if (!m?.[1] || !m[2] || !m[3] || !m[4]) return undefined;
  return { programmeId: m[1], kommunkod: m[2], submissionId: m[3], attachmentId: m[4] };
}

/** Where an accepted scan is kept: out of reach of every presigned upload policy. */
export function recordKey(uploadKey: string): string {
  return uploadKey.replace(/^originals\//, BUCKET_PREFIXES.records);
}

/** Where the checked bytes of one uploaded version wait for the malware verdict. */
export function inspectedKey(uploadKey: string, etag: string): string {
  return `${uploadKey.replace(/^originals\//, BUCKET_PREFIXES.inspected)}/${etag.replaceAll('"', "")}`;
}
