/**
 * The contract of the stores the use cases write through: SubmissionStore, OfficerStore and
 * DeadlineStore. One suite, run against the DynamoDB adapters on DynamoDB Local
 * (test/integration/store-contract.test.ts) and against the in-memory fakes
 * (test/unit/submissions/store-contract.test.ts), so the fakes the unit tests rely on cannot
 * drift from the real stores. Where the two disagree, the DynamoDB adapter is the reference.
 *
 * The suite talks to the ports only, with records built by hand and transitions from the one
 * lifecycle, like a use case would: it writes, reads back, and attacks the conditions with stale
 * reads, races (two writes at once) and foreign ids. "Writes nothing" is checked by reading
 * everything the write would have touched: the submissions, their attachments and audit, the
 * ledger rows, and whether its mail reached the outbox.
 */
import { randomUUID } from "node:crypto";
import { describe, expect, test } from "vitest";
import type { Actor, AuditEvent } from "../../shared/audit.ts";
import type { DeadlineStore, LapseMark, MarkedMail } from "../../shared/deadlines/ports.ts";
import type { OutboxMail } from "../../shared/mail/outbox-mail.ts";
import type { OutboxStore } from "../../shared/mail/ports.ts";
import type {
  DecisionWrite,
  OfficerStore,
  PaymentProposalWrite,
  PaymentWrite,
} from "../../shared/officer/ports.ts";
import type { ProgrammeStore, PublishWrite } from "../../shared/programmes/ports.ts";
import { requireSeed } from "../../shared/programmes/seeds.ts";
import { IdempotentReplay } from "../../shared/submissions/conflicts.ts";
import {
  type AttachmentTransition,
  attachmentTransition,
  type SubmissionEvent,
  transition,
} from "../../shared/submissions/lifecycle.ts";
import type {
  AllocationState,
  Attachment,
  GrantKind,
  Repayment,
  ScanVerdict,
  Submission,
  SubmissionKind,
} from "../../shared/submissions/model.ts";
import type {
  LedgerRelease,
  NewSubmission,
  ReplacementWrite,
  SettleWrite,
  SlotWrite,
  SubmissionStore,
} from "../../shared/submissions/ports.ts";

export interface ContractStores {
  submissions: SubmissionStore;
  officer: OfficerStore;
  deadlines: DeadlineStore;
  /** The outbox the dispatcher reads: the stores write mail only inside their writes. */
  outbox: OutboxStore;
  /** Where a programme's versions are published (a closed one refuses every new submission). */
  programmes: ProgrammeStore;
}

/** Fresh stores for one test; `programmeIds` are the programmes an unfiltered listing covers. */
export type MakeStores = (programmeIds: readonly string[]) => Promise<ContractStores>;

export interface ContractOptions {
  /**
   * Tests this implementation is known to fail, by name, each with the bug that makes it fail:
   * they run as `it.fails`, so they pass while the bug is there and turn red once it is fixed.
   */
  knownBugs?: Readonly<Record<string, string>>;
}

const ALLOCATED = 1_000_000;
const MODEL_EXTRA = 500_000;
const LUND = "1281";
const MALMO = "1280";
const START = Date.parse("2022-06-01T10:00:00.000Z");
const SYSTEM: Actor = { sub: "contract", kind: "system" };
const OFFICER: Actor = { sub: "officer-1", kind: "officer", email: "handlaggare@kammarkollegiet.example" };
const ATTESTANT: Actor = { sub: "officer-2", kind: "officer", roles: ["attestant"] };

function must<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`${what} missing`);
  return value;
}

const mail = (): OutboxMail => ({
  id: randomUUID(),
  to: ["registrator@kommun.example"],
  subject: "Kontrakt",
  text: "Kontrakt",
  html: "<p>Kontrakt</p>",
  topic: "contract",
});

const byId = <T extends { id: string }>(items: readonly T[]) =>
  [...items].sort((a, b) => a.id.localeCompare(b.id));

/** One test's world: its own programme id, its own clock, and builders for what use cases write. */
class Scene {
  private tick = 0;

  constructor(
    readonly programmeId: string,
    readonly stores: ContractStores,
  ) {}

  get submissions() {
    return this.stores.submissions;
  }
  get officer() {
    return this.stores.officer;
  }
  get deadlines() {
    return this.stores.deadlines;
  }

  /** Whether the outbox holds a mail with this id. */
  async mailWritten(id: string): Promise<boolean> {
    return (await this.stores.outbox.getMail(id)) !== undefined;
  }

  /** A later instant on every call: records get distinct, ordered times. */
  at(): string {
    return new Date(START + 1000 * this.tick++).toISOString();
  }

  audit(action: string, submissionId?: string): AuditEvent {
    return { at: this.at(), actor: SYSTEM, action, ...(submissionId ? { submissionId } : {}), details: {} };
  }

  draft(
    opts: {
      kommunkod?: string;
      kind?: SubmissionKind;
      grantKind?: GrantKind;
      amount?: number;
      unspent?: number;
      idempotencyKey?: string;
      replaces?: Submission;
      id?: string;
    } = {},
  ): NewSubmission {
    const kind = opts.kind ?? "requisition";
    const kommunkod = opts.kommunkod ?? opts.replaces?.kommunkod ?? LUND;
    const id = opts.id ?? randomUUID();
    const slotId = randomUUID();
    const createdAt = this.at();
    const version = opts.replaces ? (opts.replaces.version ?? 1) + 1 : 1;
    const submission: Submission = {
      id,
      reference: `SB-2022-${kommunkod}-${kind === "report" ? "E" : opts.grantKind === "model-extra" ? "M" : "R"}${version}`,
      programmeId: this.programmeId,
      kommunkod,
      kommun: kommunkod === LUND ? "Lund" : "Malmö",
      kind,
      ...(kind === "requisition" ? { grantKind: opts.grantKind ?? "base" } : {}),
      amount: opts.amount ?? 400_000,
      ...(opts.unspent !== undefined ? { unspent: opts.unspent } : {}),
      status: "awaiting-original",
      revision: 1,
      originalSlot: slotId,
      form: { grant: { amount: opts.amount ?? 400_000 } },
      createdAt,
      receivedAtLocal: "2022-06-01 12:00:00",
      receivedOn: "2022-06-01",
      late: false,
      createdBy: { sub: `user-${kommunkod}`, kind: "municipality", email: `ekonomi@${kommunkod}.example` },
      updatedAt: createdAt,
      ...(opts.replaces ? { version, replaces: opts.replaces.id } : {}),
    };
    return {
      submission,
      attachment: {
        submissionId: id,
        id: slotId,
        type: "original",
        key: `originals/${this.programmeId}/${kommunkod}/${id}/${slotId}`,
        status: "pending",
        revision: 1,
        maxBytes: 20 * 1024 * 1024,
        createdAt,
      },
      audit: {
        at: createdAt,
        actor: submission.createdBy,
        action: `${kind}.submitted`,
        submissionId: id,
        details: {},
      },
      mails: [mail()],
      allocated: ALLOCATED,
      modelExtra: MODEL_EXTRA,
      requisitionDeadline: "2022-12-01",
      programmeVersion: 1,
      ...(opts.idempotencyKey
        ? {
            idempotency: {
              kommunkod,
              key: opts.idempotencyKey,
              requestHash: `hash-of-${id}`,
              submissionId: id,
              expiresAt: Math.floor(START / 1000) + 86_400,
            },
          }
        : {}),
    };
  }

  async requisition(opts: Parameters<Scene["draft"]>[0] = {}) {
    const input = this.draft(opts);
    await this.submissions.createRequisition(input);
    return { input, submission: input.submission, slot: input.attachment };
  }

  async read(id: string): Promise<Submission> {
    return must(await this.submissions.getSubmission(id), `submission ${id}`);
  }

  async row(kommunkod = LUND): Promise<AllocationState> {
    return must(await this.submissions.getAllocation(this.programmeId, kommunkod), `ledger row ${kommunkod}`);
  }

  /** The upload check's acceptance of the original in the current slot: awaiting-original → received. */
  acceptOriginal(s: Submission, slot: Attachment): SettleWrite {
    const at = this.at();
    const sha256 = "ab".repeat(32);
    return {
      attachment: attachmentTransition(slot, "accept", at),
      found: {
        sha256,
        size: 100,
        contentType: "application/pdf",
        object: { etag: "etag-1" },
        storedKey: `records/${slot.id}`,
      },
      submission: {
        transition: transition(s, "accept-original", at),
        set: { original: { attachmentId: slot.id, sha256, size: 100, contentType: "application/pdf" } },
      },
      audit: this.audit("submission.received", s.id),
      mails: [mail()],
    };
  }

  async received(opts: Parameters<Scene["draft"]>[0] = {}) {
    const { submission, slot, input } = await this.requisition(opts);
    expect(await this.submissions.settle(this.acceptOriginal(submission, slot))).toBe(true);
    return { submission: await this.read(submission.id), slot, input };
  }

  decision(
    s: Submission,
    event: Extract<SubmissionEvent, "approve" | "return" | "refuse">,
    extra: {
      request?: Attachment;
      release?: LedgerRelease;
      revision?: number;
      voided?: AttachmentTransition[];
    } = {},
  ): DecisionWrite {
    const at = this.at();
    const t = transition(s, event, at);
    return {
      change: {
        transition: extra.revision === undefined ? t : { ...t, revision: extra.revision },
        set: { decision: { decision: event, by: OFFICER, at } },
      },
      ...(extra.request ? { request: extra.request } : {}),
      ...(extra.release ? { release: extra.release } : {}),
      ...(extra.voided ? { voided: extra.voided } : {}),
      audit: this.audit(`submission.${t.to}`, s.id),
      mails: [mail()],
    };
  }

  release(s: Submission, afterLapse = false): LedgerRelease {
    return {
      programmeId: this.programmeId,
      kommunkod: s.kommunkod,
      submissionId: s.id,
      grantKind: s.grantKind ?? "base",
      amount: s.amount,
      afterLapse,
      at: this.at(),
    };
  }

  /** The document an officer's return asks for: a `requested` attachment. */
  requested(s: Submission): Attachment {
    const id = randomUUID();
    return {
      submissionId: s.id,
      id,
      type: "bank-statement",
      key: `originals/${this.programmeId}/${s.kommunkod}/${s.id}/${id}`,
      status: "requested",
      revision: 1,
      maxBytes: 0,
      createdAt: this.at(),
    };
  }

