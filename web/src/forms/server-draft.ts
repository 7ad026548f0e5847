import { ApiError, api } from "../api.ts";
import { config } from "../config.ts";
import { h } from "../dom.ts";
import type { FormKit } from "../form-kit/form-kit.ts";
import { dateTime } from "../format.ts";
import { m, type Texts } from "../i18n.ts";
import { readSession } from "../session.ts";

/** The person a draft names, as the API gives it to the municipality's own users. */
interface DraftPerson {
  name?: string;
  email?: string;
  title?: string;
}

/** GET/PUT /programmes/{id}/drafts/{kind} (shared/drafts/model.ts), as the page reads it. */
export interface DraftView {
  form: Record<string, unknown>;
  version: number;
  updatedAt: string;
  updatedBy: DraftPerson;
  certified?: { name: string; title: string; at: string; by: DraftPerson; version: number };
}

const TEXT = {
  save: { sv: "Spara utkast", en: "Save draft" },
  saving: { sv: "Sparar utkastet…", en: "Saving the draft…" },
  autosave: {
    sv: "Utkastet sparas medan du fyller i, så att dina kollegor ser det och inget går förlorat om fliken stängs.",
    en: "The draft is saved as you fill in, so your colleagues see it and nothing is lost if the tab closes.",
  },
  savedBy: (who: string, when: string) => ({
    sv: `Utkast sparat av ${who} ${when}.`,
    en: `Draft saved by ${who} ${when}.`,
  }),
  colleague: { sv: "en kollega", en: "a colleague" },
  notSaved: (why: string) => ({
    sv: `Utkastet kunde inte sparas: ${why}`,
    en: `The draft could not be saved: ${why}`,
  }),
  changed: {
    sv: "En kollega har sparat utkastet sedan du läste det, så dina senaste ändringar är inte sparade. Läs in kollegans utkast och gör om dina ändringar där.",
    en: "A colleague has saved the draft since you read it, so your latest changes are not saved. Load your colleague's draft and make your changes again there.",
  },
  loadTheirs: { sv: "Läs in kollegans utkast", en: "Load your colleague's draft" },
} satisfies Texts;

/** How long typing may pause before the draft is saved. */
const AUTOSAVE_MS = 1500;

const draftPath = (programmeId: string, kind: "requisition" | "report") =>
  `/programmes/${encodeURIComponent(programmeId)}/drafts/${kind}`;

/** "Eva Ek 2022-11-20 14:05" for the line under the form's buttons: the time in Stockholm. */
export function savedByText(draft: Pick<DraftView, "updatedBy" | "updatedAt">): string {
  const who = draft.updatedBy.name ?? draft.updatedBy.email ?? m(TEXT.colleague);
  return m(TEXT.savedBy(who, dateTime(draft.updatedAt).slice(0, 16)));
}

/** The municipality's draft of this form, or nothing when none is saved. */
export async function readDraft(
  programmeId: string,
  kind: "requisition" | "report",
): Promise<DraftView | undefined> {
  try {
    return (await api<{ draft: DraftView }>("GET", draftPath(programmeId, kind))).draft;
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return undefined;
    throw error;
  }
}

/**
 * Keeps a form's draft on the server (README "Drafts shared by the municipality"): saved a moment
 * after each change and by "Spara utkast", always over the version it read, so a colleague's newer
 * save is never overwritten (409 DRAFT_CHANGED: the user is told, and may load theirs instead).
 */
export class ServerDraft {
  readonly element: HTMLElement;
  private version: number | undefined;
  private dirty = false;
  private held = false;
  private conflict = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** The saves in order: the last one queued. */
  private saving: Promise<void> = Promise.resolve();
  private readonly status: HTMLElement;
  private readonly conflictBox: HTMLElement;

  constructor(
    private readonly options: {
      programmeId: string;
      kind: "requisition" | "report";
      kit: FormKit;
      /** A stored draft's form → the kit's values (the account names are the page's own). */
      apply: (draft: DraftView) => void;
      /** Every draft read or saved, e.g. to show its certification. */
      onDraft?: (draft: DraftView) => void;
    },
    initial: DraftView | undefined,
  ) {
    this.version = initial?.version;
    this.status = h(
      "p",
      { id: "draft-status", class: "hint", role: "status" },
      initial ? savedByText(initial) : m(TEXT.autosave),
    );
    this.conflictBox = h("div", { id: "draft-conflict", hidden: true });
    const button = h(
      "button",
      { type: "button", class: "button button-secondary", id: "save-draft" },
      m(TEXT.save),
    );
    button.addEventListener("click", () => void this.saveNow());
    this.element = h("div", { class: "draft-bar" }, button, this.status, this.conflictBox);
    // A language switch reloads the page once what is typed is saved (layout.ts waits for it);
    // closing the tab or leaving the page ends it, so that save must outlive the page.
    window.addEventListener("statsbidrag:before-reload", (event) => {
      const waitFor = (event as CustomEvent<{ waitFor?: (p: Promise<unknown>) => void }>).detail?.waitFor;
      if (this.dirty && !this.held && !this.conflict && waitFor) waitFor(this.saveNow());
    });
    window.addEventListener("pagehide", () => this.flush());
  }

