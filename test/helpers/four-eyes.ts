import type { TokenSubject } from "../../infra/local/dev-issuer.ts";
import type { Principal } from "../../shared/auth/principal.ts";
import type { OfficerDeps } from "../../shared/officer/deps.ts";
import { attestPayment, proposePayment } from "../../shared/officer/payments.ts";
import { attestRepayment, proposeRepayment } from "../../shared/officer/repayments.ts";
import type { Submission } from "../../shared/submissions/model.ts";

/**
 * Money takes two officers (README "Four eyes on money"). Tests that need a payment or a
 * repayment to have happened go through both steps here: one officer proposes, a second officer
 * holding the attestant role, who neither proposed nor approved, attests.
 */
export const ATTESTANT: Extract<Principal, { kind: "officer" }> = {
  kind: "officer",
  sub: "officer-attestant",
  email: "attestant@kammarkollegiet.example",
  agency: "kammarkollegiet",
  roles: ["attestant"],
};

/** The dev-issuer subject of the attesting officer (a different sub from every other test officer). */
export const ATTESTANT_SUBJECT: TokenSubject = {
  officer: true,
  email: "attestant@kammarkollegiet.example",
  roles: ["attestant"],
};

/** Proposed by `proposer`, attested by `attestant` (default ATTESTANT): the requisition is paid. */
export async function payWithFourEyes(
  deps: OfficerDeps,
  proposer: Principal,
  submissionId: string,
  body: { paidOn: string; amount: number },
  attestant: Principal = ATTESTANT,
): Promise<Submission> {
  const proposed = await proposePayment(deps, proposer, submissionId, body);
  return attestPayment(deps, attestant, submissionId, { proposalId: proposed.paymentProposal?.id });
}

/** A repayment proposed by `proposer` and attested by `attestant` (default ATTESTANT). */
export async function repayWithFourEyes(
  deps: OfficerDeps,
  proposer: Principal,
  programmeId: string,
  body: { kommunkod: string; amount: number; date: string },
  attestant: Principal = ATTESTANT,
) {
  const proposed = await proposeRepayment(deps, proposer, programmeId, body);
  return attestRepayment(deps, attestant, programmeId, {
    kommunkod: body.kommunkod,
    id: proposed.repayment.id,
  });
}
