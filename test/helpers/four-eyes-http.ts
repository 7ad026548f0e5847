import type { LocalStack } from "../../infra/local/stack.ts";
import type { Submission } from "../../shared/submissions/model.ts";
import { type ApiResponse, call } from "./local-stack.ts";

/** The HTTP side of ./four-eyes.ts: money over the API takes two officers' tokens. */
/**
 * Over HTTP: POST …/payment with the proposer's token, then …/payment/attest with the attestant's.
 * Returns the proposal's answer if it failed, else the attestation's.
 */
export async function payOverHttp(
  stack: LocalStack,
  tokens: { proposer: string; attestant: string },
  submissionId: string,
  body: { paidOn: string; amount: number },
): Promise<ApiResponse<{ submission?: Submission; code?: string }>> {
  const proposed = await call<{ submission?: Submission; code?: string }>(
    stack,
    "POST",
    `/submissions/${submissionId}/payment`,
    { token: tokens.proposer, body },
  );
  if (proposed.status !== 200) return proposed;
  return call(stack, "POST", `/submissions/${submissionId}/payment/attest`, {
    token: tokens.attestant,
    body: { proposalId: proposed.body.submission?.paymentProposal?.id },
  });
}

/** Over HTTP: a repayment proposed, then attested; the proposal's answer if it failed. */
export async function repayOverHttp(
  stack: LocalStack,
  tokens: { proposer: string; attestant: string },
  programmeId: string,
  body: { kommunkod: string; amount: number; date: string },
  headers: Record<string, string> = {},
): Promise<ApiResponse<Record<string, unknown> & { code?: string }>> {
  const proposed = await call<{ repayment?: { id: string }; code?: string }>(
    stack,
    "POST",
    `/programmes/${programmeId}/repayments`,
    { token: tokens.proposer, body, headers },
  );
  if (proposed.status !== 201) return proposed;
  return call(stack, "POST", `/programmes/${programmeId}/repayments/attest`, {
    token: tokens.attestant,
    body: { kommunkod: body.kommunkod, id: proposed.body.repayment?.id },
  });
}
