/**
 * The business metrics the functions emit (EMF, through Powertools Metrics) and the alarms in
 * infra/constructs/monitoring.ts read: one list (in shared/, below both), so a renamed metric cannot leave an alarm
 * watching nothing. No imports, so CDK can read it without loading Powertools.
 */
export const METRIC_NAMESPACE = "Statsbidrag";

/** The service every log line and metric names (Powertools' `service`, the alarms' dimension). */
export const SERVICE_NAME = "statsbidrag";

export const METRIC = {
  /** A requisition, report or correction stored (dimension `kind`); idempotent replays are not counted. */
  submissionAccepted: "SubmissionAccepted",
  /** A submission the API refused (dimensions `kind` and `code`, the error's stable code). */
  submissionRefused: "SubmissionRefused",
  /** Upload outcomes of the check, the malware verdict and the sweep. */
  uploadAccepted: "UploadAccepted",
  uploadRefused: "UploadRefused",
  uploadQuarantined: "UploadQuarantined",
  uploadScanning: "UploadScanning",
  /** Handed to SES (or dropped because every recipient is suppressed). */
  mailSent: "MailSent",
  /** Failed its last attempt: nobody will be told unless someone acts. */
  mailFailed: "MailFailed",
  /** Deadline reminders the daily job queued. */
  remindersSent: "RemindersSent",
  /** Money invariants that do not hold, counted by the daily job. */
  reconciliationDrift: "ReconciliationDrift",
} as const;

export type MetricName = (typeof METRIC)[keyof typeof METRIC];
