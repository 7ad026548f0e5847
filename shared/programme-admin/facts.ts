import { actorOf, type Principal } from "../auth/principal.ts";
import { recipientsOf } from "../contacts/recipients.ts";
import { stockholmDate } from "../dates.ts";
import { loadDirectory } from "../deadlines/directory.ts";
import { markedMail, municipalFacts, programmeFacts } from "../deadlines/facts.ts";
import type { MarkedMail } from "../deadlines/ports.ts";
import { type FieldError, ValidationError } from "../errors.ts";
import { fieldError } from "../forms/codes.ts";
import { toFieldErrors } from "../forms/issues.ts";
import { isBankgiro, normaliseBankgiro } from "../forms/rules/giro.ts";
import { deadlineMovedMail, type MovedDeadline } from "../mail/templates/programme.ts";
import { type Programme, programmeSchema } from "../programmes/schema.ts";
import { conflicts } from "../submissions/conflicts.ts";
import type { ProgrammeAdminDeps } from "./deps.ts";
import { type FactsInput, factsBody, parseBody } from "./requests.ts";
import { currentFor, previousOfOpened, publishNext } from "./versions.ts";

type Deadlines = Programme["deadlines"];
const DEADLINE_LABELS: Record<keyof Deadlines, string> = {
  requisition: "Sista dag för rekvisition",
  preferredRequisition: "Rekvisition bör om möjligt ske före",
  report: "Sista dag för ekonomisk redovisning",
  repayment: "Ej förbrukade medel återbetalas senast",
};

export interface CorrectedFacts {
  programmeId: string;
  /** The new version, or the current one when nothing changed (a repeated call changes nothing). */
  version: number;
  changed: string[];
  /** Municipalities mailed about a moved deadline (only once the programme has been announced). */
  announced: number;
}

function withFacts(p: Programme, input: FactsInput): Programme {
  const next = structuredClone(p);
  if (input.agreementDiarienummer !== undefined) next.agreementDiarienummer = input.agreementDiarienummer;
  if (input.decisionDiarienummer !== undefined) next.decisionDiarienummer = input.decisionDiarienummer;
  if (input.agreementTitle !== undefined) next.agreementTitle = input.agreementTitle;
  if (input.officerEmails !== undefined) next.officerEmails = input.officerEmails;
  if (input.originalGraceDays !== undefined) next.originalGraceDays = input.originalGraceDays;
  if (input.questions !== undefined) next.questions = input.questions;
  if (input.digitalSignature !== undefined) next.digitalSignature = input.digitalSignature;
  if (input.repaymentAccount !== undefined) {
    next.repaymentAccount = input.repaymentAccount && {
      ...input.repaymentAccount,
      bankgiro: normaliseBankgiro(input.repaymentAccount.bankgiro),
    };
  }
  const d = input.deadlines ?? {};
  if (d.requisition !== undefined) next.deadlines.requisition = d.requisition;
  if (d.report !== undefined) next.deadlines.report = d.report;
  if (d.repayment !== undefined) next.deadlines.repayment = d.repayment;
  if (d.preferredRequisition === null) delete next.deadlines.preferredRequisition;
  else if (d.preferredRequisition !== undefined) next.deadlines.preferredRequisition = d.preferredRequisition;
  return next;
}

const FACTS = [
  "agreementDiarienummer",
  "decisionDiarienummer",
  "agreementTitle",
  "officerEmails",
  "originalGraceDays",
  "repaymentAccount",
  "questions",
  "digitalSignature",
] as const;

function changesOf(from: Programme, to: Programme): Record<string, { from: unknown; to: unknown }> {
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  const note = (field: string, a: unknown, b: unknown) => {
    // Absent and null are the same fact (no account, no report deadline): not a change.
    if (JSON.stringify(a ?? null) !== JSON.stringify(b ?? null))
      changes[field] = { from: a ?? null, to: b ?? null };
  };
  for (const f of FACTS) note(f, from[f], to[f]);
  for (const k of Object.keys(DEADLINE_LABELS) as (keyof Deadlines)[]) {
    note(`deadlines.${k}`, from.deadlines[k], to.deadlines[k]);
  }
  return changes;
}

/** A deadline is moved to today or later: moving one into the past would lapse rights silently. */
function pastDeadlines(changes: Record<string, { to: unknown }>, today: string): FieldError[] {
  return Object.entries(changes)
    .filter(([field, c]) => field.startsWith("deadlines.") && typeof c.to === "string" && c.to < today)
    .map(([field]) => ({
      path: field,
      code: "DEADLINE_IN_PAST",
      message: {
        sv: `Ett datum kan inte flyttas till före i dag (${today}).`,
        en: `A deadline cannot be moved to before today (${today}).`,
      },
    }));
}

