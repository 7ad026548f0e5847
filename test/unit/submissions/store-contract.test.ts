import { MemoryProgrammeStore } from "../../fakes/memory-contacts-programmes.ts";
import { MemoryDeadlineStore } from "../../fakes/memory-deadline-store.ts";
import { MemoryOfficerStore } from "../../fakes/memory-officer-store.ts";
import { MemoryOutbox } from "../../fakes/memory-outbox.ts";
import { MemorySubmissionStore } from "../../fakes/memory-submission-store.ts";
import { MemoryWorld } from "../../fakes/memory-world.ts";
import { storeContract } from "../../integration/store-contract.ts";

/**
 * The store contract on the in-memory fakes the unit tests run on: the same suite the DynamoDB
 * adapters pass on DynamoDB Local (test/integration/store-contract.test.ts), so a fake that
 * drifts from the real store fails here.
 */
storeContract("memory fakes", async () => {
  const world = new MemoryWorld();
  return {
    submissions: new MemorySubmissionStore(world),
    officer: new MemoryOfficerStore(world),
    deadlines: new MemoryDeadlineStore(world),
    outbox: new MemoryOutbox(world),
    programmes: new MemoryProgrammeStore(world),
  };
});
