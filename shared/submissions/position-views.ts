import type { Principal } from "../auth/principal.ts";
import { daysBetween, type IsoDate } from "../dates.ts";
import { allocationFor } from "../programmes/catalogue.ts";
import { openingView, type ProgrammeOpening } from "../programmes/opening.ts";
import type { Programme } from "../programmes/schema.ts";
import type { AllocationState, Submission } from "./model.ts";
import { repaymentInstructions } from "./repayment-instructions.ts";

/** What a programme looks like to the caller: everyone sees the terms, a municipality its own figures. */
export function programmeSummary(programme: Programme, today: IsoDate) {
  return {
    id: programme.id,
    year: programme.year,
    title: programme.title,
    /** Whose programme it is: officers of this agency run it. */
    agency: programme.agency,
    /** Who it pays: municipalities, regions, organisations (shared/recipients/registry.ts). */
    recipientKinds: programme.recipientKinds,
    grantingAgency: programme.grantingAgency,
    receivingAgency: programme.receivingAgency,
    agreementDiarienummer: programme.agreementDiarienummer,
    decisionDiarienummer: programme.decisionDiarienummer,
    grantPeriod: programme.grantPeriod,
    deadlines: programme.deadlines,
    daysLeftToRequisition: Math.max(-1, daysBetween(today, programme.deadlines.requisition)),
    totalBase: programme.totalBase,
    modelExtraTotal: programme.modelExtra?.total ?? 0,
    /** The agreement's own title, as the forms must name it (null for a government decision). */
    agreementTitle: programme.agreementTitle,
    /** Whether the requisition must commit to answering the programme's survey (enkät). */
    survey: programme.survey,
    /** The programme's own questions on the requisition and the report, asked on the forms. */
    questions: programme.questions ?? [],
    /** Closed by the agency: nothing more is submitted under it (when and why). */
    closed: programme.closed ?? null,
    /** Where unspent funds are repaid (the agency's bankgiro and how references are formed). */
    repaymentAccount: programme.repaymentAccount ?? null,
  };
}

export function ownPosition(
  programme: Programme,
  kommunkod: string,
  state: AllocationState | undefined,
  submissions: Submission[],
) {
  const allocation = allocationFor(programme, kommunkod);
  const base = allocation?.amount ?? 0;
  const extra = allocation?.modelExtra ?? 0;
  const brief = (s: Submission) => ({
    id: s.id,
    reference: s.reference,
    status: s.status,
    amount: s.amount,
    createdAt: s.createdAt,
  });
  return {
    kommunkod,
    kommun: allocation?.kommun,
    allocation: base,
    modelExtra: extra,
    requisitioned: state?.requisitioned ?? 0,
    remaining: state?.remaining ?? base,
    modelExtraRequisitioned: state?.modelExtraRequisitioned ?? 0,
    lapsed: state?.lapsed ?? false,
    /** The model extra can no longer be requisitioned (its right lapsed at the deadline). */
    extraLapsed: state?.extraLapsed ?? false,
    /** What the agency recorded as paid: the report must state exactly this. */
    paid: state?.paid ?? 0,
    repaymentDue: state?.repaymentDue ?? 0,
    repaid: state?.repaid ?? 0,
    /** Where to repay and with which reference; null until the agency names its account. */
    repayTo: repaymentInstructions(programme, kommunkod) ?? null,
    requisitions: submissions
      .filter((s) => s.kind === "requisition")
      .map((s) => ({ ...brief(s), grantKind: s.grantKind })),
    reports: submissions.filter((s) => s.kind === "report").map((s) => ({ ...brief(s), unspent: s.unspent })),
  };
}

export function programmeView(
  programme: Programme,
  principal: Principal,
  today: IsoDate,
  state: AllocationState | undefined,
  submissions: Submission[],
  opening?: ProgrammeOpening,
) {
  const summary = programmeSummary(programme, today);
  if (principal.kind !== "municipality") {
    // Officers pick a recipient by name (a repayment) and see how many the opening reaches.
    const recipients = programme.allocations.map(({ kommunkod, kommun }) => ({ kommunkod, kommun }));
    return { ...summary, opening: openingView(opening), recipients };
  }
  return { ...summary, own: ownPosition(programme, principal.kommunkod, state, submissions) };
}