/**
 * PATCH /programmes/{id}: corrects the facts an agreement leaves to the agency (the two
 * diarienummer, the agreement's exact title, the officers' addresses, deadlines, the grace for
 * originals, the programme's own questions) as a new, audited version with the reason. A moved deadline names the decision it
 * rests on and, once the programme has been announced, is mailed to every municipality in it.
 * Allocations never change here.
 */
export async function correctProgrammeFacts(
  deps: ProgrammeAdminDeps,
  principal: Principal,
  programmeId: string,
  body: unknown,
): Promise<CorrectedFacts> {
  const input = parseBody(factsBody, body);
  // The same bankgiro rule as the forms': digits, grouping and the check digit.
  if (input.repaymentAccount && !isBankgiro(input.repaymentAccount.bankgiro)) {
    throw new ValidationError([fieldError("repaymentAccount.bankgiro", "INVALID_BANKGIRO")]);
  }
  const current = await currentFor(deps, principal, programmeId);
  const programme = current.programme;
  if (programme.closed) throw conflicts.programmeClosed(programme.closed.on);
  const next = withFacts(programme, input);
  const checked = programmeSchema.safeParse(next);
  if (!checked.success) throw new ValidationError(toFieldErrors(checked.error.issues));
  const changes = changesOf(programme, next);
  const changed = Object.keys(changes);
  if (changed.length === 0) {
    // The same request again: what a first call began and did not finish (it failed after its
    // version was written, before every mail was queued) is finished now; nothing goes twice.
    const announced = input.deadlines ? await finishAnnouncement(deps, current, input) : 0;
    return { programmeId, version: current.version, changed, announced };
  }

  const now = deps.clock.now();
  const today = stockholmDate(now);
  const movesDeadline = changed.some((f) => f.startsWith("deadlines.") || f === "originalGraceDays");
  const errors = pastDeadlines(changes, today);
  if (movesDeadline && !input.decision) errors.push(fieldError("decision", "REQUIRED"));
  if (errors.length > 0) throw new ValidationError(errors);

  const at = now.toISOString();
  const actor = actorOf(principal);
  const version = await publishNext(deps, current, next, at, actor, "programme.corrected", {
    reason: input.reason,
    ...(input.decision ? { decision: input.decision } : {}),
    changes,
  });
  const moved = movedDeadlines(programme, next, (k) => Boolean(changes[`deadlines.${k}`]));
  const announced =
    moved.length > 0 && (await deps.programmes.getOpening(programmeId))
      ? await announceMoved(deps, next, version, at, moved, input)
      : 0;
  return { programmeId, version, changed, announced };
}

function movedDeadlines(
  from: Programme,
  to: Programme,
  named: (k: keyof Deadlines) => boolean,
): MovedDeadline[] {
  return (Object.keys(DEADLINE_LABELS) as (keyof Deadlines)[])
    .filter((k) => named(k) && (from.deadlines[k] ?? null) !== (to.deadlines[k] ?? null))
    .map((k) => ({
      label: DEADLINE_LABELS[k],
      from: from.deadlines[k] ?? null,
      to: to.deadlines[k] ?? null,
    }));
}

/**
 * The announcement of the deadlines the current version moved, as the repeated request names
 * them: the mails the first call queued are not queued again (sendOnce), the rest are.
 */
async function finishAnnouncement(
  deps: ProgrammeAdminDeps,
  current: { programme: Programme; version: number },
  input: FactsInput,
): Promise<number> {
  const previous = await previousOfOpened(deps, current);
  if (!previous) return 0;
  const named = input.deadlines ?? {};
  const moved = movedDeadlines(previous, current.programme, (k) => named[k] !== undefined);
  if (moved.length === 0) return 0;
  const at = deps.clock.now().toISOString();
  return announceMoved(deps, current.programme, current.version, at, moved, input);
}

/** One mail per municipality and version: a retried call sends nothing twice. */
async function announceMoved(
  deps: ProgrammeAdminDeps,
  programme: Programme,
  version: number,
  at: string,
  moved: MovedDeadline[],
  input: FactsInput,
): Promise<number> {
  const directory = await loadDirectory(deps);
  const facts = programmeFacts(programme, deps.webBaseUrl);
  const items: MarkedMail[] = [];
  for (const allocation of programme.allocations) {
    const to = recipientsOf(directory, allocation.kommunkod);
    if (to.length === 0) continue;
    const mail = deadlineMovedMail(facts, municipalFacts(allocation), {
      moved,
      reason: input.reason,
      decision: input.decision ?? null,
    });
    items.push(markedMail(programme.id, allocation.kommunkod, "deadline-moved", version, at, to, mail));
  }
  return deps.deadlines.sendOnce(items);
}
