import * as z from "zod/mini";
import { isIsoDate } from "../dates.ts";
import { RECIPIENT_KINDS, type RecipientKind } from "../recipients/registry.ts";
import { DIARIENUMMER_PATTERN } from "./diarienummer.ts";
import { questionsSchema } from "./question-schema.ts";

export { DIARIENUMMER_PATTERN };

export const isoDate = z.string().check(z.refine(isIsoDate, { message: "expected a date YYYY-MM-DD" }));
const kronor = z.number().check(z.int(), z.gte(0));
const diarienummer = z.nullable(z.string().check(z.regex(DIARIENUMMER_PATTERN)));

const reminderDays = z.array(z.number().check(z.int(), z.gte(1), z.lte(365))).check(z.maxLength(12));

const period = z
  .object({ from: isoDate, to: isoDate })
  .check(z.refine((p) => p.from <= p.to, { message: "period ends before it starts" }));

/**
 * Whether the programme takes a digitally signed form instead of the scan of a signed paper
 * (shared/submissions/digital-original.ts). "any-verified": our own form of the very submission,
 * signed to its end with signatures that all verify to the trust list, stands in for the scan,
 * whoever the signer is (the officer sees who signed, as with a scan). "none": only a scan counts.
 * Absent: "any-verified" (DEFAULT_DIGITAL_SIGNATURE in shared/submissions/digital-original.ts), since
 * the agreements take requisitions "digitalt signerade alternativt underskrivna och scannade".
 * Officers change it with PATCH /programmes/{id}.
 */
export const digitalSignatureSchema = z.strictObject({ accepted: z.enum(["any-verified", "none"]) });
export type DigitalSignaturePolicy = z.infer<typeof digitalSignatureSchema>;

/** What an agency publishes about a programme, without the allocation table (Bilaga 1). */
export const programmeMetaSchema = z.object({
  id: z.string().check(z.regex(/^[a-z0-9-]{3,64}$/)),
  year: z.number().check(z.int(), z.gte(2000), z.lte(2100)),
  /** What the service calls the programme; it may carry a year to tell one round from the next. */
  title: z.string().check(z.minLength(3), z.maxLength(300)),
  /**
   * The agreement's (överenskommelsens) own title, exactly as the agreement prints it: what Bilaga 2
   * asks for as "Överenskommelsens benämning". Null where the programme rests on a government
   * decision alone and there is no agreement to name (seed 004).
   */
  agreementTitle: z.nullable(z.string().check(z.minLength(3), z.maxLength(300))),
  source: z.optional(z.string().check(z.maxLength(500))),
  /**
   * The agency that administers the programme, as officers' `custom:agency` claim names it: an
   * officer sees and acts on their own agency's programmes only.
   */
  agency: z.string().check(z.regex(/^[a-z0-9-]{2,40}$/)),
  /**
   * Who the programme pays (shared/recipients/registry.ts): its Bilaga 1 names recipients of these
   * kinds only. A table for municipalities or regions lists every one of them; organisations are
   * listed only where the agreement names them (SKR's own share, seed 000 7.2).
   */
  recipientKinds: z.array(z.enum(RECIPIENT_KINDS as [RecipientKind, ...RecipientKind[]])).check(
    z.minLength(1),
    z.refine((kinds) => new Set(kinds).size === kinds.length, { message: "a kind is named twice" }),
  ),
  grantingAgency: z.string().check(z.minLength(2), z.maxLength(200)),
  receivingAgency: z.string().check(z.minLength(2), z.maxLength(200)),
  // The seeds don't give Regeringskansliet's numbers: officers fill them in later.
  agreementDiarienummer: diarienummer,
  decisionDiarienummer: diarienummer,
  totalBase: kronor,
  modelExtra: z.nullable(
    z.object({
      total: kronor,
      municipalities: z.array(z.string().check(z.minLength(1))).check(z.minLength(1)),
    }),
  ),
  grantPeriod: period,
  deadlines: z.object({
    requisition: isoDate,
    /** "bör om möjligt ske före …": reminders count down to it too. */
    preferredRequisition: z.optional(isoDate),
    report: z.nullable(isoDate),
    repayment: z.nullable(isoDate),
  }),
  /**
   * Socialstyrelsen's survey (enkät) on e-hälsa and välfärdsteknik. `atRequisition`: the agreement
   * makes answering it a condition of asking for the money ("Kommunerna som ansöker om dessa medel
   * ska svara på Socialstyrelsens enkät"), so the requisition must commit to it. The report records
   * whether it has been answered either way, for the officer; it never refuses a report.
   */
  survey: z.strictObject({ atRequisition: z.boolean() }),
  /**
   * What the payments are charged to, as the agreement or decision says ("utgiftsområde 9 …,
   * anslag 4:5 …, anslagspost 8 …"): every payment record and the export carry it.
   */
  appropriation: z.nullable(
    z.strictObject({
      expenditureArea: z.number().check(z.int(), z.gte(1), z.lte(27)),
      anslag: z.string().check(z.regex(/^\d{1,2}:\d{1,2}$/)),
      anslagName: z.string().check(z.minLength(2), z.maxLength(200)),
      anslagspost: z.number().check(z.int(), z.gte(1), z.lte(99)),
      anslagspostName: z.string().check(z.minLength(2), z.maxLength(200)),
    }),
  ),
  officerEmails: z.array(z.email()).check(z.minLength(1)),
  /**
   * Where unspent funds are repaid: the agency's bankgiro, and how each municipality's payment
   * reference (OCR) is formed: `referencePrefix` + kommunkod + a Luhn check digit. The seeds name
   * no account ("återbetalas till Kammarkollegiet"), so officers set it (PATCH /programmes/{id}).
   */
  repaymentAccount: z.optional(
    z.nullable(
      z.strictObject({
        bankgiro: z.string().check(z.regex(/^\d{3,4}-\d{4}$/)),
        referencePrefix: z.string().check(z.regex(/^\d{0,8}$/)),
      }),
    ),
  ),
  /**
   * Reminder offsets in days; defaults in shared/deadlines/reminder-settings.ts (30, 14, 3 before a
   * deadline; 7, 14, 30 after a missed report deadline, then the case is listed for reclaim).
   */
  reminders: z.optional(
    z.strictObject({
      daysBefore: z.optional(reminderDays),
      daysAfterReportDeadline: z.optional(reminderDays),
    }),
  ),
  /** A deadline on a weekend or holiday counts as written (default) or moves to the next business day. */
  nonBusinessDayDeadlines: z.optional(z.enum(["as-written", "next-business-day"])),
  /**
   * Days after the requisition deadline within which a requisition's signed original may follow
   * and a returned requisition may be corrected (default in shared/deadlines/grace.ts).
   */
  originalGraceDays: z.optional(z.number().check(z.int(), z.gte(0), z.lte(120))),
  /** The programme's own questions on the requisition and the report (./questions.ts). */
  questions: z.optional(questionsSchema),
  /** Whether a digitally signed form stands in for the scan of the signed paper (default below). */
  digitalSignature: z.optional(digitalSignatureSchema),
});
export type ProgrammeMeta = z.infer<typeof programmeMetaSchema>;