  async approved(opts: Parameters<Scene["draft"]>[0] = {}) {
    const { submission } = await this.received(opts);
    await this.officer.decide(this.decision(submission, "approve"));
    return this.read(submission.id);
  }

  async returned(opts: Parameters<Scene["draft"]>[0] & { request?: boolean } = {}) {
    const { submission, slot } = await this.received(opts);
    const request = opts.request ? this.requested(submission) : undefined;
    await this.officer.decide(this.decision(submission, "return", request ? { request } : {}));
    return { submission: await this.read(submission.id), slot, request };
  }

  /** approved → payment-proposed: OFFICER proposes `amount`. */
  proposal(s: Submission, amount = s.amount): PaymentProposalWrite {
    const at = this.at();
    const paymentProposal = {
      id: randomUUID(),
      paidOn: "2022-06-01",
      amount,
      proposedBy: OFFICER,
      proposedAt: at,
    };
    return {
      change: { transition: transition(s, "propose-payment", at), set: { paymentProposal } },
      audit: this.audit("payment.proposed", s.id),
    };
  }

  /** payment-proposed → paid: ATTESTANT attests the proposal `s` was read with. */
  payment(s: Submission): PaymentWrite {
    const at = this.at();
    const p = must(s.paymentProposal, "payment proposal");
    const payment = {
      paidOn: p.paidOn,
      amount: p.amount,
      proposalId: p.id,
      proposedBy: p.proposedBy,
      proposedAt: p.proposedAt,
      attestedBy: ATTESTANT,
      attestedAt: at,
    };
    return {
      change: {
        transition: transition(s, "attest-payment", at),
        set: { payment },
        remove: ["paymentProposal"],
      },
      programmeId: this.programmeId,
      kommunkod: s.kommunkod,
      payment,
      audit: this.audit("payment.attested", s.id),
      mails: [mail()],
    };
  }

  async proposed(opts: Parameters<Scene["draft"]>[0] = {}, amount?: number) {
    const s = await this.approved(opts);
    await this.officer.proposePayment(this.proposal(s, amount));
    return this.read(s.id);
  }

  async paid(opts: Parameters<Scene["draft"]>[0] = {}, amount?: number) {
    const s = await this.proposed(opts, amount);
    await this.officer.attestPayment(this.payment(s));
    return this.read(s.id);
  }

  async report(paid: number, unspent: number, kommunkod = LUND) {
    const input = this.draft({ kind: "report", amount: paid, unspent, kommunkod });
    await this.submissions.createReport({ ...input, paid, repaymentDue: unspent });
    return input.submission;
  }

  replacement(
    old: Submission,
    amount: number,
    opts: { voided?: AttachmentTransition[]; afterLapse?: boolean; unspent?: number } = {},
  ): ReplacementWrite {
    const input = this.draft({
      kind: old.kind,
      ...(old.grantKind ? { grantKind: old.grantKind } : {}),
      amount,
      ...(opts.unspent !== undefined ? { unspent: opts.unspent } : {}),
      replaces: old,
    });
    return {
      ...input,
      replaced: old,
      replacement: {
        transition: transition(old, "correct", input.submission.createdAt),
        set: { replacedBy: input.submission.id },
      },
      voided: opts.voided ?? [],
      afterLapse: opts.afterLapse ?? false,
    };
  }

  wholeLapse(kommunkod = LUND): LapseMark {
    return {
      programmeId: this.programmeId,
      kommunkod,
      allocated: ALLOCATED,
      modelExtra: MODEL_EXTRA,
      lapsedAmount: ALLOCATED + MODEL_EXTRA,
      whole: true,
      extra: true,
      requisitioned: 0,
      modelExtraRequisitioned: 0,
      at: this.at(),
    };
  }

  partialLapse(row: AllocationState): LapseMark {
    return {
      programmeId: this.programmeId,
      kommunkod: row.kommunkod,
      allocated: ALLOCATED,
      modelExtra: MODEL_EXTRA,
      lapsedAmount: ALLOCATED - row.requisitioned + MODEL_EXTRA - row.modelExtraRequisitioned,
      whole: false,
      extra: !row.extraRequisitionId,
      requisitioned: row.requisitioned,
      modelExtraRequisitioned: row.modelExtraRequisitioned,
      at: this.at(),
    };
  }

  marked(kommunkod: string, offset: number, mailId: string = randomUUID()): MarkedMail {
    const at = this.at();
    return {
      record: { programmeId: this.programmeId, kommunkod, kind: "requisition", offset, at, mailId },
      mail: { ...mail(), id: mailId },
    };
  }

  /**
   * Everything a write could touch, for "writes nothing": the submissions with their attachments
   * and audit trail, and the ledger. Mail is checked by id where a test holds one.
   */
  async state(...ids: string[]) {
    const details = await Promise.all(ids.map((id) => this.submissions.getSubmissionDetail(id)));
    return {
      details: details.map((d) =>
        d ? { submission: d.submission, attachments: byId(d.attachments), audit: d.audit.length } : undefined,
      ),
      ledger: [...(await this.officer.listLedger(this.programmeId))].sort((a, b) =>
        a.kommunkod.localeCompare(b.kommunkod),
      ),
    };
  }
}

const settled = <T>(outcomes: PromiseSettledResult<T>[]) => ({
  fulfilled: outcomes.filter((o): o is PromiseFulfilledResult<T> => o.status === "fulfilled"),
  rejected: outcomes.filter((o): o is PromiseRejectedResult => o.status === "rejected"),
});

/** The error a call ends with (undefined if it succeeded), caught at once so none is left unhandled. */
const caught = (p: Promise<unknown>): Promise<unknown> =>
  p.then(
    () => undefined,
    (error: unknown) => error,
  );

