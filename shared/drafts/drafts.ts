import { actorOf, type Principal, requireRoles } from "../auth/principal.ts";
import { certifierNames } from "../auth/signers.ts";
import type { Clock } from "../clock.ts";
import { today } from "../clock.ts";
import { ConflictError, type FieldError, ForbiddenError, NotFoundError, ValidationError } from "../errors.ts";
import { ACCOUNT_NAME_PATHS, certifiedContent, withAccountNames } from "../forms/account-names.ts";
import { checkReport, checkRequisition } from "../forms/index.ts";
import { programmeFor } from "../programmes/access.ts";
import type { ProgrammeCatalogue } from "../programmes/ports.ts";
import { DRAFT_KINDS, type DraftKind, type FormDraft } from "./model.ts";
import type { FormDraftStore } from "./ports.ts";

export interface DraftDeps {
  drafts: FormDraftStore;
  catalogue: ProgrammeCatalogue;
  clock: Clock;
}

/** A saved draft and what sending it now would be refused for (advice: saving never fails on it). */
export interface SavedDraft {
  draft: FormDraft;
  issues: FieldError[];
}

const draftChanged = () =>
  new ConflictError("DRAFT_CHANGED", {
    sv: "Någon annan har sparat utkastet sedan du läste det. Läs in det igen.",
    en: "Someone else has saved the draft since you read it. Read it again.",
  });

const noDraft = () => new NotFoundError({ sv: "Det finns inget utkast.", en: "There is no draft." });

function kindOf(kind: string): DraftKind {
  if ((DRAFT_KINDS as readonly string[]).includes(kind)) return kind as DraftKind;
  throw new ValidationError([
    {
      path: "kind",
      code: "INVALID_DRAFT_KIND",
      message: {
        sv: "Utkastet gäller requisition eller report.",
        en: "A draft is of a requisition or a report.",
      },
    },
  ]);
}

/** Drafts are the municipality's: an officer neither reads nor writes them. */
async function municipalityOf(deps: DraftDeps, principal: Principal, programmeId: string) {
  if (principal.kind !== "municipality") throw new ForbiddenError();
  const programme = await programmeFor(deps.catalogue, principal, programmeId);
  return { programme, kommunkod: principal.kommunkod };
}

const invalidVersion = (): FieldError => ({
  path: "version",
  code: "INVALID_VERSION",
  message: {
    sv: "Versionen är den du senast läste, ett heltal från 1.",
    en: "The version is the one you last read, a whole number from 1.",
  },
});

const isVersion = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 1;

const objectOf = (body: unknown) =>
  (typeof body === "object" && body !== null ? body : {}) as Record<string, unknown>;

function bodyOf(body: unknown): { form: Record<string, unknown>; version?: number } {
  const b = objectOf(body);
  const errors: FieldError[] = [];
  const form = b.form;
  if (typeof form !== "object" || form === null || Array.isArray(form))
    errors.push({
      path: "form",
      code: "REQUIRED",
      message: { sv: "Ange formuläret, även ofullständigt.", en: "Give the form, incomplete or not." },
    });
  const version = b.version;
  if (version !== undefined && !isVersion(version)) errors.push(invalidVersion());
  if (errors.length > 0) throw new ValidationError(errors);
  return { form: form as Record<string, unknown>, ...(isVersion(version) ? { version } : {}) };
}

/** Issues about the names the accounts fill in are no one's to fix in the draft. */
const ownIssues = (errors: FieldError[]) =>
  errors.filter((e) => !(ACCOUNT_NAME_PATHS as readonly string[]).includes(e.path));

/**
 * PUT /programmes/{id}/drafts/{kind}: saves the form as far as it goes, for the municipality's
 * other users too. `version` is the draft's version the client last read (none for a new draft):
 * a save on top of someone else's newer one is 409 DRAFT_CHANGED, never a silent overwrite. The
 * answer lists what sending it now would be refused for, by the same rules as sending.
 */
