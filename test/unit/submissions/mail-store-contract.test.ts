import { MemoryOutbox } from "../../fakes/memory-outbox.ts";
import { MemorySuppressionList } from "../../fakes/memory-suppressions.ts";
import { mailStoreContract } from "../../integration/mail-store-contract.ts";

/** The mail store contract on the fakes the outbox and bounce handler tests run on. */
mailStoreContract("memory fakes", async () => {
  const outbox = new MemoryOutbox();
  return {
    outbox,
    suppressions: new MemorySuppressionList(),
    enqueue: async (mail, _createdAt, dueAt) =>
      outbox.add({ ...mail, attempts: 0, status: "pending" }, dueAt),
  };
});
