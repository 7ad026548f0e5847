import { type RenderedMail, render } from "./layout.ts";

/** The reply to a mailed original that was filed: it goes on to the same check as an upload. */
export function intakeFiledMail(reference: string): RenderedMail {
  return render(
    `Mottaget och kopplat till ${reference}`,
    [
      `Vi har tagit emot det inskannade originalet och kopplat det till ${reference}.`,
      "Det kontrolleras nu som en uppladdning; ett kvitto skickas när originalet är godkänt, annars ett besked om varför inte.",
      `(English: received and filed to ${reference}; a receipt follows once the check has accepted it.)`,
    ],
    [],
    [],
  );
}

/** The reply to a message that waits for an officer, with why, in both languages. */
export function intakeWaitingMail(reason: { sv: string; en: string }): RenderedMail {
  return render(
    "Mottaget – en handläggare kopplar det till rätt ärende",
    [
      `Vi har tagit emot ditt meddelande, men det kunde inte kopplas till en inlämning automatiskt: ${reason.sv}.`,
      "En handläggare går igenom det och kopplar det till rätt ärende eller hör av sig.",
      `(English: received, but not filed automatically: ${reason.en}; an officer will look at it.)`,
    ],
    [],
    [],
  );
}
