/**
 * The single-table design, shared by the CDK stateful stack and the local stack (which creates
 * the same table in DynamoDB Local), so key schema and indexes are written once.
 *
 * Items and access patterns
 * | item            | PK                         | SK                       | GSI1 (by municipality / due outbox)        | GSI2 (by programme + status)      |
 * |-----------------|----------------------------|--------------------------|--------------------------------------------|-----------------------------------|
 * | allocation      | PROG#{programmeId}         | ALLOC#{kommunkod}        | KOMMUN#{kommunkod} / PROG#{programmeId}    | —                                 |
 * | submission      | SUB#{submissionId}         | SUB                      | KOMMUN#{kommunkod} / SUB#{programmeId}#{createdAt} | PROG#{programmeId} / {status}#{createdAt}#{id} |
 * | attachment      | SUB#{submissionId}         | ATT#{attachmentId}       | —                                          | —                                 |
 * | audit event     | SUB#{id} or PROG#{id}      | AUDIT#{at}#{random}      | —                                          | —                                 |
 * | outbox mail     | OUTBOX#{mailId}            | OUTBOX                   | OUTBOX#pending / {nextAttemptAt} (sparse)  | —                                 |
 * | idempotency key | IDEMP#{kommunkod}#{key}    | IDEMP                    | —                                          | — (TTL: expiresAt)                |
 * | reminder done   | PROG#{programmeId}         | DONE#{kommunkod}#{kind}#{offset} | —                                  | —                                 |
 * | programme open  | PROG#{programmeId}         | OPEN                     | —                                          | —                                 |
 * | digest cursor   | PROG#{programmeId}         | DIGEST                   | —                                          | —                                 |
 * | repayment       | PROG#{programmeId}         | REPAY#{kommunkod}#{id}   | —                                          | —                                 |
 * | form draft      | PROG#{programmeId}         | FORMDRAFT#{kommunkod}#{kind} | —                                      | —                                 |
 * | contact         | CONTACTS                   | KOMMUN#{kommunkod}       | —                                          | —                                 |
 * | contact audit   | CONTACTS                   | AUDIT#{at}#{random}      | —                                          | —                                 |
 * | intake message  | INTAKE#{intakeId}          | INTAKE                   | INTAKE#open / {receivedAt}#{id} (sparse)   | —                                 |
 * | intake audit    | INTAKE#{intakeId}          | AUDIT#{at}#{random}      | —                                          | —                                 |
 *
 * "reminder done" records one announcement or reminder (kind announcement | requisition | preferred |
 * report | overdue, offset in days) and is written in the same transaction as its outbox mail
 * (deterministic id {kind}-{programmeId}-{kommunkod}-{offset}), so each is sent at most once. The
 * allocation row also carries what the daily job marks once: lapsed/extraLapsed/lapsedAmount/
 * lapsedAt, reportOverdueAt, reclaimListedAt, repaymentOverdueAt; and paid/repaid totals. The
 * digest cursor holds the time of the last officer digest (mail id digest-{programmeId}-{day}).
 *
 * - Get a submission with its attachments and audit trail: Query PK = SUB#{id}.
 * - A municipality's submissions (optionally in one programme): Query GSI1 KOMMUN#{k}, SK begins_with SUB#{programmeId}.
 * - A programme's submissions, optionally by status: Query GSI2 PROG#{p}, SK begins_with {status}#.
 * - A programme's ledger (all allocations): Query PK = PROG#{p}, SK begins_with ALLOC#.
 * - Mail due for (re)sending: Query GSI1 OUTBOX#pending, SK <= now.
 * - Is a programme open; reminders already sent; repayments: Get PROG#{p}/OPEN; Query PK = PROG#{p},
 *   SK begins_with DONE# (or REPAY#{k}#).
 * - The contact register: Query PK = CONTACTS, SK begins_with KOMMUN#; one entry: Get.
 * - The officer intake list (mailed scans waiting for an officer): Query GSI1 INTAKE#open; the
 *   intake id is derived from the Message-ID, so a create conditional on the item's absence
 *   handles each message once.
 * - Officers' submission list: GSI2 as above (filters kind/kommun applied while reading), or GSI1
 *   KOMMUN#{k} / SUB#{p}# with a kommun filter; paged by the last returned item's key.
 */
export const TABLE = {
  partitionKey: "PK",
  sortKey: "SK",
  timeToLiveAttribute: "expiresAt",
  indexes: [
    { indexName: "GSI1", partitionKey: "GSI1PK", sortKey: "GSI1SK" },
    { indexName: "GSI2", partitionKey: "GSI2PK", sortKey: "GSI2SK" },
  ],
} as const;

export type IndexName = (typeof TABLE.indexes)[number]["indexName"];

/** Physical names per stage; CDK and the local stack both use these. */
export function tableName(stage: string): string {
  return `statsbidrag-${stage}`;
}

export function bucketName(stage: string, account = "local"): string {
  return `statsbidrag-${stage}-originals-${account}`;
}