  /** The version on the server that the form shows (none before the first save). */
  get currentVersion(): number | undefined {
    return this.version;
  }

  /** The user changed something: saved once typing pauses. */
  edited(): void {
    this.dirty = true;
    if (this.held || this.conflict) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.saveNow(), AUTOSAVE_MS);
  }

  /** Sending: no save may land after it (the send deletes the draft), so one under way ends first. */
  async hold(): Promise<void> {
    this.held = true;
    if (this.timer) clearTimeout(this.timer);
    await this.saving;
  }

  /** The send failed: the draft is the user's again. */
  release(): void {
    this.held = false;
    if (this.dirty) this.edited();
  }

  /** A draft the server answered with (a save, a certification): its version is the one to save over. */
  adopt(draft: DraftView): void {
    this.version = draft.version;
    this.status.textContent = savedByText(draft);
    this.options.onDraft?.(draft);
  }

  /**
   * Saves now, after any save under way (one at a time, each over the version the one before got:
   * two at once would refuse each other); true when the draft on the server is what the form shows.
   */
  saveNow(): Promise<boolean> {
    if (this.timer) clearTimeout(this.timer);
    const run = this.saving.then(() => (this.conflict ? false : this.put()));
    this.saving = run.then(() => undefined);
    return run;
  }

  private async put(): Promise<boolean> {
    this.dirty = false;
    this.status.textContent = m(TEXT.saving);
    try {
      const { draft } = await api<{ draft: DraftView }>(
        "PUT",
        draftPath(this.options.programmeId, this.options.kind),
        { body: { form: this.options.kit.input(), ...(this.version ? { version: this.version } : {}) } },
      );
      this.adopt(draft);
      return true;
    } catch (error) {
      this.dirty = true;
      if (error instanceof ApiError && error.code === "DRAFT_CHANGED") this.showConflict();
      else
        this.status.textContent = m(
          TEXT.notSaved(error instanceof ApiError ? m(error.userMessage) : String(error)),
        );
      return false;
    }
  }

  private showConflict(): void {
    this.conflict = true;
    this.status.textContent = "";
    const load = h(
      "button",
      { type: "button", class: "button", id: "load-colleague-draft" },
      m(TEXT.loadTheirs),
    );
    load.addEventListener("click", () => void this.loadTheirs());
    this.conflictBox.replaceChildren(
      h("div", { class: "notice notice-warning", role: "alert" }, h("p", {}, m(TEXT.changed)), load),
    );
    this.conflictBox.hidden = false;
  }

  private async loadTheirs(): Promise<void> {
    const theirs = await readDraft(this.options.programmeId, this.options.kind);
    this.conflict = false;
    this.dirty = false;
    this.conflictBox.hidden = true;
    this.conflictBox.replaceChildren();
    if (!theirs) {
      // Sent or thrown away meanwhile: what the form shows becomes a new draft.
      this.version = undefined;
      this.status.textContent = m(TEXT.autosave);
      return;
    }
    this.options.apply(theirs);
    this.adopt(theirs);
    document.getElementById("save-draft")?.focus();
  }

  /** A last save that outlives the page (keepalive); its answer is read on the next visit. */
  private flush(): void {
    if (!this.dirty || this.held || this.conflict) return;
    if (this.timer) clearTimeout(this.timer);
    const session = readSession();
    if (!session) return;
    this.dirty = false;
    void fetch(`${config().apiBase}${draftPath(this.options.programmeId, this.options.kind)}`, {
      method: "PUT",
      keepalive: true,
      headers: { authorization: `Bearer ${session.token}`, "content-type": "application/json" },
      body: JSON.stringify({
        form: this.options.kit.input(),
        ...(this.version ? { version: this.version } : {}),
      }),
    }).catch(() => undefined);
  }
}
