import { post } from "../api.ts";
import { h } from "../dom.ts";
import { dateTime, kronor } from "../format.ts";
import { type Msg, m, type Texts } from "../i18n.ts";
import type { Session } from "../session.ts";
import type { Submission } from "../types.ts";
import { facts } from "./facts.ts";

const TEXT = {
  title: { sv: "Utbetalning att attestera", en: "Payment to attest" },
  amount: { sv: "Föreslaget belopp", en: "Proposed amount" },
  paidOn: { sv: "Utbetalningsdag", en: "Payment date" },
  proposed: { sv: "Föreslagen av", en: "Proposed by" },
  attest: { sv: "Attestera utbetalning", en: "Attest payment" },
  notAttestant: {
    sv: "Du har inte attesträtt. En handläggare med rollen attestant attesterar utbetalningen.",
    en: "You do not have the attestant role. An officer with that role attests the payment.",
  },
  ownProposal: {
    sv: "Du föreslog utbetalningen själv; en annan handläggare med attesträtt attesterar den.",
    en: "You proposed this payment yourself; another officer with the attestant role attests it.",
  },
  ownDecision: {
    sv: "Du godkände rekvisitionen; en annan handläggare med attesträtt attesterar utbetalningen.",
    en: "You approved the requisition; another officer with the attestant role attests its payment.",
  },
  saved: (amount: string, on: string) => ({
    sv: `Utbetalningen är attesterad: ${amount} den ${on}.`,
    en: `The payment has been attested: ${amount} on ${on}.`,
  }),
} satisfies Texts;

/**
 * A proposed payment: what was proposed and by whom, and for an attestant who neither proposed it
 * nor approved the requisition, the button that attests exactly this proposal (by its id). Others
 * are told why they cannot; the API refuses them all the same.
 */
export function attestPanel(
  s: Submission,
  session: Session,
  saved: (message: Msg) => void,
): HTMLElement | null {
  const p = s.paymentProposal;
  if (!p) return null;
  const why = !session.roles.includes("attestant")
    ? TEXT.notAttestant
    : p.proposedBy.sub === session.sub
      ? TEXT.ownProposal
      : s.decision?.by.sub === session.sub
        ? TEXT.ownDecision
        : undefined;
  const result = h("div", { role: "status" });
  const button = h("button", { type: "button", class: "button", id: "attest-payment" }, m(TEXT.attest));
  button.addEventListener("click", () => {
    button.setAttribute("disabled", "");
    void post(`/submissions/${encodeURIComponent(s.id)}/payment/attest`, { proposalId: p.id })
      .then(() => saved(TEXT.saved(kronor(p.amount), p.paidOn)))
      .catch((error: unknown) => {
        button.removeAttribute("disabled");
        result.textContent = error instanceof Error ? error.message : String(error);
      });
  });
  return h(
    "section",
    { "aria-labelledby": "attest-title", class: "panel", id: "payment-proposal" },
    h("h2", { id: "attest-title" }, m(TEXT.title)),
    facts([
      [m(TEXT.amount), kronor(p.amount)],
      [m(TEXT.paidOn), p.paidOn],
      [
        m(TEXT.proposed),
        `${p.proposedBy.name ?? p.proposedBy.email ?? p.proposedBy.sub}, ${dateTime(p.proposedAt)}`,
      ],
    ]),
    why ? h("p", { id: "attest-unavailable" }, m(why)) : h("div", { class: "actions" }, button),
    result,
  );
}