export const allocationSchema = z.object({
  kommunkod: z.string().check(z.regex(/^\d{4}$/)),
  kommun: z.string().check(z.minLength(1)),
  amount: kronor,
  modelExtra: kronor,
});
export type Allocation = z.infer<typeof allocationSchema>;

/** A programme the agency closed: nothing more is submitted under it, and reminders stop. */
export const closureSchema = z.strictObject({
  on: isoDate,
  reason: z.string().check(z.minLength(3), z.maxLength(500)),
});

export const programmeSchema = z
  .extend(programmeMetaSchema, { allocations: z.array(allocationSchema), closed: z.optional(closureSchema) })
  .check(
    z.superRefine((p, ctx) => {
      const codes = new Set(p.allocations.map((a) => a.kommunkod));
      if (codes.size !== p.allocations.length) {
        ctx.addIssue({ code: "custom", path: ["allocations"], message: "duplicate kommunkod" });
      }
      const base = p.allocations.reduce((s, a) => s + a.amount, 0);
      if (base !== p.totalBase) {
        ctx.addIssue({
          code: "custom",
          path: ["allocations"],
          message: `sum ${base} ≠ totalBase ${p.totalBase}`,
        });
      }
      const extra = p.allocations.reduce((s, a) => s + a.modelExtra, 0);
      if (extra !== (p.modelExtra?.total ?? 0)) {
        ctx.addIssue({ code: "custom", path: ["allocations"], message: `model extras sum to ${extra}` });
      }
      if (p.agreementTitle === null && p.agreementDiarienummer !== null) {
        ctx.addIssue({
          code: "custom",
          path: ["agreementDiarienummer"],
          message: "a programme without an agreement has no agreement diarienummer",
        });
      }
      if (p.deadlines.report && p.deadlines.report < p.deadlines.requisition) {
        ctx.addIssue({ code: "custom", path: ["deadlines", "report"], message: "report before requisition" });
      }
    }),
  );
export type Programme = z.infer<typeof programmeSchema>;
