import type { Recipient } from "../../../shared/forms/index.ts";
import { recipientCaller, recipientNameFor } from "../../../shared/forms/rules/recipient-identity.ts";
import type { Programme } from "../../../shared/programmes/schema.ts";
import { get } from "../api.ts";
import type { Value } from "../form-kit/types.ts";
import type { Submission, SubmissionDetail } from "../types.ts";
import { recipientValues } from "./recipient.ts";

/**
 * Where a form's first values come from. A returned submission is corrected from what was sent;
 * otherwise contact details come from the municipality's latest submission, so they are typed once.
 */
interface EarlierForm {
  recipient?: Partial<Recipient>;
  grant?: { agreementDiarienummer?: string; decisionDiarienummer?: string };
}

export interface Earlier<F extends EarlierForm> {
  /** The returned submission this one corrects (`?from=`). */
  corrected?: Submission;
  /** The municipality's latest submission, of any programme. */
  previous?: Partial<F>;
  /** Its latest submission for this programme. */
  sameProgramme?: Partial<F>;
}

export async function earlierSubmissions<F extends EarlierForm>(
  programmeId: string,
  from: string | undefined,
): Promise<Earlier<F>> {
  const corrected = from
    ? (await get<SubmissionDetail>(`/submissions/${encodeURIComponent(from)}`)).submission
    : undefined;
  const { submissions } = await get<{ submissions: Submission[] }>("/submissions");
  const newest = [...submissions].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  const previous = newest[0]?.form as Partial<F> | undefined;
  const sameProgramme = newest.find((x) => x.programmeId === programmeId)?.form as Partial<F> | undefined;
  return {
    ...(corrected ? { corrected } : {}),
    ...(previous ? { previous } : {}),
    ...(sameProgramme ? { sameProgramme } : {}),
  };
}

/** What both forms start from: the recipient, the agreement's title and case numbers, the period. */
export function sharedStart(
  programme: Programme,
  kommunkod: string,
  { previous, sameProgramme }: Earlier<EarlierForm>,
): Record<string, Value> {
  const caller = recipientCaller(kommunkod);
  return {
    // The name the recipient rule accepts for the caller: "Lunds kommun", "Region Gotland".
    "recipient.name": caller ? recipientNameFor(caller) : "",
    ...recipientValues(previous?.recipient),
    "grant.agreementTitle": programme.agreementTitle ?? "",
    // The case numbers are on the agreement; until officers enter them, reuse what was given before.
    "grant.agreementDiarienummer":
      programme.agreementDiarienummer ?? sameProgramme?.grant?.agreementDiarienummer ?? "",
    "grant.decisionDiarienummer":
      programme.decisionDiarienummer ?? sameProgramme?.grant?.decisionDiarienummer ?? "",
    "grant.period.from": programme.grantPeriod.from,
    "grant.period.to": programme.grantPeriod.to,
  };
}
