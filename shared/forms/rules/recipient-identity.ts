import type { FieldError } from "../../errors.ts";
import { type RecipientKind, recipientByCode } from "../../recipients/registry.ts";
import { fieldError } from "../codes.ts";
import { genitiveSv } from "../language.ts";
import { normaliseOrganisationNumber, organisationNumberProblem } from "./organisation-number.ts";

export type { RecipientKind };

/**
 * Section 1's "Bidragsmottagare" and "Organisationsnummer" must be the caller's own: the grant is
 * paid to the body that signed in, so a form naming another recipient (or anyone else) is refused
 * rather than paid to the wrong party.
 */

type OtherNumberCode =
  | "NOT_A_MUNICIPALITY_ORGANISATION_NUMBER"
  | "NOT_A_REGION_ORGANISATION_NUMBER"
  | "NOT_THE_RECIPIENTS_ORGANISATION_NUMBER";

/**
 * How each kind of body writes its name and which organisation numbers it can have
 * (Skatteverket's legal-entity groups: 212000 municipalities, 232100 regions; an organisation has
 * exactly the number the register holds).
 */
interface KindRules {
  /** Every name a body of this kind goes by, from its registry name ("Lund", "Region Skåne"). */
  names(name: string): string[];
  /** The name to suggest and to pre-fill. */
  preferredName(name: string): string;
  /** What is wrong with a valid number (NNNNNN-NNNN) for this caller, if anything. */
  numberProblem(caller: Caller, number: string): OtherNumberCode | undefined;
}

/** Not the exact number the register holds for the caller (regions, organisations). */
const notRegistered = (caller: Caller, number: string) =>
  number === caller.organisationNumber ? undefined : "NOT_THE_RECIPIENTS_ORGANISATION_NUMBER";

const KINDS: Record<RecipientKind, KindRules> = {
  municipality: {
    // "Lunds kommun", "Lund kommun", "Stockholms stad"; genitiveSv adds no s after s ("Borås stad").
    names: (name) => [name, genitiveSv(name)].flatMap((n) => [`${n} kommun`, `${n} stad`]),
    preferredName: (name) => `${genitiveSv(name)} kommun`,
    numberProblem: (_caller, number) =>
      number.startsWith("212000-") ? undefined : "NOT_A_MUNICIPALITY_ORGANISATION_NUMBER",
  },
  region: {
    names: (name) => [name],
    preferredName: (name) => name,
    numberProblem: (caller, number) =>
      number.startsWith("232100-") ? notRegistered(caller, number) : "NOT_A_REGION_ORGANISATION_NUMBER",
  },
  organisation: {
    names: (name) => [name],
    preferredName: (name) => name,
    numberProblem: notRegistered,
  },
};

/**
 * Gotland is a municipality with a region's tasks and calls itself "Region Gotland"; its
 * organisation number is still a municipality's.
 */
const CALLED_REGION = new Set(["0980"]);

/** Who signed in, as the forms' rules see it. */
export interface Caller {
  kind: RecipientKind;
  /** The registry's code and name (shared/recipients/registry.ts): "1281", "Lund". */
  code: string;
  name: string;
  /** The registry's number where it holds one (regions, organisations). */
  organisationNumber?: string;
}

/** The recipient with this code as a caller, if the registry knows it. */
export function recipientCaller(code: string): Caller | undefined {
  const recipient = recipientByCode(code);
  return (
    recipient && {
      kind: recipient.kind,
      code: recipient.code,
      name: recipient.name,
      ...(recipient.organisationNumber ? { organisationNumber: recipient.organisationNumber } : {}),
    }
  );
}

export function acceptedRecipientNames(caller: Caller): string[] {
  const names = KINDS[caller.kind].names(caller.name);
  return CALLED_REGION.has(caller.code) ? [`Region ${caller.name}`, ...names] : names;
}

/** "Lunds kommun"; "Region Gotland" for Gotland. */
export function recipientNameFor(caller: Caller): string {
  return CALLED_REGION.has(caller.code)
    ? `Region ${caller.name}`
    : KINDS[caller.kind].preferredName(caller.name);
}

/** Case, repeated whitespace and Unicode composition do not make a name another one. */
const comparable = (name: string) =>
  name.normalize("NFC").replace(/\s+/g, " ").trim().toLocaleLowerCase("sv");

/**
 * The caller's names as written and as compared, per caller: normalising (NFC, Swedish lower
 * case) costs microseconds, and every form names its sender.
 */
const namesByCaller = new Map<string, { written: string[]; compared: Set<string> }>();

function callerNames(caller: Caller) {
  const key = `${caller.kind}:${caller.code}:${caller.name}`;
  let names = namesByCaller.get(key);
  if (!names) {
    const written = acceptedRecipientNames(caller);
    names = { written, compared: new Set(written.map(comparable)) };
    if (namesByCaller.size >= 1024) namesByCaller.clear();
    namesByCaller.set(key, names);
  }
  return names;
}

function isCallersName(name: string, caller: Caller): boolean {
  const { written, compared } = callerNames(caller);
  return written.includes(name) || compared.has(comparable(name));
}

/**
 * An organisation number the caller can have: a valid organisationsnummer, check digit and all, of
 * the caller's kind. The contact register checks the numbers it keeps with this.
 */
export function organisationNumberOfCallerProblem(
  caller: Caller,
  value: string,
): "INVALID_ORGANISATION_NUMBER" | OtherNumberCode | undefined {
  const problem = organisationNumberProblem(value);
  if (problem) return problem;
  return KINDS[caller.kind].numberProblem(caller, normaliseOrganisationNumber(value));
}

interface RecipientIdentity {
  name: string;
  /** As parsed: a valid organisationsnummer, normalised to NNNNNN-NNNN. */
  organisationNumber: string;
}

/**
 * The recipient's name must be one the caller goes by; its organisation number one of the
 * caller's kind and, where the contact register holds the caller's number, exactly that one.
 */
export function recipientIdentityErrors(
  recipient: RecipientIdentity,
  caller: Caller,
  registeredOrganisationNumber: string | undefined,
): FieldError[] {
  const errors: FieldError[] = [];
  if (!isCallersName(recipient.name, caller)) {
    errors.push(fieldError("recipient.name", "RECIPIENT_NOT_CALLER", { expected: recipientNameFor(caller) }));
  }
  const number = recipient.organisationNumber;
  const registered =
    registeredOrganisationNumber === undefined
      ? undefined
      : normaliseOrganisationNumber(registeredOrganisationNumber);
  const problem = KINDS[caller.kind].numberProblem(caller, number);
  if (problem) {
    errors.push(
      problem === "NOT_THE_RECIPIENTS_ORGANISATION_NUMBER"
        ? fieldError("recipient.organisationNumber", problem, { expected: caller.organisationNumber ?? "" })
        : fieldError("recipient.organisationNumber", problem),
    );
  } else if (registered !== undefined && number !== registered) {
    errors.push(fieldError("recipient.organisationNumber", "ORGANISATION_NUMBER_MISMATCH", { registered }));
  }
  return errors;
}
