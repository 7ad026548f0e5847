import { recipientLabel } from "../../../shared/recipients/registry.ts";
import type { Repayment } from "../../../shared/submissions/model.ts";
import { ApiError, get, post } from "../api.ts";
import { h } from "../dom.ts";
import { dateTime, kronor } from "../format.ts";
import { m, type Texts } from "../i18n.ts";
import { readSession } from "../session.ts";

const TEXT = {
  title: { sv: "Återbetalningar att attestera", en: "Repayments to attest" },
  none: { sv: "Ingen återbetalning väntar på attest.", en: "No repayment is waiting for attestation." },
  item: (kommun: string, amount: string, date: string, who: string, when: string) => ({
    sv: `${kommun}: ${amount}, inkommet ${date}. Föreslaget av ${who} ${when}.`,
    en: `${kommun}: ${amount}, received ${date}. Proposed by ${who} ${when}.`,
  }),
  attest: { sv: "Attestera", en: "Attest" },
  attestLabel: (kommun: string, amount: string) => ({
    sv: `Attestera återbetalningen från ${kommun}, ${amount}`,
    en: `Attest the repayment from ${kommun}, ${amount}`,
  }),
  notAttestant: {
    sv: "Du har inte attesträtt: en handläggare med rollen attestant attesterar.",
    en: "You do not have the attestant role: an officer with that role attests.",
  },
  ownProposal: {
    sv: "Du föreslog den själv: en annan handläggare med attesträtt attesterar den.",
    en: "You proposed it yourself: another officer with the attestant role attests it.",
  },
  attested: (kommun: string, amount: string) => ({
    sv: `Återbetalningen från ${kommun} är attesterad: ${amount} räknas nu som återbetalt.`,
    en: `The repayment from ${kommun} is attested: ${amount} now counts as repaid.`,
  }),
} satisfies Texts;

const kommunOf = recipientLabel;

/**
 * The repayments proposed and waiting (GET /programmes/{id}/repayments): four eyes, as for
 * payments (attest-panel.ts). An attestant who did not propose one is offered "Attestera", which
 * attests exactly that proposal; others are told why not, and the API refuses them all the same.
 */
export function repaymentAttestations(programmeId: string, onAttested: () => void) {
  const list = h("div", { id: "repayment-proposals" });
  const result = h("div", { role: "status", id: "repayment-attest-result" });
  const element = h(
    "section",
    { "aria-labelledby": "repayment-attest-title" },
    h("h3", { id: "repayment-attest-title" }, m(TEXT.title)),
    list,
    result,
  );

  const row = (r: Repayment) => {
    const session = readSession();
    const kommun = kommunOf(r.kommunkod);
    const amount = kronor(r.amount);
    const who = r.proposedBy.name ?? r.proposedBy.email ?? r.proposedBy.sub;
    const why = !session?.roles.includes("attestant")
      ? TEXT.notAttestant
      : r.proposedBy.sub === session.sub
        ? TEXT.ownProposal
        : undefined;
    const button = h(
      "button",
      {
        type: "button",
        class: "button",
        id: `attest-repayment-${r.id}`,
        "aria-label": m(TEXT.attestLabel(kommun, amount)),
      },
      m(TEXT.attest),
    );
    button.addEventListener("click", () => {
      button.setAttribute("disabled", "");
      void post(`/programmes/${encodeURIComponent(programmeId)}/repayments/attest`, {
        kommunkod: r.kommunkod,
        id: r.id,
      })
        .then(() => {
          result.replaceChildren(
            h("div", { class: "notice notice-success" }, h("p", {}, m(TEXT.attested(kommun, amount)))),
          );
          onAttested();
          void load();
        })
        .catch((error: unknown) => {
          button.removeAttribute("disabled");
          result.replaceChildren(
            h(
              "div",
              { class: "notice notice-error" },
              h("p", {}, error instanceof ApiError ? m(error.userMessage) : String(error)),
            ),
          );
        });
    });
    return h(
      "li",
      { class: "repayment-proposal" },
      h("p", {}, m(TEXT.item(kommun, amount, r.date, who, dateTime(r.proposedAt).slice(0, 16)))),
      why ? h("p", { class: "hint" }, m(why)) : button,
    );
  };

  const load = async () => {
    try {
      const { repayments } = await get<{ repayments: Repayment[] }>(
        `/programmes/${encodeURIComponent(programmeId)}/repayments`,
      );
      list.replaceChildren(
        repayments.length > 0 ? h("ul", {}, ...repayments.map(row)) : h("p", {}, m(TEXT.none)),
      );
    } catch (error) {
      list.replaceChildren(h("p", {}, error instanceof ApiError ? m(error.userMessage) : String(error)));
    }
  };
  void load();
  return { element, reload: load };
}
