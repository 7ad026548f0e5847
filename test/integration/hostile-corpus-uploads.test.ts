/**
 * Hostile uploads through the presigned POST, on the local stack with the GuardDuty stand-in
 * (EICAR is THREATS_FOUND, anything else NO_THREATS_FOUND, delivered right after the check):
 *
 * - files that are no scan end refused, the submission original-rejected, the bytes quarantined;
 *   the EICAR test file behind a PDF header passes the check and is refused by the scan;
 * - anything uploaded to a slot that is not current (a replayed POST, a slot voided by a newer
 *   one, the slot of a version that was replaced) is quarantined and changes nothing;
 * - a document other than the original needs an officer's request (409 ATTACHMENT_NOT_REQUESTED),
 *   and a submission holds at most 12 files (409 TOO_MANY_UPLOADS); refused slot requests store
 *   nothing.
 *
 * Shared machinery: test/fixtures/hostile/harness.ts. Uploads whose scan never comes:
 * hostile-corpus-unscanned.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HOSTILE_FILES, type HostileFile } from "../fixtures/hostile/files.ts";
import {
  attachmentOf,
  type Case,
  decide,
  detailOf,
  expectRefusedAndNothingStored,
  ids,
  itemCount,
  newSlot,
  objectExists,
  objectSha256,
  PROGRAMME,
  quarantined,
  quarantineKey,
  receivedRequisition,
  requisition,
  sampleForm,
  sendJson,
  settled,
  sha256,
  startHostileStack,
  stopHostileStack,
  UPLOAD_MAX_BYTES,
} from "../fixtures/hostile/harness.ts";
import { smallPdf, uploadWith } from "../helpers/local-stack.ts";

/** One municipality per hostile file, so the uploads can run side by side. */
const UPLOADERS = ["0182", "2021", "2023", "2026", "2029", "2031", "2034", "2039", "2061", "2062", "0184"];
const RETURN = { decision: "return", reason: "Kontoutdrag för bankgirot saknas." };
const RETURN_FOR_STATEMENT = { ...RETURN, requestedAttachment: "bank-statement" };
/** A file key the server chose: originals/{programme}/{kommunkod}/{submission}/{attachment}. */
const serverKey = (kommunkod: string, submissionId: string) =>
  new RegExp(`^originals/${PROGRAMME}/${kommunkod}/${submissionId}/[0-9a-f-]{36}$`);

beforeAll(async () => {
  await startHostileStack("uploads");
  // What the refused slot requests below aim at, each in the state the case names.
  ids.set("awaiting", (await requisition("0191")).id);
  ids.set("received", (await receivedRequisition("0192")).id);
  const returned = await receivedRequisition("0305");
  await decide(returned.id, RETURN);
  ids.set("returned-without-request", returned.id);
  const replaced = await receivedRequisition("0319");
  await decide(replaced.id, RETURN);
  const correction = await sendJson(
    "0319",
    "POST",
    `/submissions/${replaced.id}/corrections`,
    sampleForm("0319"),
  );
  if (correction.status !== 201) throw new Error(`correction: ${correction.status} ${correction.text}`);
  ids.set("replaced", replaced.id);
}, 60_000);

afterAll(stopHostileStack);

const SLOT_REQUESTS: Case[] = [
  {
    // Was 201: a bank-statement slot was granted to anyone who asked for one.
    name: "bank-statement slot nobody asked for",
    method: "POST",
    path: "/submissions/{awaiting}/attachments",
    auth: "0191",
    json: { type: "bank-statement" },
    status: 409,
    code: "ATTACHMENT_NOT_REQUESTED",
  },
  {
    name: "bank-statement slot on a received submission no officer returned",
    method: "POST",
    path: "/submissions/{received}/attachments",
    auth: "0192",
    json: { type: "bank-statement" },
    status: 409,
    code: "ATTACHMENT_NOT_REQUESTED",
  },
  {
    name: "bank-statement slot after a return that asked for no document",
    method: "POST",
    path: "/submissions/{returned-without-request}/attachments",
    auth: "0305",
    json: { type: "bank-statement" },
    status: 409,
    code: "ATTACHMENT_NOT_REQUESTED",
  },
  {
    name: "new original slot once the original was received",
    method: "POST",
    path: "/submissions/{received}/original",
    auth: "0192",
    json: {},
    status: 409,
    code: "ORIGINAL_ALREADY_RECEIVED",
  },
  {
    name: "new original slot on a version that was replaced",
    method: "POST",
    path: "/submissions/{replaced}/original",
    auth: "0319",
    json: {},
    status: 409,
    code: "ORIGINAL_ALREADY_RECEIVED",
  },
  {
    name: "bank-statement slot on a version that was replaced",
    method: "POST",
    path: "/submissions/{replaced}/attachments",
    auth: "0319",
    json: { type: "bank-statement" },
    status: 409,
    code: "ATTACHMENT_NOT_REQUESTED",
  },
];

