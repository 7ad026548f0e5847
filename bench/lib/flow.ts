/**
 * The steps of the lifecycle the scenarios walk through the API, as a municipality and an officer
 * would: the signed original uploaded with its presigned POST and waited for (the upload check,
 * then the malware verdict, which the local stack's GuardDuty stand-in delivers right after it),
 * the officer's approval and payment, and a report that states the payment on record. Every wait
 * is bounded in time.
 */
import type { LocalStack } from "../../infra/local/stack.ts";
import { sampleReport } from "../../shared/forms/index.ts";
import type { ReportForm } from "../../shared/forms/schema.ts";
import type { Programme } from "../../shared/programmes/schema.ts";
import type { UploadSlot } from "../../shared/submissions/upload-slot.ts";
import { type Timed, timedRequest } from "./http.ts";

/** Who the scenarios act as: a municipality's token, and an officer's (approvals and payments). */
export interface Target {
  apiUrl: string;
  mint(kommunkod: string): Promise<string>;
  mintOfficer(): Promise<string>;
  /** A second officer, holding the attestant role: payments take two (README "Four eyes on money"). */
  mintAttestant(): Promise<string>;
}

/** The in-process local stack as a target: tokens from its own dev issuer. */
export function localTarget(stack: Pick<LocalStack, "apiUrl" | "issuer">): Target {
  return {
    apiUrl: stack.apiUrl,
    mint: (kommunkod) => stack.issuer.mint({ kommunkod }),
    mintOfficer: () => stack.issuer.mint({ officer: true }),
    mintAttestant: () =>
      stack.issuer.mint({ officer: true, email: "attestant@kammarkollegiet.example", roles: ["attestant"] }),
  };
}

/** A small but complete PDF, as a scanner would produce it: it passes the check and the scan. */
export function signedPdf(kommunkod: string): Uint8Array {
  return new TextEncoder().encode(
    `%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% Bilaga 2 signed for ${kommunkod}\ntrailer << /Root 1 0 R >>\n%%EOF\n`,
  );
}

/** Uploads with the presigned POST, the way a browser form does; the HTTP status S3 answered. */
export async function uploadSigned(slot: UploadSlot, bytes: Uint8Array): Promise<number> {
  const form = new FormData();
  for (const [k, v] of Object.entries(slot.fields)) form.append(k, v);
  form.append("file", new Blob([new Uint8Array(bytes)], { type: "application/pdf" }), "scan.pdf");
  const res = await fetch(slot.url, { method: "POST", body: form, signal: AbortSignal.timeout(30_000) });
  await res.arrayBuffer();
  return res.status;
}

/**
 * Reads the submission until it has left awaiting-original (its original was accepted or
 * refused), at most `timeoutMs`; the status it ended in, or "timeout".
 */
export async function settledStatus(
  apiUrl: string,
  token: string,
  id: string,
  timeoutMs = 60_000,
  intervalMs = 25,
): Promise<string> {
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    const res = await timedRequest<{ submission?: { status?: string } }>(
      apiUrl,
      "GET",
      `/submissions/${id}`,
      {
        token,
      },
    );
    const status = res.body.submission?.status;
    if (status && status !== "awaiting-original") return status;
    await new Promise((r) => setTimeout(r, intervalMs));
  }
  return "timeout";
}

/** A report for `kommunkod` that states `paid` as paid and received, and spends 90 % of it. */
export function reportAsPaid(
  programme: Programme,
  kommunkod: string,
  today: string,
  paid: number,
): ReportForm {
  const form = sampleReport(programme, kommunkod, today);
  const costs = Math.round(paid * 0.9);
  form.grant.totalPaid = paid;
  form.accounting = { ...form.accounting, received: paid, costs, unspent: paid - costs };
  return form;
}

export const approve = (target: Target, officer: string, id: string): Promise<Timed> =>
  timedRequest(target.apiUrl, "POST", `/submissions/${id}/decision`, {
    token: officer,
    body: { decision: "approve" },
  });

/**
 * The payment as the agency makes it: `officer` proposes, a second officer (the target's
 * attestant) attests. The answer is the attestation's (or the proposal's, if that failed), timed
 * over both requests.
 */
export async function recordPayment(
  target: Target,
  officer: string,
  id: string,
  amount: number,
  paidOn: string,
): Promise<Timed> {
  const proposed = await timedRequest<{ submission?: { paymentProposal?: { id: string } } }>(
    target.apiUrl,
    "POST",
    `/submissions/${id}/payment`,
    { token: officer, body: { paidOn, amount } },
  );
  if (proposed.status !== 200) return proposed;
  const attested = await timedRequest(target.apiUrl, "POST", `/submissions/${id}/payment/attest`, {
    token: await target.mintAttestant(),
    body: { proposalId: proposed.body.submission?.paymentProposal?.id },
  });
  return { ...attested, ms: proposed.ms + attested.ms };
}

/** What `received` found wrong, or the requisition's id, slot and amount once its original is in. */
export type Prepared = { id: string; amount: number } | { error: string };

/**
 * A requisition of `kommunkod`'s whole base share (`body`), its signed original uploaded and
 * received, and, with `officer`, approved: the set-up of scenarios that measure what comes after.
 */
export async function receivedRequisition(
  target: Target,
  programme: Programme,
  kommunkod: string,
  body: unknown,
  tokens: { municipality: string; officer?: string },
): Promise<Prepared> {
  const created = await timedRequest<{ id: string; upload: UploadSlot }>(
    target.apiUrl,
    "POST",
    `/programmes/${programme.id}/requisitions`,
    { token: tokens.municipality, body },
  );
  if (created.status !== 201) return { error: `requisition ${kommunkod}: ${created.status}` };
  const uploaded = await uploadSigned(created.body.upload, signedPdf(kommunkod));
  if (uploaded >= 300) return { error: `upload ${kommunkod}: ${uploaded}` };
  const status = await settledStatus(target.apiUrl, tokens.municipality, created.body.id);
  if (status !== "received") return { error: `original of ${kommunkod}: ${status}` };
  if (tokens.officer) {
    const approved = await approve(target, tokens.officer, created.body.id);
    if (approved.status !== 200) return { error: `approval ${kommunkod}: ${approved.status}` };
  }
  const amount = (body as { grant: { amount: number } }).grant.amount;
  return { id: created.body.id, amount };
}
