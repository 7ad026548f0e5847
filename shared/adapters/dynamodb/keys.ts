import type { SubmissionStatus } from "../../submissions/model.ts";

/**
 * Every key of the single table, built here and nowhere else; the layout is documented in
 * infra/table-definition.ts. Partition (PK), sort (SK) and index keys (GSI1, GSI2).
 */
const PROG = "PROG#";
const SUB = "SUB#";
const OUTBOX = "OUTBOX#";
const EMAIL = "EMAIL#";
const KOMMUN = "KOMMUN#";
const CONTACTS = "CONTACTS";
const PROGRAMMES = "PROGRAMMES";
const INTAKE = "INTAKE#";

export const INDEX = { gsi1: "GSI1", gsi2: "GSI2" } as const;
export type IndexName = (typeof INDEX)[keyof typeof INDEX];

/** Partition keys, for queries over everything one partition holds. */
export const partition = {
  programme: (programmeId: string) => `${PROG}${programmeId}`,
  submission: (id: string) => `${SUB}${id}`,
  contacts: CONTACTS,
  programmes: PROGRAMMES,
  intake: (id: string) => `${INTAKE}${id}`,
};

/** Sort-key prefixes within a partition. */
export const sortPrefix = {
  allocation: "ALLOC#",
  attachment: "ATT#",
  audit: "AUDIT#",
  reminder: "DONE#",
  contact: KOMMUN,
  programme: PROG,
  repayment: (kommunkod: string) => `REPAY#${kommunkod}#`,
  /** Every municipality's repayments in a programme's partition. */
  repayments: "REPAY#",
};

export const SUBMISSION_SK = "SUB";

export const keys = {
  allocation: (programmeId: string, kommunkod: string) => ({
    PK: partition.programme(programmeId),
    SK: `${sortPrefix.allocation}${kommunkod}`,
  }),
  submission: (id: string) => ({ PK: partition.submission(id), SK: SUBMISSION_SK }),
  attachment: (submissionId: string, id: string) => ({
    PK: partition.submission(submissionId),
    SK: `${sortPrefix.attachment}${id}`,
  }),
  audit: (pk: string, at: string, unique: string) => ({ PK: pk, SK: `${sortPrefix.audit}${at}#${unique}` }),
  outbox: (id: string) => ({ PK: `${OUTBOX}${id}`, SK: "OUTBOX" }),
  idempotency: (kommunkod: string, key: string) => ({ PK: `IDEMP#${kommunkod}#${key}`, SK: "IDEMP" }),
  suppression: (email: string) => ({ PK: `${EMAIL}${email.toLowerCase()}`, SK: "SUPPRESSION" }),
  opening: (programmeId: string) => ({ PK: partition.programme(programmeId), SK: "OPEN" }),
  reminder: (programmeId: string, kommunkod: string, kind: string, offset: number) => ({
    PK: partition.programme(programmeId),
    SK: `${sortPrefix.reminder}${kommunkod}#${kind}#${offset}`,
  }),
  digest: (programmeId: string) => ({ PK: partition.programme(programmeId), SK: "DIGEST" }),
  repayment: (programmeId: string, kommunkod: string, id: string) => ({
    PK: partition.programme(programmeId),
    SK: `${sortPrefix.repayment(kommunkod)}${id}`,
  }),
  contact: (kommunkod: string) => ({ PK: CONTACTS, SK: `${sortPrefix.contact}${kommunkod}` }),
  health: { PK: "HEALTH", SK: "HEALTH" },
  /** A message to the intake address (shared/intake/), its audit trail in the same partition. */
  intake: (id: string) => ({ PK: partition.intake(id), SK: "INTAKE" }),
  /** The current published version of a programme, in the partition that lists them all. */
  programme: (programmeId: string) => ({ PK: PROGRAMMES, SK: `${PROG}${programmeId}` }),
  /** A municipality's form being filled in (shared/drafts), one per programme and form. */
  formDraft: (programmeId: string, kommunkod: string, kind: string) => ({
    PK: partition.programme(programmeId),
    SK: `FORMDRAFT#${kommunkod}#${kind}`,
  }),
  /** The draft an officer is setting up, replaced until the programme is published. */
  programmeDraft: (programmeId: string) => ({ PK: partition.programme(programmeId), SK: "DRAFT" }),
  /** Every published version, kept as it was published. */
  programmeVersion: (programmeId: string, version: number) => ({
    PK: partition.programme(programmeId),
    SK: `VERSION#${String(version).padStart(6, "0")}`,
  }),
};

/** GSI1: a municipality's allocation rows and submissions; mail due for sending. */
export const gsi1 = {
  kommun: (kommunkod: string) => `${KOMMUN}${kommunkod}`,
  allocationSort: (programmeId: string) => `${PROG}${programmeId}`,
  allocationPrefix: PROG,
  submissionSort: (programmeId: string, createdAt: string) => `${SUB}${programmeId}#${createdAt}`,
  /** All of a municipality's submissions, or those of one programme. */
  submissionPrefix: (programmeId?: string) => `${SUB}${programmeId ? `${programmeId}#` : ""}`,
  outboxPending: `${OUTBOX}pending`,
  /** Failed mail stays findable under its own index key for operators. */
  outboxFailed: `${OUTBOX}failed`,
  /** Intake messages waiting for an officer (sparse: the key goes when one is filed or discarded). */
  intakeOpen: `${INTAKE}open`,
};

/** GSI2: a programme's submissions by status, then time. */
export const gsi2 = {
  programme: (programmeId: string) => `${PROG}${programmeId}`,
  sort: (status: SubmissionStatus, createdAt: string, id: string) => `${status}#${createdAt}#${id}`,
  statusPrefix: (status: SubmissionStatus) => `${status}#`,
};

/** The mail id of an outbox item's partition key (stream records carry only keys). */
export function outboxIdOf(pk: string | undefined): string | undefined {
  return pk?.startsWith(OUTBOX) ? pk.slice(OUTBOX.length) : undefined;
}

export function suppressedAddressOf(pk: string): string {
  return pk.slice(EMAIL.length);
}

/** "1281#requisition#30" of a reminder's sort key, the form the schedule's markerKey has. */
export function reminderMarkerOf(sk: string): string {
  return sk.slice(sortPrefix.reminder.length);
}