describe(`upload slots that may not be granted (${SLOT_REQUESTS.length} cases): 409, nothing stored`, () => {
  it.each(SLOT_REQUESTS)("$name → $status $code", async (c) => {
    await expectRefusedAndNothingStored(c, { auth: "0191", kommun: "0191" });
  });
});

describe("hostile files in the original's slot: refused, quarantined, the submission original-rejected", () => {
  const cases = HOSTILE_FILES.map((file, i) => ({ ...file, kommunkod: UPLOADERS[i] as string }));

  it.concurrent.for(cases)(
    "$name → $refusal",
    async (file: HostileFile & { kommunkod: string }, { expect }) => {
      // Prepare
      if (!UPLOADERS.includes(file.kommunkod)) throw new Error("more hostile files than uploaders");
      const { id, slot } = await requisition(file.kommunkod);
      expect(slot.maxBytes).toBe(UPLOAD_MAX_BYTES);
      const bytes = file.body(slot.maxBytes);

      // Act
      const status = await uploadWith(slot, bytes, file.filename, file.contentType);

      // Assess: s3rver takes anything (it does not enforce the policy); the check or the scan refuses.
      expect(status).toBeLessThan(300);
      const detail = await settled(file.kommunkod, id, slot.attachmentId);
      const attachment = attachmentOf(detail, slot.attachmentId);
      expect(attachment?.status).toBe("refused");
      expect(attachment?.refusal?.code).toBe(file.refusal);
      expect(detail.submission.status).toBe("original-rejected");
      expect(detail.submission.original).toBeUndefined();
      expect(attachment?.storedKey).toBeUndefined();
      // Moved out of originals/, byte for byte: nothing the officers could mistake for the signed original.
      expect(await objectExists(attachment?.key ?? "")).toBe(false);
      expect(await objectSha256(quarantineKey(slot.fields.key ?? ""))).toBe(sha256(bytes));
    },
  );
});

