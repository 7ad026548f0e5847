import type { IsoDate } from "../dates.ts";
import { allocationFor } from "../programmes/catalogue.ts";
import { type Question, questionsAt } from "../programmes/questions.ts";
import type { Allocation, Programme } from "../programmes/schema.ts";
import { luhnCheckDigit } from "./rules/luhn.ts";
import { recipientCaller, recipientNameFor } from "./rules/recipient-identity.ts";
import type { Recipient, ReportForm, RequisitionForm } from "./schema.ts";

/**
 * Valid forms for tests, local demos and the web's "fill in example" button. Identifiers are
 * made up but pass every check: the organisation number is 212000-NNNC with the kommunkod's last
 * three digits and a Luhn check digit, so it is a municipality's kind of number, not a real one
 * (a contact register holding the real number will refuse it). Regions and organisations use the
 * number the register holds for them.
 */
function allocationOrThrow(programme: Programme, kommunkod: string): Allocation {
  const allocation = allocationFor(programme, kommunkod);
  if (!allocation) throw new Error(`kommunkod ${kommunkod} is not in ${programme.id}`);
  return allocation;
}

const withCheckDigit = (payload: string) => `${payload}${luhnCheckDigit(payload)}`;

/** "Upplands Väsby" → "upplandsvasby", for made-up e-mail domains. */
const slug = (name: string) =>
  name
    .normalize("NFD")
    .replace(/[^A-Za-z]/g, "")
    .toLowerCase();

export function sampleOrganisationNumber(kommunkod: string): string {
  const digits = withCheckDigit(`212000${kommunkod.slice(1)}`);
  return `${digits.slice(0, 6)}-${digits.slice(6)}`;
}

export function sampleBankgiro(kommunkod: string): string {
  const digits = withCheckDigit(`5${kommunkod}00`);
  return `${digits.slice(0, 4)}-${digits.slice(4)}`;
}

function sampleRecipient(kommun: string, kommunkod: string): Recipient {
  const domain = `${slug(kommun)}.example`;
  const caller = recipientCaller(kommunkod) ?? { kind: "municipality", code: kommunkod, name: kommun };
  return {
    name: recipientNameFor(caller),
    organisationNumber: caller.organisationNumber ?? sampleOrganisationNumber(kommunkod),
    contactPerson: "Anna Andersson",
    postalAddress: { street: "Box 41", postalCode: "221 00", city: kommun },
    phone: "046-35 50 00",
    email: `statsbidrag@${domain}`,
  };
}

/** The agreement's title and case number where there is an agreement; the decision's always. */
function agreement(programme: Programme) {
  const decisionDiarienummer = programme.decisionDiarienummer ?? `S${programme.year}/00002/SOF`;
  if (programme.agreementTitle === null) return { decisionDiarienummer };
  return {
    agreementDiarienummer: programme.agreementDiarienummer ?? `S${programme.year}/00001/SOF`,
    decisionDiarienummer,
    agreementTitle: programme.agreementTitle,
  };
}

/** A requisition of the full base allocation, signed `today` (default: the grant period's first day). */
export function sampleRequisition(
  programme: Programme,
  kommunkod: string,
  today: IsoDate = programme.grantPeriod.from,
): RequisitionForm {
  const allocation = allocationOrThrow(programme, kommunkod);
  return {
    recipient: sampleRecipient(allocation.kommun, kommunkod),
    grant: {
      ...agreement(programme),
      amount: allocation.amount,
      kind: "base",
      period: { ...programme.grantPeriod },
      ...(programme.survey.atRequisition ? { surveyCommitment: true } : {}),
    },
    payment: {
      method: "bankgiro",
      account: sampleBankgiro(kommunkod),
      reference: `Statsbidrag ${programme.year}`,
    },
    signature: { date: today, signatory: "Bo Bengtsson" },
    ...sampleAnswers(programme, "requisition"),
  };
}

/** Answers to the programme's own questions on a form, where it asks any: yes, or a sentence. */
function sampleAnswers(
  programme: Programme,
  form: Question["at"],
): { answers?: Record<string, string | boolean> } {
  const questions = questionsAt(programme, form);
  if (questions.length === 0) return {};
  return {
    answers: Object.fromEntries(
      questions.map((q) => [
        q.id,
        q.kind === "yes-no" ? true : "Trygghetslarm och nattkameror i hemtjänsten.",
      ]),
    ),
  };
}

/**
 * A report for the whole grant, paid and received in full, with 90 % spent; signed `today`
 * (default: the report deadline, or the grant period's last day where there is none).
 */
export function sampleReport(
  programme: Programme,
  kommunkod: string,
  today: IsoDate = programme.deadlines.report ?? programme.grantPeriod.to,
): ReportForm {
  const allocation = allocationOrThrow(programme, kommunkod);
  const totalGrant = allocation.amount + allocation.modelExtra;
  const costs = Math.round(totalGrant * 0.9);
  return {
    recipient: sampleRecipient(allocation.kommun, kommunkod),
    grant: {
      ...agreement(programme),
      totalGrant,
      totalPaid: totalGrant,
      period: { ...programme.grantPeriod },
    },
    accounting: { received: totalGrant, costs, unspent: totalGrant - costs, surveyAnswered: true },
    certification: {
      alternative: 1,
      name: "Eva Ekström",
      title: "Ekonomichef",
      phone: "046-35 50 00",
      email: `ekonomi@${slug(allocation.kommun)}.example`,
    },
    signature: { date: today, signatory: "Bo Bengtsson" },
    ...sampleAnswers(programme, "report"),
  };
}