export function storeContract(label: string, make: MakeStores, options: ContractOptions = {}): void {
  const known = options.knownBugs ?? {};
  const it = (name: string, fn: () => Promise<void>) => (name in known ? test.fails : test)(name, fn);
  /** Each test's own programme, published as version 1: every submission write requires its version. */
  const scene = async () => {
    const programmeId = `contract-${randomUUID()}`;
    const sc = new Scene(programmeId, await make([programmeId]));
    const published = await sc.stores.programmes.publish({
      programme: { ...requireSeed("skr-aldreomsorg-2022"), id: programmeId },
      version: 1,
      publishedAt: sc.at(),
      audit: sc.audit("programme.published"),
      ledger: [],
    });
    if (!published) throw new Error("test setup: the scene's programme was not published");
    return sc;
  };

  describe(`store contract (${label}): createRequisition`, () => {
    it("writes the submission, its first slot, its audit and mail, and reserves the amount on a new ledger row", async () => {
      // Prepare
      const sc = await scene();
      const input = sc.draft({ amount: 400_000 });
      // Act
      await sc.submissions.createRequisition(input);
      // Assess
      const detail = must(await sc.submissions.getSubmissionDetail(input.submission.id), "detail");
      expect(detail.submission).toEqual(input.submission);
      expect(detail.attachments).toEqual([expect.objectContaining(input.attachment)]);
      expect(detail.audit).toEqual([input.audit]);
      expect(await sc.submissions.getAttachment(input.submission.id, input.attachment.id)).toMatchObject(
        input.attachment,
      );
      expect(await sc.mailWritten(must(input.mails[0], "mail").id)).toBe(true);
      expect(await sc.row()).toMatchObject({
        programmeId: sc.programmeId,
        kommunkod: LUND,
        allocated: ALLOCATED,
        requisitioned: 400_000,
        remaining: ALLOCATED - 400_000,
        modelExtra: MODEL_EXTRA,
        modelExtraRequisitioned: 0,
        baseRequisitionId: input.submission.id,
        lapsed: false,
      });
      expect((await sc.submissions.listAllocationsOf(LUND)).map((r) => r.programmeId)).toContain(
        sc.programmeId,
      );
    });

    it("refuses a second requisition of the own share (ALREADY_REQUISITIONED) and writes none of it", async () => {
      // Prepare
      const sc = await scene();
      const first = await sc.requisition();
      const second = sc.draft();
      const before = await sc.state(first.submission.id);
      // Act
      const writing = sc.submissions.createRequisition(second);
      // Assess
      await expect(writing).rejects.toMatchObject({ code: "ALREADY_REQUISITIONED" });
      expect(await sc.submissions.getSubmission(second.submission.id)).toBeUndefined();
      expect(await sc.mailWritten(must(second.mails[0], "mail").id)).toBe(false);
      expect(await sc.state(first.submission.id)).toEqual(before);
    });

    it("refuses more than remains of the allocation (ALLOCATION_EXCEEDED)", async () => {
      // Prepare: a refusal gave 400 000 back, so the row exists with all of it remaining.
      const sc = await scene();
      const { submission } = await sc.received();
      await sc.officer.decide(sc.decision(submission, "refuse", { release: sc.release(submission) }));
      const tooMuch = sc.draft({ amount: ALLOCATED + 1 });
      // Act
      const writing = sc.submissions.createRequisition(tooMuch);
      // Assess
      await expect(writing).rejects.toMatchObject({ code: "ALLOCATION_EXCEEDED" });
      expect(await sc.submissions.getSubmission(tooMuch.submission.id)).toBeUndefined();
      expect(await sc.row()).toMatchObject({ requisitioned: 0, remaining: ALLOCATED });
    });

    it("refuses more than the allocation on the ledger row's first use", async () => {
      // Prepare
      const sc = await scene();
      const tooMuch = sc.draft({ amount: ALLOCATED + 1 });
      // Act
      const writing = sc.submissions.createRequisition(tooMuch);
      // Assess
      await expect(writing).rejects.toMatchObject({ code: "ALLOCATION_EXCEEDED" });
      expect(await sc.submissions.getSubmission(tooMuch.submission.id)).toBeUndefined();
    });

    it("refuses a requisition once the right has lapsed (DEADLINE_PASSED)", async () => {
      // Prepare
      const sc = await scene();
      expect(await sc.deadlines.markLapses([sc.wholeLapse()])).toBe(1);
      const late = sc.draft();
      // Act
      const writing = sc.submissions.createRequisition(late);
      // Assess
      await expect(writing).rejects.toMatchObject({ code: "DEADLINE_PASSED" });
      expect(await sc.submissions.getSubmission(late.submission.id)).toBeUndefined();
    });

    it("takes the model extra only after the own share (BASE_REQUISITION_REQUIRED), on its own reservation, once", async () => {
      // Prepare
      const sc = await scene();
      const early = sc.draft({ grantKind: "model-extra", amount: 300_000 });
      // Act
      const before = await caught(sc.submissions.createRequisition(early));
      const own = await sc.requisition({ amount: 400_000 });
      const extra = await sc.requisition({ grantKind: "model-extra", amount: 300_000 });
      const twice = sc.submissions.createRequisition(sc.draft({ grantKind: "model-extra", amount: 1 }));
      // Assess
      expect(before).toMatchObject({ code: "BASE_REQUISITION_REQUIRED" });
      await expect(twice).rejects.toMatchObject({ code: "ALREADY_REQUISITIONED" });
      expect(await sc.row()).toMatchObject({
        baseRequisitionId: own.submission.id,
        requisitioned: 400_000,
        extraRequisitionId: extra.submission.id,
        modelExtraRequisitioned: 300_000,
        modelExtraRemaining: MODEL_EXTRA - 300_000,
      });
    });

    it("refuses a model extra above what remains of it (ALLOCATION_EXCEEDED)", async () => {
      // Prepare
      const sc = await scene();
      await sc.requisition();
      const first = await sc.received({ grantKind: "model-extra", amount: 300_000 });
      await sc.officer.decide(
        sc.decision(first.submission, "refuse", { release: sc.release(first.submission) }),
      );
      // Act
      const writing = sc.submissions.createRequisition(
        sc.draft({ grantKind: "model-extra", amount: MODEL_EXTRA + 1 }),
      );
      // Assess
      await expect(writing).rejects.toMatchObject({ code: "ALLOCATION_EXCEEDED" });
      expect(await sc.row()).toMatchObject({ modelExtraRequisitioned: 0, modelExtraRemaining: MODEL_EXTRA });
    });

    it("answers a reused Idempotency-Key with the first submission (IdempotentReplay) and writes nothing new", async () => {
      // Prepare
      const sc = await scene();
      const first = await sc.requisition({ idempotencyKey: "retry-1" });
      const again = sc.draft({ idempotencyKey: "retry-1", kommunkod: LUND });
      // Act
      const replay = await caught(sc.submissions.createRequisition(again));
      // Assess
      expect(replay).toBeInstanceOf(IdempotentReplay);
      expect(replay).toMatchObject({
        submissionId: first.submission.id,
        requestHash: `hash-of-${first.submission.id}`,
      });
      expect(await sc.submissions.findIdempotency(LUND, "retry-1")).toMatchObject({
        submissionId: first.submission.id,
      });
      expect(await sc.submissions.getSubmission(again.submission.id)).toBeUndefined();
      expect(await sc.row()).toMatchObject({ requisitioned: 400_000 });
    });

    it("two requisitions of the own share at once: exactly one is written, and the row names it", async () => {
      // Prepare
      const sc = await scene();
      const a = sc.draft({ amount: 300_000 });
      const b = sc.draft({ amount: 350_000 });
      // Act
      const { fulfilled, rejected } = settled(
        await Promise.allSettled([sc.submissions.createRequisition(a), sc.submissions.createRequisition(b)]),
      );
      // Assess
      expect(fulfilled).toHaveLength(1);
      expect(rejected.map((r) => r.reason)).toEqual([
        expect.objectContaining({ code: "ALREADY_REQUISITIONED" }),
      ]);
      const row = await sc.row();
      const winner = row.baseRequisitionId === a.submission.id ? a : b;
      const loser = winner === a ? b : a;
      expect(row).toMatchObject({
        requisitioned: winner.submission.amount,
        remaining: ALLOCATED - winner.submission.amount,
      });
      expect(await sc.submissions.getSubmission(loser.submission.id)).toBeUndefined();
    });

    it("writes nothing when one of its mails already exists", async () => {
      // Prepare
      const sc = await scene();
      const first = await sc.requisition({ kommunkod: MALMO });
      const clash = sc.draft();
      clash.mails = [{ ...mail(), id: must(first.input.mails[0], "mail").id }];
      // Act
      const writing = sc.submissions.createRequisition(clash);
      // Assess
      await expect(writing).rejects.toBeDefined();
      expect(await sc.submissions.getSubmission(clash.submission.id)).toBeUndefined();
      expect(await sc.submissions.getAllocation(sc.programmeId, LUND)).toBeUndefined();
    });
  });

  describe(`store contract (${label}): the mail the stores write`, () => {
    it("is the outbox's to send: a submission's mail at once, pending, a reminder's whenever it is asked", async () => {
      // Prepare
      const sc = await scene();
      const { input } = await sc.requisition();
      const reminder = sc.marked(LUND, 30);
      // Act
      await sc.deadlines.sendOnce([reminder]);
      // Assess
      const registered = must(input.mails[0], "mail");
      expect(await sc.stores.outbox.getMail(registered.id)).toMatchObject({
        ...registered,
        status: "pending",
        attempts: 0,
      });
      const due = (await sc.stores.outbox.dueMails(input.submission.createdAt, 1000)).map((m) => m.id);
      expect(due).toEqual(expect.arrayContaining([registered.id, reminder.mail.id]));
      expect(await sc.stores.outbox.claim(registered.id, input.submission.createdAt, sc.at())).toBe(true);
    });
  });

  describe(`store contract (${label}): reading`, () => {
    it("finds nothing under a foreign id, and reads only ids it could have minted", async () => {
      // Prepare
      const sc = await scene();
      const { submission, slot } = await sc.requisition();
      const odd = sc.draft({ id: "r1", kommunkod: MALMO });
      await sc.submissions.createRequisition(odd);
      // Act
      const reads = await Promise.all([
        sc.submissions.getSubmission(randomUUID()),
        sc.submissions.getSubmissionDetail(randomUUID()),
        sc.submissions.getAttachment(submission.id, randomUUID()),
        sc.submissions.getAttachment(randomUUID(), slot.id),
        sc.submissions.getSubmission("../SUB"),
        sc.submissions.getSubmission("r1"),
        sc.submissions.getSubmissionDetail("r1"),
        sc.submissions.getAttachment("r1", odd.attachment.id),
      ]);
      // Assess
      expect(reads).toEqual(reads.map(() => undefined));
    });

    it("lists a municipality's submissions, one programme's, by status, and every programme's, oldest first", async () => {
      // Prepare
      const sc = await scene();
      const lund = await sc.received();
      const malmo = await sc.requisition({ kommunkod: MALMO });
      const lundExtra = await sc.requisition({ grantKind: "model-extra", amount: 100_000 });
      const ids = (list: Submission[]) => list.map((s) => s.id);
      // Act
      const [ofLund, receivedOfLund, ofProgramme, awaiting, everyone, ofOther] = await Promise.all([
        sc.submissions.listSubmissions({ kommunkod: LUND, programmeId: sc.programmeId }),
        sc.submissions.listSubmissions({ kommunkod: LUND, programmeId: sc.programmeId, status: "received" }),
        sc.submissions.listSubmissions({ programmeId: sc.programmeId }),
        sc.submissions.listSubmissions({ programmeId: sc.programmeId, status: "awaiting-original" }),
        sc.submissions.listSubmissions({}),
        sc.submissions.listSubmissions({ programmeId: `contract-${randomUUID()}` }),
      ]);
      // Assess
      expect(ids(ofLund)).toEqual([lund.submission.id, lundExtra.submission.id]);
      expect(ids(receivedOfLund)).toEqual([lund.submission.id]);
      expect(ids(ofProgramme)).toEqual([lund.submission.id, malmo.submission.id, lundExtra.submission.id]);
      expect(ids(awaiting)).toEqual([malmo.submission.id, lundExtra.submission.id]);
      expect(ids(everyone)).toEqual(ids(ofProgramme));
      expect(ofOther).toEqual([]);
      expect(ofProgramme[0]).toEqual(lund.submission);
    });

    it("pages an officer's list by status, then time, covering every submission once", async () => {
      // Prepare
      const sc = await scene();
      const a = (await sc.received()).submission;
      const b = (await sc.requisition({ kommunkod: MALMO })).submission;
      const c = (await sc.requisition({ grantKind: "model-extra", amount: 1 })).submission;
      const d = (await sc.received({ kommunkod: MALMO, grantKind: "model-extra", amount: 1 })).submission;
      // Act
      const pages: string[][] = [];
      let cursor: string | undefined;
      do {
        const page = await sc.officer.listProgrammeSubmissions({
          programmeId: sc.programmeId,
          limit: 3,
          ...(cursor ? { cursor } : {}),
        });
        pages.push(page.submissions.map((s) => s.id));
        cursor = page.nextCursor;
      } while (cursor && pages.length < 10);
      // Assess
      expect(pages.flat()).toEqual([b.id, c.id, a.id, d.id]);
      expect(pages.length).toBeLessThanOrEqual(2);
    });

    it("filters an officer's list by status, kind and municipality; one municipality's comes in time order", async () => {
      // Prepare
      const sc = await scene();
      const lundOwn = (await sc.received()).submission;
      const lundExtra = (await sc.requisition({ grantKind: "model-extra", amount: 1 })).submission;
      const malmo = (await sc.requisition({ kommunkod: MALMO })).submission;
      const list = (q: Partial<Parameters<OfficerStore["listProgrammeSubmissions"]>[0]>) =>
        sc.officer
          .listProgrammeSubmissions({ programmeId: sc.programmeId, limit: 50, ...q })
          .then((p) => p.submissions.map((s) => s.id));
      // Act
      const [waiting, ofLund, lundWaiting, reports] = await Promise.all([
        list({ status: "awaiting-original" }),
        list({ kommunkod: LUND }),
        list({ kommunkod: LUND, status: "awaiting-original" }),
        list({ kind: "report" }),
      ]);
      // Assess
      expect(waiting).toEqual([lundExtra.id, malmo.id]);
      expect(ofLund).toEqual([lundOwn.id, lundExtra.id]);
      expect(lundWaiting).toEqual([lundExtra.id]);
      expect(reports).toEqual([]);
    });
  });

  describe(`store contract (${label}): createReport`, () => {
    it("needs the own share requisitioned (REQUISITION_REQUIRED)", async () => {
      // Prepare
      const sc = await scene();
      const input = sc.draft({ kind: "report", amount: 0, unspent: 0 });
      // Act
      const writing = sc.submissions.createReport({ ...input, paid: 0, repaymentDue: 0 });
      // Assess
      await expect(writing).rejects.toMatchObject({ code: "REQUISITION_REQUIRED" });
      expect(await sc.submissions.getSubmission(input.submission.id)).toBeUndefined();
    });

    it("is reconciled with the payments on record as they were read: a stale sum is LEDGER_CHANGED, nothing written", async () => {
      // Prepare
      const sc = await scene();
      await sc.paid({ amount: 400_000 });
      const stale = sc.draft({ kind: "report", amount: 300_000, unspent: 0 });
      const before = await sc.state();
      // Act
      const writing = sc.submissions.createReport({ ...stale, paid: 300_000, repaymentDue: 0 });
      // Assess
      await expect(writing).rejects.toMatchObject({ code: "LEDGER_CHANGED" });
      expect(await sc.submissions.getSubmission(stale.submission.id)).toBeUndefined();
      expect(await sc.mailWritten(must(stale.mails[0], "mail").id)).toBe(false);
      expect(await sc.state()).toEqual(before);
    });

    it("before any payment is recorded, even a report of 0 kr paid is LEDGER_CHANGED", async () => {
      // Prepare
      const sc = await scene();
      await sc.requisition();
      const input = sc.draft({ kind: "report", amount: 0, unspent: 0 });
      // Act
      const writing = sc.submissions.createReport({ ...input, paid: 0, repaymentDue: 0 });
      // Assess
      await expect(writing).rejects.toMatchObject({ code: "LEDGER_CHANGED" });
      expect((await sc.row()).reportId).toBeUndefined();
    });

    it("records the report and what is due on the ledger, once (ALREADY_REPORTED)", async () => {
      // Prepare
      const sc = await scene();
      await sc.paid({ amount: 400_000 });
      // Act
      const report = await sc.report(400_000, 50_000);
      const again = sc.report(400_000, 0);
      // Assess
      await expect(again).rejects.toMatchObject({ code: "ALREADY_REPORTED" });
      expect(await sc.row()).toMatchObject({ reportId: report.id, repaymentDue: 50_000, paid: 400_000 });
      expect(await sc.read(report.id)).toEqual(report);
    });
  });

  describe(`store contract (${label}): grantSlot`, () => {
    function newOriginalSlot(sc: Scene, s: Submission, voided: Attachment[]): SlotWrite {
      const at = sc.at();
      const id = randomUUID();
      return {
        attachment: {
          submissionId: s.id,
          id,
          type: "original",
          key: `originals/${sc.programmeId}/${s.kommunkod}/${s.id}/${id}`,
          status: "pending",
          revision: 1,
          maxBytes: 1000,
          createdAt: at,
        },
        submission: { transition: transition(s, "new-original-slot", at), set: { originalSlot: id } },
        voided: voided.map((a) => attachmentTransition(a, "void", at)),
        audit: sc.audit("upload.requested", s.id),
      };
    }

    it("puts the new slot, voids the older one and moves the submission, all at once", async () => {
      // Prepare
      const sc = await scene();
      const { submission, slot } = await sc.requisition();
      const write = newOriginalSlot(sc, submission, [slot]);
      // Act
      await sc.submissions.grantSlot(write);
      // Assess
      const detail = must(await sc.submissions.getSubmissionDetail(submission.id), "detail");
      expect(detail.submission).toMatchObject({
        status: "awaiting-original",
        revision: 2,
        originalSlot: write.attachment.id,
      });
      const withId = (id: string) => detail.attachments.find((a) => a.id === id);
      expect(detail.attachments).toHaveLength(2);
      expect(withId(slot.id)).toMatchObject({ status: "void", revision: 2 });
      expect(withId(write.attachment.id)).toMatchObject(write.attachment);
      expect(detail.audit).toHaveLength(2);
    });

    it("a slot computed from a stale read (same state, older revision) fails with SUBMISSION_CHANGED and writes nothing", async () => {
      // Prepare
      const sc = await scene();
      const { submission, slot } = await sc.requisition();
      const first = newOriginalSlot(sc, submission, [slot]);
      const stale = newOriginalSlot(sc, submission, []);
      await sc.submissions.grantSlot(first);
      const before = await sc.state(submission.id);
      // Act
      const writing = sc.submissions.grantSlot(stale);
      // Assess
      await expect(writing).rejects.toMatchObject({ code: "SUBMISSION_CHANGED" });
      expect(await sc.submissions.getAttachment(submission.id, stale.attachment.id)).toBeUndefined();
      expect(await sc.state(submission.id)).toEqual(before);
    });

    it("fails with SUBMISSION_CHANGED when a slot it voids has moved meanwhile", async () => {
      // Prepare
      const sc = await scene();
      const { submission, slot } = await sc.requisition();
      const settle: SettleWrite = {
        attachment: attachmentTransition(slot, "refuse", sc.at()),
        found: {
          refusal: { code: "FILE_EMPTY", message: { sv: "filen är tom.", en: "the file is empty." } },
        },
        submission: { transition: transition(submission, "refuse-original", sc.at()) },
        audit: sc.audit("original.refused", submission.id),
        mails: [],
      };
      const stale = newOriginalSlot(sc, submission, [slot]);
      expect(await sc.submissions.settle(settle)).toBe(true);
      const moved = await sc.read(submission.id);
      const before = await sc.state(submission.id);
      // Act: the submission is re-read, but the slot to void is the stale one.
      const write = newOriginalSlot(sc, moved, []);
      write.voided = stale.voided;
      const writing = sc.submissions.grantSlot(write);
      // Assess
      await expect(writing).rejects.toMatchObject({ code: "SUBMISSION_CHANGED" });
      expect(await sc.state(submission.id)).toEqual(before);
    });

    it("refuses to put a slot under an id that exists", async () => {
      // Prepare
      const sc = await scene();
      const { submission, slot } = await sc.requisition();
      const write = newOriginalSlot(sc, submission, []);
      write.attachment = { ...write.attachment, id: slot.id };
      const before = await sc.state(submission.id);
      // Act
      const writing = sc.submissions.grantSlot(write);
      // Assess
      await expect(writing).rejects.toMatchObject({ code: "SUBMISSION_CHANGED" });
      expect(await sc.state(submission.id)).toEqual(before);
    });

    /** The municipality's slot for the officer's request, on the submission as read. */
    function grant(
      sc: Scene,
      placeholder: Attachment,
      s: Pick<Submission, "id" | "status" | "revision">,
    ): SlotWrite {
      return {
        attachment: { ...placeholder, maxBytes: 1000, status: "pending" },
        granted: attachmentTransition(placeholder, "grant-slot", sc.at()),
        submission: { id: s.id, status: s.status, revision: s.revision },
        voided: [],
        audit: sc.audit("upload.requested", s.id),
      };
    }

    it("turns an officer's request into the slot, once", async () => {
      // Prepare
      const sc = await scene();
      const { submission, request } = await sc.returned({ request: true });
      const placeholder = must(request, "request");
      const first = grant(sc, placeholder, submission);
      const second = grant(sc, placeholder, submission);
      // Act
      await sc.submissions.grantSlot(first);
      const again = sc.submissions.grantSlot(second);
      // Assess
      await expect(again).rejects.toMatchObject({ code: "SUBMISSION_CHANGED" });
      expect(await sc.submissions.getAttachment(submission.id, placeholder.id)).toMatchObject({
        status: "pending",
        revision: 2,
        maxBytes: 1000,
        key: placeholder.key,
      });
      expect(await sc.read(submission.id)).toEqual(submission);
    });

    it("grants a requested slot only while the submission is where it was read", async () => {
      // Prepare
      const sc = await scene();
      const { submission, request } = await sc.returned({ request: true });
      const placeholder = must(request, "request");
      const stale = grant(sc, placeholder, { ...submission, revision: submission.revision - 1 });
      const before = await sc.state(submission.id);
      // Act
      const writing = sc.submissions.grantSlot(stale);
      // Assess
      await expect(writing).rejects.toMatchObject({ code: "SUBMISSION_CHANGED" });
      expect(await sc.state(submission.id)).toEqual(before);
    });

    it("two new slots computed from the same read at once: exactly one is written", async () => {
      // Prepare
      const sc = await scene();
      const { submission, slot } = await sc.requisition();
      const a = newOriginalSlot(sc, submission, [slot]);
      const b = newOriginalSlot(sc, submission, [slot]);
      // Act
      const { fulfilled, rejected } = settled(
        await Promise.allSettled([sc.submissions.grantSlot(a), sc.submissions.grantSlot(b)]),
      );
      // Assess
      expect(fulfilled).toHaveLength(1);
      expect(rejected).toHaveLength(1);
      const after = await sc.read(submission.id);
      expect(after.revision).toBe(2);
      const written = [a, b].filter((w) => w.attachment.id === after.originalSlot);
      expect(written).toHaveLength(1);
      const loser = a === written[0] ? b : a;
      expect(await sc.submissions.getAttachment(submission.id, loser.attachment.id)).toBeUndefined();
    });
  });

  describe(`store contract (${label}): settle and recordVerdict`, () => {
    it("settles the original: attachment accepted with what was found, submission received, audit and mail", async () => {
      // Prepare
      const sc = await scene();
      const { submission, slot } = await sc.requisition();
      const write = sc.acceptOriginal(submission, slot);
      // Act
      const ok = await sc.submissions.settle(write);
      // Assess
      expect(ok).toBe(true);
      expect(await sc.submissions.getAttachment(submission.id, slot.id)).toMatchObject({
        ...write.found,
        status: "accepted",
        revision: 2,
      });
      expect(await sc.read(submission.id)).toMatchObject({
        status: "received",
        revision: 2,
        original: { attachmentId: slot.id, sha256: write.found.sha256 },
      });
      expect(await sc.mailWritten(must(write.mails[0], "mail").id)).toBe(true);
    });

    it("settles once: a second settlement from the same read answers false and writes nothing", async () => {
      // Prepare
      const sc = await scene();
      const { submission, slot } = await sc.requisition();
      const first = sc.acceptOriginal(submission, slot);
      const second = sc.acceptOriginal(submission, slot);
      await sc.submissions.settle(first);
      const before = await sc.state(submission.id);
      // Act
      const ok = await sc.submissions.settle(second);
      // Assess
      expect(ok).toBe(false);
      expect(await sc.state(submission.id)).toEqual(before);
      expect(await sc.mailWritten(must(second.mails[0], "mail").id)).toBe(false);
    });

    it("a file other than the original settles only while its submission is where it was read", async () => {
      // Prepare
      const sc = await scene();
      const { submission, request } = await sc.returned({ request: true });
      const placeholder = must(request, "request");
      await sc.submissions.grantSlot({
        attachment: { ...placeholder, maxBytes: 1000, status: "pending" },
        granted: attachmentTransition(placeholder, "grant-slot", sc.at()),
        submission: { id: submission.id, status: submission.status, revision: submission.revision },
        voided: [],
        audit: sc.audit("upload.requested", submission.id),
      });
      const pending = must(await sc.submissions.getAttachment(submission.id, placeholder.id), "slot");
      const accept = (revision: number): SettleWrite => ({
        attachment: attachmentTransition(pending, "accept", sc.at()),
        found: { sha256: "cd".repeat(32), size: 10 },
        submission: { id: submission.id, status: "returned", revision },
        audit: sc.audit("attachment.accepted", submission.id),
        mails: [],
      });
      // Act
      const stale = await sc.submissions.settle(accept(submission.revision - 1));
      const current = await sc.submissions.settle(accept(submission.revision));
      // Assess
      expect(stale).toBe(false);
      expect(current).toBe(true);
      expect(await sc.read(submission.id)).toEqual(submission);
      expect((await sc.submissions.getAttachment(submission.id, placeholder.id))?.status).toBe("accepted");
    });

    it("writes nothing when the settlement's mail exists already", async () => {
      // Prepare
      const sc = await scene();
      const { submission, slot, input } = await sc.requisition();
      const write = sc.acceptOriginal(submission, slot);
      write.mails = [{ ...mail(), id: must(input.mails[0], "mail").id }];
      const before = await sc.state(submission.id);
      // Act
      const ok = await sc.submissions.settle(write);
      // Assess
      expect(ok).toBe(false);
      expect(await sc.state(submission.id)).toEqual(before);
    });

    it("keeps a verdict only on a pending attachment of the revision read, and only the first", async () => {
      // Prepare
      const sc = await scene();
      const { submission, slot } = await sc.requisition();
      const clean: ScanVerdict = { result: "NO_THREATS_FOUND", object: { etag: "e1" }, at: sc.at() };
      const infected: ScanVerdict = { result: "THREATS_FOUND", object: { etag: "e1" }, at: sc.at() };
      // Act
      const first = await sc.submissions.recordVerdict(slot, clean);
      const second = await sc.submissions.recordVerdict(slot, infected);
      const staleRevision = await sc.submissions.recordVerdict({ ...slot, revision: 7 }, infected);
      const unknown = await sc.submissions.recordVerdict({ ...slot, id: randomUUID() }, infected);
      // Assess
      expect([first, second, staleRevision, unknown]).toEqual([true, false, false, false]);
      expect(await sc.submissions.getAttachment(submission.id, slot.id)).toMatchObject({
        status: "pending",
        scan: clean,
      });
    });

    it("keeps no verdict on an attachment that is no longer pending", async () => {
      // Prepare
      const sc = await scene();
      const { submission, slot } = await sc.received();
      const verdict: ScanVerdict = { result: "NO_THREATS_FOUND", object: { etag: "e1" }, at: sc.at() };
      // Act
      const kept = await sc.submissions.recordVerdict(slot, verdict);
      const keptOnAccepted = await sc.submissions.recordVerdict(
        must(await sc.submissions.getAttachment(submission.id, slot.id), "slot"),
        verdict,
      );
      // Assess
      expect([kept, keptOnAccepted]).toEqual([false, false]);
      expect((await sc.submissions.getAttachment(submission.id, slot.id))?.scan).toBeUndefined();
    });
  });

  describe(`store contract (${label}): a closed programme`, () => {
    it("refuses a requisition and a correction in the same write as the closing's version, not a cached copy's", async () => {
      // Prepare: a returned requisition, then the programme closed
      const sc = await scene();
      const { submission: old } = await sc.returned({ amount: 400_000 });
      const closed = {
        ...requireSeed("skr-aldreomsorg-2022"),
        id: sc.programmeId,
        closed: { on: "2022-06-01", reason: "Upphävd." },
      };
      const audit = sc.audit("programme.closed");
      expect(
        await sc.stores.programmes.publish({ programme: closed, version: 2, publishedAt: sc.at(), audit }),
      ).toBe(true);
      // Act
      const [requisition, correction] = await Promise.allSettled([
        sc.submissions.createRequisition(sc.draft({ kommunkod: MALMO })),
        sc.submissions.replaceSubmission(sc.replacement(old, 300_000)),
      ]);
      // Assess
      for (const refused of [requisition, correction]) {
        expect(refused.status).toBe("rejected");
        expect(refused.status === "rejected" && refused.reason).toMatchObject({ code: "PROGRAMME_CLOSED" });
      }
      expect(await sc.submissions.getAllocation(sc.programmeId, MALMO)).toBeUndefined();
      expect((await sc.read(old.id)).status).toBe("returned");
    });
  });

  describe(`store contract (${label}): a programme's version`, () => {
    /** The seed's terms under the scene's id, published as `version`, with ledger rows moved as `ledger` says. */
    const publish = (sc: Scene, version: number, ledger: PublishWrite["ledger"] = []) =>
      sc.stores.programmes.publish({
        programme: { ...requireSeed("skr-aldreomsorg-2022"), id: sc.programmeId },
        version,
        publishedAt: sc.at(),
        audit: sc.audit("programme.published"),
        ledger,
      });

    it("refuses a requisition and a correction validated against an older version (PROGRAMME_CHANGED), takes one of the current", async () => {
      // Prepare: a returned requisition under version 1, then version 2
      const sc = await scene();
      const { submission: old } = await sc.returned({ amount: 400_000 });
      expect(await publish(sc, 2)).toBe(true);
      // Act
      const [requisition, correction] = await Promise.allSettled([
        sc.submissions.createRequisition({ ...sc.draft({ kommunkod: MALMO }), programmeVersion: 1 }),
        sc.submissions.replaceSubmission({ ...sc.replacement(old, 300_000), programmeVersion: 1 }),
      ]);
      await sc.submissions.createRequisition({ ...sc.draft({ kommunkod: MALMO }), programmeVersion: 2 });
      // Assess
      for (const refused of [requisition, correction]) {
        expect(refused.status).toBe("rejected");
        expect(refused.status === "rejected" && refused.reason).toMatchObject({ code: "PROGRAMME_CHANGED" });
      }
      expect((await sc.read(old.id)).status).toBe("returned");
      expect(await sc.row(MALMO)).toMatchObject({ requisitioned: 400_000 });
    });

    it("keeps every published version as it was", async () => {
      // Prepare: version 1 from the scene, version 2 with a new title
      const sc = await scene();
      const seed = requireSeed("skr-aldreomsorg-2022");
      await sc.stores.programmes.publish({
        programme: { ...seed, id: sc.programmeId, title: "Rättad titel" },
        version: 2,
        publishedAt: sc.at(),
        audit: sc.audit("programme.corrected"),
      });
      // Act
      const [first, second, none] = await Promise.all(
        [1, 2, 3].map((v) => sc.stores.programmes.getVersion(sc.programmeId, v)),
      );
      // Assess
      expect(first).toMatchObject({ version: 1, programme: { title: seed.title } });
      expect(second).toMatchObject({ version: 2, programme: { title: "Rättad titel" } });
      expect(none).toBeUndefined();
    });

    it("moves a corrected allocation's ledger row with the version, only from the row as read; an absent row must stay absent", async () => {
      // Prepare: Lund has reserved 400 000 kr of 1 000 000 kr
      const sc = await scene();
      await sc.submissions.createRequisition(sc.draft({ amount: 400_000 }));
      const asRead = {
        allocated: ALLOCATED,
        requisitioned: 400_000,
        remaining: ALLOCATED - 400_000,
        afterLapse: false,
      };
      // Act
      const stale = await publish(sc, 2, [
        {
          kommunkod: LUND,
          to: ALLOCATED + 1000,
          read: { ...asRead, requisitioned: 0, remaining: ALLOCATED },
        },
      ]);
      const absentExpected = await publish(sc, 2, [{ kommunkod: LUND, to: ALLOCATED + 1000 }]);
      const moved = await publish(sc, 2, [
        { kommunkod: LUND, to: ALLOCATED + 1000, read: asRead },
        { kommunkod: MALMO, to: 5 },
      ]);
      // Assess
      expect([stale, absentExpected, moved]).toEqual([false, false, true]);
      expect(await sc.row()).toMatchObject({
        allocated: ALLOCATED + 1000,
        requisitioned: 400_000,
        remaining: ALLOCATED - 400_000 + 1000,
      });
      expect(await sc.submissions.getAllocation(sc.programmeId, MALMO)).toBeUndefined();
    });
  });

  describe(`store contract (${label}): replaceSubmission`, () => {
    it("replaces a returned requisition: the old one points to the new, open slots void, the reservation moves", async () => {
      // Prepare
      const sc = await scene();
      const { submission: old, request } = await sc.returned({ amount: 400_000, request: true });
      const placeholder = must(request, "request");
      const write = sc.replacement(old, 600_000, {
        voided: [attachmentTransition(placeholder, "void", sc.at())],
      });
      // Act
      await sc.submissions.replaceSubmission(write);
      // Assess
      expect(await sc.read(old.id)).toMatchObject({
        status: "replaced",
        revision: old.revision + 1,
        replacedBy: write.submission.id,
      });
      expect(await sc.read(write.submission.id)).toEqual(write.submission);
      expect((await sc.submissions.getAttachment(old.id, placeholder.id))?.status).toBe("void");
      expect(await sc.row()).toMatchObject({
        baseRequisitionId: write.submission.id,
        requisitioned: 600_000,
        remaining: ALLOCATED - 600_000,
      });
      const oldAudit = must(await sc.submissions.getSubmissionDetail(old.id), "detail").audit;
      expect(oldAudit.map((e) => e.action)).toContain("submission.replaced");
      expect(await sc.mailWritten(must(write.mails[0], "mail").id)).toBe(true);
    });

    it("replaces once: a second replacement from the same read is ALREADY_REPLACED and writes nothing", async () => {
      // Prepare
      const sc = await scene();
      const { submission: old } = await sc.returned();
      const first = sc.replacement(old, 300_000);
      const second = sc.replacement(old, 200_000);
      await sc.submissions.replaceSubmission(first);
      const before = await sc.state(old.id, first.submission.id);
      // Act
      const writing = sc.submissions.replaceSubmission(second);
      // Assess
      await expect(writing).rejects.toMatchObject({ code: "ALREADY_REPLACED" });
      expect(await sc.submissions.getSubmission(second.submission.id)).toBeUndefined();
      expect(await sc.mailWritten(must(second.mails[0], "mail").id)).toBe(false);
      expect(await sc.state(old.id, first.submission.id)).toEqual(before);
    });

    it("a replacement computed before the requisition was refused is SUBMISSION_CHANGED and writes nothing", async () => {
      // Prepare
      const sc = await scene();
      const { submission: old } = await sc.returned();
      const write = sc.replacement(old, 300_000);
      await sc.officer.decide(sc.decision(old, "refuse", { release: sc.release(old) }));
      const before = await sc.state(old.id);
      // Act
      const writing = sc.submissions.replaceSubmission(write);
      // Assess
      await expect(writing).rejects.toMatchObject({ code: "SUBMISSION_CHANGED" });
      expect(await sc.submissions.getSubmission(write.submission.id)).toBeUndefined();
      expect(await sc.state(old.id)).toEqual(before);
    });

    it("is SUBMISSION_CHANGED when a slot it voids has moved, and writes nothing", async () => {
      // Prepare
      const sc = await scene();
      const { submission: old, request } = await sc.returned({ request: true });
      const placeholder = must(request, "request");
      const write = sc.replacement(old, 300_000, {
        voided: [attachmentTransition(placeholder, "void", sc.at())],
      });
      await sc.submissions.grantSlot({
        attachment: { ...placeholder, maxBytes: 1000, status: "pending" },
        granted: attachmentTransition(placeholder, "grant-slot", sc.at()),
        submission: { id: old.id, status: old.status, revision: old.revision },
        voided: [],
        audit: sc.audit("upload.requested", old.id),
      });
      const before = await sc.state(old.id);
      // Act
      const writing = sc.submissions.replaceSubmission(write);
      // Assess
      await expect(writing).rejects.toMatchObject({ code: "SUBMISSION_CHANGED" });
      expect(await sc.state(old.id)).toEqual(before);
    });

    it("is LEDGER_CHANGED when the raise exceeds what remains, and writes nothing", async () => {
      // Prepare
      const sc = await scene();
      const { submission: old } = await sc.returned({ amount: 400_000 });
      const write = sc.replacement(old, ALLOCATED + 1);
      const before = await sc.state(old.id);
      // Act
      const writing = sc.submissions.replaceSubmission(write);
      // Assess
      await expect(writing).rejects.toMatchObject({ code: "LEDGER_CHANGED" });
      expect(await sc.state(old.id)).toEqual(before);
      expect(await sc.submissions.getSubmission(write.submission.id)).toBeUndefined();
    });

    it("is LEDGER_CHANGED when the lapse it was computed with is not the row's, either way", async () => {
      // Prepare
      const sc = await scene();
      const { submission: old } = await sc.returned({ amount: 400_000 });
      const saysLapsed = sc.replacement(old, 300_000, { afterLapse: true });
      const lapses = await scene();
      const { submission: lapsedOld } = await lapses.returned({ amount: 400_000 });
      expect(await lapses.deadlines.markLapses([lapses.partialLapse(await lapses.row())])).toBe(1);
      const saysNotLapsed = lapses.replacement(lapsedOld, 300_000, { afterLapse: false });
      // Act
      const first = await caught(sc.submissions.replaceSubmission(saysLapsed));
      const second = await caught(lapses.submissions.replaceSubmission(saysNotLapsed));
      // Assess
      expect(first).toMatchObject({ code: "LEDGER_CHANGED" });
      expect(second).toMatchObject({ code: "LEDGER_CHANGED" });
      expect((await sc.read(old.id)).status).toBe("returned");
      expect((await lapses.read(lapsedOld.id)).status).toBe("returned");
    });

    it("after the lapse, what a lowering releases lapses too", async () => {
      // Prepare
      const sc = await scene();
      const { submission: old } = await sc.returned({ amount: 400_000 });
      await sc.deadlines.markLapses([sc.partialLapse(await sc.row())]);
      const marked = await sc.row();
      // Act
      await sc.submissions.replaceSubmission(sc.replacement(old, 300_000, { afterLapse: true }));
      // Assess
      expect(await sc.row()).toMatchObject({
        requisitioned: 300_000,
        remaining: ALLOCATED - 300_000,
        lapsedAmount: (marked.lapsedAmount ?? 0) + 100_000,
      });
    });

    it("is LEDGER_CHANGED when the row names another requisition", async () => {
      // Prepare
      const sc = await scene();
      const { submission: old } = await sc.returned();
      const forged = { ...old, id: randomUUID() };
      const write = sc.replacement(old, 300_000);
      write.replaced = forged;
      write.replacement = {
        ...write.replacement,
        transition: { ...write.replacement.transition, id: old.id },
      };
      // Act: the row names `old`, but the write says it replaces `forged`.
      const writing = sc.submissions.replaceSubmission(write);
      // Assess
      await expect(writing).rejects.toMatchObject({ code: "LEDGER_CHANGED" });
      expect((await sc.read(old.id)).status).toBe("returned");
    });

    it("replaces a returned model extra on the extra's reservation", async () => {
      // Prepare
      const sc = await scene();
      await sc.requisition();
      const { submission: old } = await sc.returned({ grantKind: "model-extra", amount: 300_000 });
      const write = sc.replacement(old, 200_000);
      // Act
      await sc.submissions.replaceSubmission(write);
      // Assess
      expect(await sc.row()).toMatchObject({
        requisitioned: 400_000,
        extraRequisitionId: write.submission.id,
        modelExtraRequisitioned: 200_000,
        modelExtraRemaining: MODEL_EXTRA - 200_000,
      });
    });

    it("replaces a returned report and what is due with it", async () => {
      // Prepare
      const sc = await scene();
      await sc.paid({ amount: 400_000 });
      const report = await sc.report(400_000, 50_000);
      const slot = must((await sc.submissions.getSubmissionDetail(report.id))?.attachments[0], "slot");
      expect(await sc.submissions.settle(sc.acceptOriginal(report, slot))).toBe(true);
      await sc.officer.decide(sc.decision(await sc.read(report.id), "return"));
      // The payments the correction was reconciled with, for stores that require them.
      const write: ReplacementWrite = {
        ...sc.replacement(await sc.read(report.id), 400_000, { unspent: 20_000 }),
        ...{ paid: 400_000 },
      };
      // Act
      await sc.submissions.replaceSubmission(write);
      // Assess
      expect(await sc.row()).toMatchObject({
        reportId: write.submission.id,
        repaymentDue: 20_000,
        paid: 400_000,
      });
    });

    it("refuses a corrected report that owes less than was repaid against the returned one", async () => {
      // Prepare: 30 000 kr of the 50 000 kr due repaid, then the report returned
      const sc = await scene();
      await sc.paid({ amount: 400_000 });
      const report = await sc.report(400_000, 50_000);
      const slot = must((await sc.submissions.getSubmissionDetail(report.id))?.attachments[0], "slot");
      expect(await sc.submissions.settle(sc.acceptOriginal(report, slot))).toBe(true);
      const repayment: Repayment = {
        id: "r-1",
        programmeId: sc.programmeId,
        kommunkod: LUND,
        amount: 30_000,
        date: "2022-06-01",
        status: "proposed",
        proposedBy: OFFICER,
        proposedAt: sc.at(),
      };
      await sc.officer.proposeRepayment({ repayment, audit: sc.audit("repayment") });
      await sc.officer.attestRepayment({
        repayment: { ...repayment, status: "attested", attestedBy: ATTESTANT, attestedAt: sc.at() },
        previousRepaid: 0,
        audit: sc.audit("repayment"),
      });
      await sc.officer.decide(sc.decision(await sc.read(report.id), "return"));
      const write: ReplacementWrite = {
        ...sc.replacement(await sc.read(report.id), 400_000, { unspent: 20_000 }),
        ...{ paid: 400_000 },
      };
      // Act
      const writing = sc.submissions.replaceSubmission(write);
      // Assess
      await expect(writing).rejects.toMatchObject({ code: "LEDGER_CHANGED" });
      expect(await sc.row()).toMatchObject({ reportId: report.id, repaymentDue: 50_000, repaid: 30_000 });
    });
  });

  describe(`store contract (${label}): decide`, () => {
    it("voids the open requests of a refused requisition in the refusal's write, unless one moved since the read", async () => {
      // Prepare: returned with a bank statement requested
      const sc = await scene();
      const { submission, request } = await sc.returned({ request: true });
      const placeholder = must(request, "request");
      const refusal = (at: Attachment) =>
        sc.decision(submission, "refuse", {
          release: sc.release(submission),
          voided: [attachmentTransition(at, "void", sc.at())],
        });
      const stale = refusal({ ...placeholder, revision: placeholder.revision + 1 });
      // Act
      const refusedStale = await caught(sc.officer.decide(stale));
      await sc.officer.decide(refusal(placeholder));
      // Assess
      expect(refusedStale).toMatchObject({ code: "SUBMISSION_CHANGED" });
      expect(await sc.read(submission.id)).toMatchObject({ status: "refused" });
      expect((await sc.submissions.getAttachment(submission.id, placeholder.id))?.status).toBe("void");
    });

    it("writes the decision with the transition, its audit and mail", async () => {
      // Prepare
      const sc = await scene();
      const { submission } = await sc.received();
      const write = sc.decision(submission, "approve");
      // Act
      await sc.officer.decide(write);
      // Assess
      expect(await sc.read(submission.id)).toMatchObject({
        status: "approved",
        revision: submission.revision + 1,
        updatedAt: write.change.transition.at,
        decision: write.change.set?.decision,
      });
      const detail = must(await sc.submissions.getSubmissionDetail(submission.id), "detail");
      expect(detail.audit.map((e) => e.action)).toContain("submission.approved");
      expect(await sc.mailWritten(must(write.mails[0], "mail").id)).toBe(true);
    });

    it("two decisions from the same read: the second is NOT_DECIDABLE and writes nothing", async () => {
      // Prepare
      const sc = await scene();
      const { submission } = await sc.received();
      const approve = sc.decision(submission, "approve");
      const ret = sc.decision(submission, "return", { request: sc.requested(submission) });
      await sc.officer.decide(approve);
      const before = await sc.state(submission.id);
      // Act
      const writing = sc.officer.decide(ret);
      // Assess
      await expect(writing).rejects.toMatchObject({ code: "NOT_DECIDABLE" });
      expect(await sc.state(submission.id)).toEqual(before);
      expect(await sc.mailWritten(must(ret.mails[0], "mail").id)).toBe(false);
    });

    it("a decision computed from another revision of the same state is SUBMISSION_CHANGED", async () => {
      // Prepare
      const sc = await scene();
      const { submission } = await sc.received();
      const write = sc.decision(submission, "approve", { revision: submission.revision + 5 });
      // Act
      const writing = sc.officer.decide(write);
      // Assess
      await expect(writing).rejects.toMatchObject({ code: "SUBMISSION_CHANGED" });
      expect(await sc.read(submission.id)).toEqual(submission);
    });

    it("two officers at once: exactly one decision is written", async () => {
      // Prepare
      const sc = await scene();
      const { submission } = await sc.received();
      // Act
      const { fulfilled, rejected } = settled(
        await Promise.allSettled([
          sc.officer.decide(sc.decision(submission, "approve")),
          sc.officer.decide(sc.decision(submission, "return")),
        ]),
      );
      // Assess
      expect(fulfilled).toHaveLength(1);
      expect(rejected.map((r) => r.reason)).toEqual([expect.objectContaining({ status: 409 })]);
      expect((await sc.read(submission.id)).revision).toBe(submission.revision + 1);
    });

    it("a return asking for a document puts the requested attachment", async () => {
      // Prepare
      const sc = await scene();
      const { submission } = await sc.received();
      const request = sc.requested(submission);
      // Act
      await sc.officer.decide(sc.decision(submission, "return", { request }));
      // Assess
      expect(await sc.submissions.getAttachment(submission.id, request.id)).toMatchObject(request);
    });

    it("a refusal releases the reservation with it; before the lapse the right is restored", async () => {
      // Prepare
      const sc = await scene();
      const { submission } = await sc.received({ amount: 400_000 });
      // Act
      await sc.officer.decide(sc.decision(submission, "refuse", { release: sc.release(submission) }));
      // Assess
      const row = await sc.row();
      expect(row).toMatchObject({ requisitioned: 0, remaining: ALLOCATED, lapsed: false });
      expect(row.baseRequisitionId).toBeUndefined();
      expect(row.lapsedAmount).toBeUndefined();
      expect((await sc.read(submission.id)).status).toBe("refused");
    });

    it("a refusal after the lapse lets the released amount lapse with the right", async () => {
      // Prepare
      const sc = await scene();
      const { submission } = await sc.received({ amount: 400_000 });
      await sc.deadlines.markLapses([sc.partialLapse(await sc.row())]);
      const marked = await sc.row();
      // Act
      await sc.officer.decide(sc.decision(submission, "refuse", { release: sc.release(submission, true) }));
      // Assess
      expect(await sc.row()).toMatchObject({
        requisitioned: 0,
        remaining: ALLOCATED,
        lapsed: true,
        lapsedAmount: (marked.lapsedAmount ?? 0) + 400_000,
      });
    });

    it("a refusal of the model extra releases the extra", async () => {
      // Prepare
      const sc = await scene();
      await sc.requisition();
      const { submission } = await sc.received({ grantKind: "model-extra", amount: 300_000 });
      // Act
      await sc.officer.decide(sc.decision(submission, "refuse", { release: sc.release(submission) }));
      // Assess
      const row = await sc.row();
      expect(row).toMatchObject({
        requisitioned: 400_000,
        modelExtraRequisitioned: 0,
        modelExtraRemaining: MODEL_EXTRA,
      });
      expect(row.extraRequisitionId).toBeUndefined();
    });

    it("a refusal whose release does not hold (lapse seen wrongly, or another requisition named) is LEDGER_CHANGED and writes nothing", async () => {
      // Prepare
      const sc = await scene();
      const { submission } = await sc.received({ amount: 400_000 });
      const wrongLapse = sc.decision(submission, "refuse", { release: sc.release(submission, true) });
      const wrongId = sc.decision(submission, "refuse", {
        release: { ...sc.release(submission), submissionId: randomUUID() },
      });
      const before = await sc.state(submission.id);
      // Act
      const first = await caught(sc.officer.decide(wrongLapse));
      const second = await caught(sc.officer.decide(wrongId));
      // Assess
      expect(first).toMatchObject({ code: "LEDGER_CHANGED" });
      expect(second).toMatchObject({ code: "LEDGER_CHANGED" });
      expect(await sc.state(submission.id)).toEqual(before);
    });

    it("two refusals at once release once", async () => {
      // Prepare
      const sc = await scene();
      const { submission } = await sc.received({ amount: 400_000 });
      // Act
      const { fulfilled } = settled(
        await Promise.allSettled([
          sc.officer.decide(sc.decision(submission, "refuse", { release: sc.release(submission) })),
          sc.officer.decide(sc.decision(submission, "refuse", { release: sc.release(submission) })),
        ]),
      );
      // Assess
      expect(fulfilled).toHaveLength(1);
      expect(await sc.row()).toMatchObject({ requisitioned: 0, remaining: ALLOCATED });
    });
  });

  describe(`store contract (${label}): payments and repayments`, () => {
    it("a proposal moves the state only; the attestation records the payment and adds it to the ledger", async () => {
      // Prepare
      const sc = await scene();
      const own = await sc.proposed({ amount: 400_000 });
      const extra = await sc.proposed({ grantKind: "model-extra", amount: 100_000 }, 50_000);
      const beforeAttest = await sc.row();
      // Act
      await sc.officer.attestPayment(sc.payment(own));
      await sc.officer.attestPayment(sc.payment(extra));
      // Assess
      expect(own).toMatchObject({ status: "payment-proposed", paymentProposal: { amount: 400_000 } });
      expect(beforeAttest?.paid).toBeUndefined();
      const stored = await sc.read(own.id);
      expect(stored).toMatchObject({ status: "paid", payment: { amount: 400_000, attestedBy: ATTESTANT } });
      expect(stored.paymentProposal).toBeUndefined();
      expect(await sc.row()).toMatchObject({ paid: 450_000, lastPaidOn: "2022-06-01" });
    });

    it("pays once: a second attestation from the same read is PAYMENT_ALREADY_RECORDED and adds nothing", async () => {
      // Prepare
      const sc = await scene();
      const s = await sc.proposed({ amount: 400_000 });
      const first = sc.payment(s);
      const second = sc.payment(s);
      await sc.officer.attestPayment(first);
      const before = await sc.state(s.id);
      // Act
      const writing = sc.officer.attestPayment(second);
      // Assess
      await expect(writing).rejects.toMatchObject({ code: "PAYMENT_ALREADY_RECORDED" });
      expect(await sc.state(s.id)).toEqual(before);
      expect(await sc.mailWritten(must(second.mails[0], "mail").id)).toBe(false);
    });

    it("an attestation of a proposal superseded after it was read is PROPOSAL_SUPERSEDED and pays nothing", async () => {
      // Prepare
      const sc = await scene();
      const s = await sc.proposed({ amount: 400_000 });
      const attesting = sc.payment(s);
      await sc.officer.proposePayment(sc.proposal(s, 300_000));
      const before = await sc.state(s.id);
      // Act
      const writing = sc.officer.attestPayment(attesting);
      // Assess
      await expect(writing).rejects.toMatchObject({ code: "PROPOSAL_SUPERSEDED" });
      expect(await sc.state(s.id)).toEqual(before);
      expect((await sc.row())?.paid).toBeUndefined();
    });

    it("two attestations at once: one is recorded, the money counted once", async () => {
      // Prepare
      const sc = await scene();
      const s = await sc.proposed({ amount: 400_000 });
      // Act
      const { fulfilled } = settled(
        await Promise.allSettled([
          sc.officer.attestPayment(sc.payment(s)),
          sc.officer.attestPayment(sc.payment(s)),
        ]),
      );
      // Assess
      expect(fulfilled).toHaveLength(1);
      expect(await sc.row()).toMatchObject({ paid: 400_000 });
    });

    it("refuses an attestation on a requisition that has no ledger row (PAYMENT_NOT_ALLOWED)", async () => {
      // Prepare
      const sc = await scene();
      const s = await sc.proposed({ amount: 400_000 });
      const write = { ...sc.payment(s), kommunkod: MALMO };
      const before = await sc.state(s.id);
      // Act
      const writing = sc.officer.attestPayment(write);
      // Assess
      await expect(writing).rejects.toMatchObject({ code: "PAYMENT_NOT_ALLOWED" });
      expect(await sc.state(s.id)).toEqual(before);
    });

    it("proposes a repayment once per id, and attests it once, against the repaid total it read", async () => {
      // Prepare
      const sc = await scene();
      await sc.paid({ amount: 400_000 });
      const repayment = (id: string, amount: number): Repayment => ({
        id,
        programmeId: sc.programmeId,
        kommunkod: LUND,
        amount,
        date: "2022-06-01",
        status: "proposed",
        proposedBy: OFFICER,
        proposedAt: sc.at(),
      });
      const attested = (r: Repayment): Repayment => ({
        ...r,
        status: "attested",
        attestedBy: ATTESTANT,
        attestedAt: sc.at(),
      });
      const [r1, r2, r3] = [repayment("r-1", 10_000), repayment("r-2", 5_000), repayment("r-3", 5_000)];
      // Act
      const proposals = [
        await sc.officer.proposeRepayment({ repayment: r1, audit: sc.audit("repayment") }),
        await sc.officer.proposeRepayment({ repayment: r1, audit: sc.audit("repayment") }),
        await sc.officer.proposeRepayment({ repayment: r2, audit: sc.audit("repayment") }),
        await sc.officer.proposeRepayment({ repayment: r3, audit: sc.audit("repayment") }),
      ];
      const proposedRow = await sc.row();
      const attest = (r: Repayment, previousRepaid: number) =>
        sc.officer.attestRepayment({ repayment: attested(r), previousRepaid, audit: sc.audit("repayment") });
      const attestations = [
        await attest(r1, 0),
        await attest(r1, 10_000),
        await attest(r2, 0),
        await attest(r3, 10_000),
      ];
      // Assess
      expect(proposals).toEqual(["recorded", "replayed", "recorded", "recorded"]);
      expect(proposedRow).toMatchObject({ repaymentProposed: 20_000 });
      expect(proposedRow?.repaid).toBeUndefined();
      expect(attestations).toEqual(["recorded", "attested", "stale", "recorded"]);
      expect(await sc.officer.getRepayment(sc.programmeId, LUND, "r-1")).toMatchObject({
        ...r1,
        status: "attested",
        attestedBy: ATTESTANT,
      });
      expect(await sc.officer.getRepayment(sc.programmeId, LUND, "r-2")).toEqual(r2);
      expect(await sc.officer.getRepayment(sc.programmeId, MALMO, "r-1")).toBeUndefined();
      expect(await sc.row()).toMatchObject({
        repaid: 15_000,
        repaymentProposed: 5_000,
        lastRepaidOn: "2022-06-01",
      });
    });

    it("proposes no repayment for a municipality that never requisitioned (NOTHING_TO_REPAY)", async () => {
      // Prepare
      const sc = await scene();
      await sc.deadlines.markLapses([sc.wholeLapse(MALMO)]);
      const r: Repayment = {
        id: "r-1",
        programmeId: sc.programmeId,
        kommunkod: MALMO,
        amount: 1,
        date: "2022-06-01",
        status: "proposed",
        proposedBy: OFFICER,
        proposedAt: sc.at(),
      };
      // Act
      const proposing = sc.officer.proposeRepayment({ repayment: r, audit: sc.audit("repayment") });
      // Assess
      await expect(proposing).rejects.toMatchObject({ code: "NOTHING_TO_REPAY" });
      expect(await sc.officer.getRepayment(sc.programmeId, MALMO, "r-1")).toBeUndefined();
    });

    it("lists the programme's ledger rows and nothing else", async () => {
      // Prepare
      const sc = await scene();
      await sc.requisition();
      await sc.requisition({ kommunkod: MALMO });
      const other = await scene();
      await other.requisition();
      // Act
      const [officerRows, deadlineRows] = await Promise.all([
        sc.officer.listLedger(sc.programmeId),
        sc.deadlines.listLedger(sc.programmeId),
      ]);
      // Assess
      expect(officerRows.map((r) => r.kommunkod).sort()).toEqual([MALMO, LUND].sort());
      expect([...deadlineRows].sort((a, b) => a.kommunkod.localeCompare(b.kommunkod))).toEqual(
        [...officerRows].sort((a, b) => a.kommunkod.localeCompare(b.kommunkod)),
      );
    });
  });

  describe(`store contract (${label}): DeadlineStore`, () => {
    it("a whole lapse creates the row, once, and only where nothing was requisitioned", async () => {
      // Prepare
      const sc = await scene();
      await sc.requisition({ kommunkod: MALMO });
      const mark = sc.wholeLapse();
      // Act
      const first = await sc.deadlines.markLapses([mark, sc.wholeLapse(MALMO)]);
      const again = await sc.deadlines.markLapses([sc.wholeLapse()]);
      // Assess
      expect([first, again]).toEqual([1, 0]);
      expect(await sc.row()).toMatchObject({
        allocated: ALLOCATED,
        modelExtra: MODEL_EXTRA,
        requisitioned: 0,
        remaining: ALLOCATED,
        modelExtraRequisitioned: 0,
        lapsed: true,
        extraLapsed: true,
        lapsedAmount: ALLOCATED + MODEL_EXTRA,
        lapsedAt: mark.at,
      });
      expect((await sc.row(MALMO)).lapsedAt).toBeUndefined();
      expect((await sc.submissions.listAllocationsOf(LUND)).map((r) => r.programmeId)).toContain(
        sc.programmeId,
      );
    });

    it("a partial lapse marks the rest of a requisitioned row, once, unless the row moved since the plan", async () => {
      // Prepare
      const sc = await scene();
      await sc.requisition({ amount: 400_000 });
      await sc.requisition({ kommunkod: MALMO, amount: 400_000 });
      const lund = sc.partialLapse(await sc.row());
      const malmoPlan = sc.partialLapse(await sc.row(MALMO));
      await sc.requisition({ kommunkod: MALMO, grantKind: "model-extra", amount: 100_000 });
      // Act
      const marked = await sc.deadlines.markLapses([lund, malmoPlan]);
      const again = await sc.deadlines.markLapses([sc.partialLapse(await sc.row())]);
      // Assess
      expect([marked, again]).toEqual([1, 0]);
      expect(await sc.row()).toMatchObject({
        lapsed: false,
        extraLapsed: true,
        lapsedAmount: ALLOCATED - 400_000 + MODEL_EXTRA,
        lapsedAt: lund.at,
      });
      expect((await sc.row(MALMO)).lapsedAt).toBeUndefined();
    });

    it("does not lapse a row at an allocation that was corrected since the plan read it", async () => {
      // Prepare: the plan read the programme before a correction raised Lund's allocation by 10 000
      const sc = await scene();
      await sc.requisition({ amount: 400_000 });
      const stale = { ...sc.partialLapse(await sc.row()), allocated: ALLOCATED - 10_000 };
      // Act
      const marked = await sc.deadlines.markLapses([stale]);
      // Assess
      expect(marked).toBe(0);
      expect((await sc.row()).lapsedAt).toBeUndefined();
    });

    it("sets each flag once; report flags only where a requisition has no report", async () => {
      // Prepare
      const sc = await scene();
      await sc.requisition();
      await sc.deadlines.markLapses([sc.wholeLapse(MALMO)]);
      const flag = (
        kommunkod: string,
        name: "reportOverdueAt" | "reclaimListedAt" | "repaymentOverdueAt",
      ) => ({
        programmeId: sc.programmeId,
        kommunkod,
        flag: name,
        at: sc.at(),
      });
      // Act
      const first = await sc.deadlines.markFlags([
        flag(LUND, "reportOverdueAt"),
        flag(MALMO, "reportOverdueAt"),
        flag(MALMO, "repaymentOverdueAt"),
        flag("0180", "repaymentOverdueAt"),
      ]);
      const again = await sc.deadlines.markFlags([
        flag(LUND, "reportOverdueAt"),
        flag(LUND, "reclaimListedAt"),
      ]);
      // Assess
      expect([first, again]).toEqual([2, 1]);
      expect(await sc.row()).toMatchObject({
        reportOverdueAt: expect.any(String),
        reclaimListedAt: expect.any(String),
      });
      expect(await sc.row(MALMO)).toMatchObject({ repaymentOverdueAt: expect.any(String) });
      expect((await sc.row(MALMO)).reportOverdueAt).toBeUndefined();
      expect(await sc.submissions.getAllocation(sc.programmeId, "0180")).toBeUndefined();
    });

    it("sends each reminder once, with its mail, and remembers which were sent", async () => {
      // Prepare
      const sc = await scene();
      const a = sc.marked(LUND, 30);
      const b = sc.marked(MALMO, 30);
      const taken = sc.marked(LUND, 14, a.mail.id);
      // Act
      const first = await sc.deadlines.sendOnce([a, b]);
      const again = await sc.deadlines.sendOnce([a, sc.marked(LUND, 30), taken]);
      // Assess
      expect([first, again]).toEqual([2, 0]);
      expect(await sc.deadlines.listReminderKeys(sc.programmeId)).toEqual(
        new Set([`${LUND}#requisition#30`, `${MALMO}#requisition#30`]),
      );
      expect(await sc.mailWritten(a.mail.id)).toBe(true);
    });

    it("sends an announcement to all 290 at once, in several chunks, each once", async () => {
      // Prepare: more reminders than one transaction holds, one already sent
      const sc = await scene();
      const codes = Array.from({ length: 120 }, (_, i) => String(1000 + i));
      const items = codes.map((k) => sc.marked(k, 30));
      await sc.deadlines.sendOnce([must(items[60], "item")]);
      // Act
      const first = await sc.deadlines.sendOnce(items);
      const again = await sc.deadlines.sendOnce(items);
      // Assess
      expect([first, again]).toEqual([119, 0]);
      expect((await sc.deadlines.listReminderKeys(sc.programmeId)).size).toBe(120);
    });

    it("moves the digest cursor only from the value it was computed from, with its mail", async () => {
      // Prepare
      const sc = await scene();
      const digest = (previousAt: string | undefined, at: string) => ({
        programmeId: sc.programmeId,
        mail: { ...mail(), id: `digest-${sc.programmeId}-${at}` },
        at,
        previousAt,
      });
      // Act
      const first = await sc.deadlines.saveDigest(digest(undefined, "2022-06-01T05:00:00.000Z"));
      const firstAgain = await sc.deadlines.saveDigest(digest(undefined, "2022-06-01T06:00:00.000Z"));
      const second = await sc.deadlines.saveDigest(
        digest("2022-06-01T05:00:00.000Z", "2022-06-02T05:00:00.000Z"),
      );
      const stale = await sc.deadlines.saveDigest(
        digest("2022-06-01T05:00:00.000Z", "2022-06-03T05:00:00.000Z"),
      );
      // Assess
      expect([first, firstAgain, second, stale]).toEqual([true, false, true, false]);
      expect(await sc.deadlines.getDigestCursor(sc.programmeId)).toBe("2022-06-02T05:00:00.000Z");
      expect(await sc.mailWritten(`digest-${sc.programmeId}-2022-06-03T05:00:00.000Z`)).toBe(false);
    });

    it("lapses a returned requisition with its reservation, only from the state read and with the lapse as the row has it", async () => {
      // Prepare
      const sc = await scene();
      const { submission } = await sc.returned({ amount: 400_000 });
      await sc.deadlines.markLapses([sc.partialLapse(await sc.row())]);
      const marked = await sc.row();
      const lapse = (s: Submission, afterLapse: boolean) => {
        const at = sc.at();
        return {
          change: { transition: transition(s, "lapse", at) },
          release: sc.release(s, afterLapse),
          audit: sc.audit("submission.lapsed", s.id),
          mails: [mail()],
        };
      };
      const wrong = lapse(submission, false);
      const right = lapse(submission, true);
      const stale = lapse(submission, true);
      // Act
      const refusedRelease = await sc.deadlines.lapseReturned(wrong);
      const lapsed = await sc.deadlines.lapseReturned(right);
      const twice = await sc.deadlines.lapseReturned(stale);
      // Assess
      expect([refusedRelease, lapsed, twice]).toEqual([false, true, false]);
      expect(await sc.mailWritten(must(wrong.mails[0], "mail").id)).toBe(false);
      expect(await sc.mailWritten(must(stale.mails[0], "mail").id)).toBe(false);
      expect((await sc.read(submission.id)).status).toBe("lapsed");
      expect(await sc.row()).toMatchObject({
        requisitioned: 0,
        lapsed: true,
        lapsedAmount: (marked.lapsedAmount ?? 0) + 400_000,
      });
    });
  });
}