describe("slots that are not current take nothing: what is uploaded to them is quarantined", () => {
  it("a replay to a refused slot neither reopens nor settles the submission", async () => {
    // Prepare: the first slot gets a file that is no scan, then a fresh slot is granted.
    const { id, slot: first } = await requisition("0183");
    await uploadWith(first, new TextEncoder().encode("not a scan"), "x.pdf", "application/pdf");
    await settled("0183", id, first.attachmentId);
    const fresh = await newSlot("0183", id);
    const replayed = smallPdf("replayed onto the refused slot");

    // Act: replay the old, refused slot with a perfectly good PDF.
    await uploadWith(first, replayed, "scan.pdf", "application/pdf");

    // Assess
    await quarantined(first.fields.key ?? "", replayed);
    const detail = await detailOf("0183", id);
    expect(detail.submission.status).toBe("awaiting-original");
    expect(attachmentOf(detail, first.attachmentId)?.status).toBe("refused");
    expect(attachmentOf(detail, fresh.attachmentId)?.status).toBe("pending");
    expect(detail.submission.original).toBeUndefined();
  });

  it("a stale original slot, voided when a newer one was granted, takes nothing; the newer one does", async () => {
    // Prepare: the requisition's slot, then a newer one, which voids it.
    const { id, slot: stale } = await requisition("0186");
    const current = await newSlot("0186", id);
    const good = smallPdf("uploaded to the stale slot");

    // Act
    await uploadWith(stale, good, "scan.pdf", "application/pdf");

    // Assess: quarantined, void, and the submission still waits for the current slot.
    await quarantined(stale.fields.key ?? "", good);
    const detail = await detailOf("0186", id);
    expect(attachmentOf(detail, stale.attachmentId)?.status).toBe("void");
    expect(attachmentOf(detail, current.attachmentId)?.status).toBe("pending");
    expect(detail.submission.status).toBe("awaiting-original");
    expect(detail.submission.originalSlot).toBe(current.attachmentId);
    await uploadWith(current, smallPdf("the current slot"), "scan.pdf", "application/pdf");
    const after = await settled("0186", id, current.attachmentId);
    expect(after.submission.status).toBe("received");
    expect(after.submission.original?.attachmentId).toBe(current.attachmentId);
  });

  it("a replay to an accepted slot changes neither the status nor the stored original and its hash", async () => {
    // Prepare: the signed PDF is accepted and kept write-once under records/.
    const { id, slot } = await receivedRequisition("0187");
    const accepted = await detailOf("0187", id);
    const acceptedSha = accepted.submission.original?.sha256 ?? "";
    const storedKey = attachmentOf(accepted, slot.attachmentId)?.storedKey ?? "";
    expect(storedKey).toMatch(/^records\//);
    const replayed = new TextEncoder().encode("MZ replaced after acceptance");

    // Act: replay the same presigned POST with other bytes.
    await uploadWith(slot, replayed, "scan.pdf", "application/pdf");

    // Assess
    await quarantined(slot.fields.key ?? "", replayed);
    const after = await detailOf("0187", id);
    expect(after.submission.status).toBe("received");
    expect(after.submission.original?.sha256).toBe(acceptedSha);
    expect(await objectSha256(storedKey)).toBe(acceptedSha);
  });

  it("an upload to a replaced version's slots is quarantined and settles nothing", async () => {
    // Prepare: an officer returns the requisition asking for a bank statement; the municipality
    // takes a slot for it, then sends the corrected version, which replaces the returned one.
    const returned = await receivedRequisition("0188");
    await decide(returned.id, RETURN_FOR_STATEMENT);
    const statement = await newSlot("0188", returned.id, "bank-statement");
    const correction = await sendJson(
      "0188",
      "POST",
      `/submissions/${returned.id}/corrections`,
      sampleForm("0188"),
    );
    expect(correction.status).toBe(201);
    const statementBytes = smallPdf("bank statement for the replaced version");
    const originalBytes = smallPdf("original for the replaced version");

    // Act: upload to the replaced version's bank-statement slot and to its (used) original slot.
    await uploadWith(statement, statementBytes, "kontoutdrag.pdf", "application/pdf");
    await uploadWith(returned.slot, originalBytes, "scan.pdf", "application/pdf");

    // Assess
    await quarantined(statement.fields.key ?? "", statementBytes);
    await quarantined(returned.slot.fields.key ?? "", originalBytes);
    const detail = await detailOf("0188", returned.id);
    expect(detail.submission.status).toBe("replaced");
    expect(attachmentOf(detail, statement.attachmentId)?.status).toBe("void");
    expect(detail.attachments.filter((a) => a.type === "bank-statement" && a.status === "accepted")).toEqual(
      [],
    );
    const corrected = await detailOf("0188", correction.body.id as string);
    expect(corrected.submission.status).toBe("awaiting-original");
    expect(corrected.attachments.map((a) => a.status)).toEqual(["pending"]);
  });
});

describe("documents other than the original: only what an officer asked for, at most 12 files", () => {
  it("a requested bank statement gets one slot at the server's key, whatever key the client sends", async () => {
    // Prepare
    const { id } = await receivedRequisition("0330");
    await decide(id, RETURN_FOR_STATEMENT);

    // Act
    const res = await sendJson("0330", "POST", `/submissions/${id}/attachments`, {
      type: "bank-statement",
      key: "originals/../../etc/passwd",
    });

    // Assess
    expect(res.status, res.text).toBe(201);
    const slot = res.body.upload as { fields: Record<string, string>; attachmentId: string };
    expect(slot.fields.key).toMatch(serverKey("0330", id));
    const detail = await detailOf("0330", id);
    expect(attachmentOf(detail, slot.attachmentId)).toMatchObject({
      type: "bank-statement",
      status: "pending",
    });
  });

  it("once the requested bank statement is accepted, no further slot is granted and nothing is stored", async () => {
    // Prepare: the request is met by an accepted file.
    const { id } = await receivedRequisition("0331");
    await decide(id, RETURN_FOR_STATEMENT);
    const slot = await newSlot("0331", id, "bank-statement");
    await uploadWith(slot, smallPdf("kontoutdrag"), "kontoutdrag.pdf", "application/pdf");
    const met = await settled("0331", id, slot.attachmentId);
    expect(attachmentOf(met, slot.attachmentId)?.status).toBe("accepted");
    const before = await itemCount();

    // Act
    const res = await sendJson("0331", "POST", `/submissions/${id}/attachments`, { type: "bank-statement" });

    // Assess
    expect(res.status, res.text).toBe(409);
    expect(res.body.code).toBe("ATTACHMENT_NOT_REQUESTED");
    expect(await itemCount()).toBe(before);
  });

  it("a submission takes no 13th upload slot (409 TOO_MANY_UPLOADS, nothing stored); its 12th still works", async () => {
    // Prepare: the requisition's slot and 11 more, each voiding the one before.
    const { id } = await requisition("0360");
    let last = await newSlot("0360", id);
    for (let i = 0; i < 10; i++) last = await newSlot("0360", id);
    const before = await itemCount();

    // Act
    const original = await sendJson("0360", "POST", `/submissions/${id}/original`, {});
    const statement = await sendJson("0360", "POST", `/submissions/${id}/attachments`, {
      type: "bank-statement",
    });

    // Assess
    expect([original.status, original.body.code]).toEqual([409, "TOO_MANY_UPLOADS"]);
    expect([statement.status, statement.body.code]).toEqual([409, "TOO_MANY_UPLOADS"]);
    expect(await itemCount()).toBe(before);
    const detail = await detailOf("0360", id);
    expect(detail.attachments).toHaveLength(12);
    expect(detail.attachments.filter((a) => a.status === "pending").map((a) => a.id)).toEqual([
      last.attachmentId,
    ]);
    await uploadWith(last, smallPdf("the twelfth slot"), "scan.pdf", "application/pdf");
    expect((await settled("0360", id, last.attachmentId)).submission.status).toBe("received");
  });
});
