import type { FieldError } from "../../errors.ts";
import { municipalityByCode } from "../../municipalities/registry.ts";
import { fieldError } from "../codes.ts";
import { genitiveSv } from "../language.ts";
import { normaliseOrganisationNumber, organisationNumberProblem } from "./organisation-number.ts";

/**
 * Section 1's "Bidragsmottagare" and "Organisationsnummer" must be the caller's own: the grant is
 * paid to the body that signed in, so a form naming another municipality (or anyone else) is
 * refused rather than paid to the wrong party.
 */

/**
 * The kinds of body that receive grants: the ways each writes its name and the start of its
 * organisation number (Skatteverket's legal-entity group 2: 212000 for municipalities). Regions
 * ("Region Skåne", 232100) are to come as a kind of their own, with a code of their own.
 */
export type RecipientKind = "municipality";

interface KindRules {
  /** Every name a body of this kind goes by, from its registry name ("Lund"). */
  names(name: string): string[];
  /** The name to suggest and to pre-fill. */
  preferredName(name: string): string;
  organisationNumberPrefix: string;
  otherNumber: "NOT_A_MUNICIPALITY_ORGANISATION_NUMBER";
}

const KINDS: Record<RecipientKind, KindRules> = {
  municipality: {
    // "Lunds kommun", "Lund kommun", "Stockholms stad"; genitiveSv adds no s after s ("Borås stad").
    names: (name) => [name, genitiveSv(name)].flatMap((n) => [`${n} kommun`, `${n} stad`]),
    preferredName: (name) => `${genitiveSv(name)} kommun`,
    organisationNumberPrefix: "212000",
    otherNumber: "NOT_A_MUNICIPALITY_ORGANISATION_NUMBER",
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
  /** The registry's code and name (shared/municipalities/registry.ts): "1281", "Lund". */
  code: string;
  name: string;
}

/** The municipality with this kommunkod as a caller, if the registry knows it. */
export function municipalityCaller(kommunkod: string): Caller | undefined {
  const municipality = municipalityByCode(kommunkod);
  return municipality && { kind: "municipality", code: municipality.kommunkod, name: municipality.name };
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

/** Whether a valid organisation number (normalised NNNNNN-NNNN) is one a body of `kind` can have. */
const isOfKind = (kind: RecipientKind, number: string) =>
  number.startsWith(`${KINDS[kind].organisationNumberPrefix}-`);

/**
 * An organisation number a body of `kind` can have: a valid organisationsnummer, check digit and
 * all, with the kind's prefix. The contact register checks the numbers it keeps with this.
 */
export function organisationNumberOfKindProblem(
  kind: RecipientKind,
  value: string,
): "INVALID_ORGANISATION_NUMBER" | KindRules["otherNumber"] | undefined {
  const problem = organisationNumberProblem(value);
  if (problem) return problem;
  return isOfKind(kind, normaliseOrganisationNumber(value)) ? undefined : KINDS[kind].otherNumber;
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
  if (!isOfKind(caller.kind, number)) {
    errors.push(fieldError("recipient.organisationNumber", KINDS[caller.kind].otherNumber));
  } else if (registered !== undefined && number !== registered) {
    errors.push(fieldError("recipient.organisationNumber", "ORGANISATION_NUMBER_MISMATCH", { registered }));
  }
  return errors;
}
