import type { ContactDeps } from "../../shared/contacts/deps.ts";
import type { DeadlineDeps } from "../../shared/deadlines/deps.ts";
import type { DraftDeps } from "../../shared/drafts/drafts.ts";
import type { IntakeDeps } from "../../shared/intake/deps.ts";
import type { OutboxDeps } from "../../shared/mail/outbox.ts";
import type { OfficerDeps } from "../../shared/officer/deps.ts";
import { SEED_PROGRAMMES } from "../../shared/programmes/seeds.ts";
import { fixedTrustList } from "../../shared/signatures/trust-list.ts";
import type { SubmissionDeps } from "../../shared/submissions/deps.ts";
import type { MalwareScan, UploadCheckDeps } from "../../shared/submissions/upload-check.ts";
import {
  MemoryContactStore,
  MemoryProgrammeCatalogue,
  MemoryProgrammeStore,
} from "./memory-contacts-programmes.ts";
import { MemoryDeadlineStore } from "./memory-deadline-store.ts";
import { MemoryFileStorage } from "./memory-file-storage.ts";
import { MemoryFormDraftStore } from "./memory-form-draft-store.ts";
import { MemoryIntakeStore } from "./memory-intake-store.ts";
import { MemoryMailer } from "./memory-mailer.ts";
import { MemoryOfficerStore } from "./memory-officer-store.ts";
import { MemoryOutbox } from "./memory-outbox.ts";
import { MemoryScanReader } from "./memory-scan-reader.ts";
import { MemorySubmissionStore } from "./memory-submission-store.ts";
import { MemorySuppressionList } from "./memory-suppressions.ts";
import { MemoryWorld } from "./memory-world.ts";
import { MovableClock } from "./movable-clock.ts";

export interface FakeOptions {
  /** Stockholm midday of the programme year by default: far from midnight and DST edges. */
  now?: string;
  malwareScan?: MalwareScan;
  uploadMaxBytes?: number;
  webBaseUrl?: string;
  /** PEM trust list for digital signatures; none by default. */
  trustAnchorsPem?: string;
  /** The mail intake's trust in a From address; "ses" (as deployed) by default. */
  senderAuth?: "ses" | "none";
}

/**
 * Everything the composition root builds, built on in-memory fakes of every port, with one name
 * per object as the root has it. Unit tests call the use cases with these deps, and handler tests
 * mock the root module with `fakeRoot()` so the real handler runs on them.
 */
export function fakeSystem(options: FakeOptions = {}) {
  const world = new MemoryWorld();
  // The seed programmes, published as the local stack publishes them.
  for (const programme of SEED_PROGRAMMES) {
    world.programmes.set(programme.id, [{ programme, version: 1, publishedAt: "2022-01-01T00:00:00.000Z" }]);
  }
  const catalogue = new MemoryProgrammeCatalogue(world);
  const clock = new MovableClock(options.now ?? "2022-06-01T10:00:00.000Z");
  const files = new MemoryFileStorage();
  const submissions = new MemorySubmissionStore(world);
  const officer = new MemoryOfficerStore(world);
  const deadlines = new MemoryDeadlineStore(world);
  const contacts = new MemoryContactStore(world);
  const programmes = new MemoryProgrammeStore(world);
  const outbox = new MemoryOutbox(world);
  const suppressions = new MemorySuppressionList();
  const mailer = new MemoryMailer();
  const scans = new MemoryScanReader();
  const intake = new MemoryIntakeStore(world);
  const drafts = new MemoryFormDraftStore();
  const web = options.webBaseUrl ? { webBaseUrl: options.webBaseUrl } : {};
  const submissionDeps: SubmissionDeps = {
    submissions,
    catalogue,
    files,
    contacts,
    clock,
    drafts,
    uploadMaxBytes: options.uploadMaxBytes ?? 20 * 1024 * 1024,
    uploadTtlSeconds: 3600,
    ...web,
  };
  const uploadCheckDeps: UploadCheckDeps = {
    submissions,
    catalogue,
    files,
    contacts,
    clock,
    malwareScan: options.malwareScan ?? "guardduty",
    trustList: fixedTrustList(options.trustAnchorsPem ?? ""),
    scans,
    recordRetentionDays: 3650,
    ...web,
  };
  const officerDeps: OfficerDeps = { submissions, catalogue, officer, contacts, clock, ...web };
  const deadlineDeps: DeadlineDeps = {
    deadlines,
    programmes,
    catalogue,
    contacts,
    submissions,
    clock,
    ...web,
  };
  const contactDeps: ContactDeps = { contacts, clock };
  const intakeDeps: IntakeDeps = {
    intake,
    submissions,
    catalogue,
    files,
    contacts,
    scans,
    clock,
    uploadMaxBytes: submissionDeps.uploadMaxBytes,
    senderAuth: options.senderAuth ?? "ses",
  };
  const outboxDeps: OutboxDeps = { outbox, suppressions, mailer, clock, from: "noreply@statsbidrag.example" };
  return {
    world,
    clock,
    files,
    submissions,
    officer,
    deadlines,
    contacts,
    programmes,
    catalogue,
    outbox,
    suppressions,
    mailer,
    scans,
    intake,
    submissionDeps,
    uploadCheckDeps,
    officerDeps,
    deadlineDeps,
    contactDeps,
    outboxDeps,
    intakeDeps,
    draftDeps: { drafts, catalogue, clock } satisfies DraftDeps,
  };
}

export type FakeSystem = ReturnType<typeof fakeSystem>;

/** The composition root's exports over a fake system, for `vi.mock` of shared/composition-root.ts. */
export function fakeRoot(system: FakeSystem) {
  return {
    submissionDeps: () => system.submissionDeps,
    uploadCheckDeps: () => system.uploadCheckDeps,
    intakeDeps: () => system.intakeDeps,
    intakeListDeps: () => system.intakeDeps,
    scanVerdictDeps: () => system.uploadCheckDeps,
    // The same object as submissionDeps, so freshSystem's swap reaches it too.
    printedFormDeps: () => system.submissionDeps,
    programmeViewDeps: () => ({
      submissions: system.submissions,
      catalogue: system.catalogue,
      programmes: system.programmes,
      clock: system.clock,
    }),
    officerDeps: () => system.officerDeps,
    draftDeps: () => system.draftDeps,
    deadlineDeps: () => system.deadlineDeps,
    contactDeps: () => system.contactDeps,
    outboxDeps: () => system.outboxDeps,
    suppressionList: () => system.suppressions,
    tableProbe: () => ({ ready: async () => true }),
    appConfig: () => ({ BUCKET_NAME: "statsbidrag-unit-originals" }),
    programmeCatalogue: () => system.catalogue,
    destroyClients: () => undefined,
  };
}
