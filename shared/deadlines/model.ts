/** What the daily job and the announcement send to a municipality; one record per mail. */
export type ReminderKind =
  | "announcement"
  /** A deadline the agency moved; the offset is the programme version that moved it. */
  | "deadline-moved"
  /** The agency corrected this recipient's allocation; the offset is the programme version. */
  | "allocation-corrected"
  | "requisition"
  | "preferred"
  | "report"
  | "overdue"
  | "original";

/** "Sent", per programme, municipality, kind and offset (days before/after the deadline). */
export interface ReminderRecord {
  programmeId: string;
  kommunkod: string;
  kind: ReminderKind;
  offset: number;
  at: string;
  mailId: string;
}