export async function saveFormDraft(
  deps: DraftDeps,
  principal: Principal,
  programmeId: string,
  kind: string,
  body: unknown,
): Promise<SavedDraft> {
  const k = kindOf(kind);
  const { form, version } = bodyOf(body);
  const { programme, kommunkod } = await municipalityOf(deps, principal, programmeId);
  // A certification holds while what it vouches for is unchanged (the signature may change).
  const current = k === "report" ? await deps.drafts.get(programmeId, kommunkod, k) : undefined;
  const certified =
    current?.certified &&
    current.version === version &&
    certifiedContent(current.form) === certifiedContent(form)
      ? current.certified
      : undefined;
  const draft: FormDraft = {
    programmeId,
    kommunkod,
    kind: k,
    // The names are the accounts', never the saver's text: the certifier's while certified.
    form: withAccountNames(
      form,
      certified ? { certifier: { name: certified.name, title: certified.title } } : {},
      k === "report",
    ),
    version: (version ?? 0) + 1,
    updatedAt: deps.clock.now().toISOString(),
    updatedBy: actorOf(principal),
    ...(certified ? { certified: { ...certified, by: { ...certified.by } } } : {}),
  };
  if (!(await deps.drafts.put(draft))) throw draftChanged();
  const day = today(deps.clock);
  const checked =
    k === "requisition"
      ? checkRequisition(draft.form, programme, kommunkod, day)
      : checkReport(draft.form, programme, kommunkod, day);
  return { draft, issues: checked.ok ? [] : ownIssues(checked.errors) };
}

/**
 * POST /programmes/{id}/drafts/report/certify {version}: a certifier (role certifier) certifies
 * the report in the draft as it stands at `version`, under their account's name and title, which
 * the report then carries. Only a complete report (all but the signature) can be certified; a
 * save that changes it afterwards drops the certification, and the signatory's send takes it.
 */
export async function certifyReportDraft(
  deps: DraftDeps,
  principal: Principal,
  programmeId: string,
  body: unknown,
): Promise<SavedDraft> {
  const version = objectOf(body).version;
  if (!isVersion(version)) throw new ValidationError([invalidVersion()]);
  const { programme, kommunkod } = await municipalityOf(deps, principal, programmeId);
  requireRoles(principal, ["certifier"]);
  const names = certifierNames(principal);
  const current = await deps.drafts.get(programmeId, kommunkod, "report");
  if (!current) throw noDraft();
  if (current.version !== version) throw draftChanged();
  const form = withAccountNames(current.form, { certifier: names }, true);
  const checked = checkReport(
    withAccountNames(form, { signatory: names.name, certifier: names }, true),
    programme,
    kommunkod,
    today(deps.clock),
  );
  // The signature is the signatory's to give after the certification.
  const errors = checked.ok
    ? []
    : checked.errors.filter((e) => e.path !== "signature" && !e.path.startsWith("signature."));
  if (errors.length > 0) throw new ValidationError(errors);
  const at = deps.clock.now().toISOString();
  const draft: FormDraft = {
    ...current,
    form,
    version: version + 1,
    certified: { by: actorOf(principal), ...names, at, version: version + 1 },
  };
  if (!(await deps.drafts.put(draft))) throw draftChanged();
  return { draft, issues: checked.ok ? [] : ownIssues(checked.errors) };
}

/** GET /programmes/{id}/drafts/{kind}: the municipality's draft, or 404. */
export async function getFormDraft(
  deps: DraftDeps,
  principal: Principal,
  programmeId: string,
  kind: string,
): Promise<FormDraft> {
  const k = kindOf(kind);
  const { kommunkod } = await municipalityOf(deps, principal, programmeId);
  const draft = await deps.drafts.get(programmeId, kommunkod, k);
  if (!draft) throw noDraft();
  return draft;
}

/**
 * DELETE /programmes/{id}/drafts/{kind}, and what sending the form does once it is stored: the
 * draft is gone, and deleting one that is gone is fine (a retried send, a second tab).
 */
export async function deleteFormDraft(
  deps: DraftDeps,
  principal: Principal,
  programmeId: string,
  kind: string,
): Promise<void> {
  const k = kindOf(kind);
  const { kommunkod } = await municipalityOf(deps, principal, programmeId);
  await deps.drafts.delete(programmeId, kommunkod, k);
}

/**
 * Once a form is sent (stored: the 201 is certain), its draft has become the submission and goes.
 * A failure here must not turn the 201 into an error: the draft stays, and the page that reads it
 * next sees a form already sent, so it is only logged.
 */
export async function draftSent(
  deps: Pick<DraftDeps, "drafts">,
  programmeId: string,
  kommunkod: string,
  kind: DraftKind,
  warn: (message: string, facts: Record<string, string>) => void,
): Promise<void> {
  await deps.drafts.delete(programmeId, kommunkod, kind).catch((error: unknown) => {
    warn("draft not deleted after sending", { programmeId, kind, error: String(error) });
  });
}
