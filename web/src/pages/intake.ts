import { get } from "../api.ts";
import { h } from "../dom.ts";
import { m, type Texts } from "../i18n.ts";
import { itemCard } from "../intake/item-card.ts";
import type { IntakeItem } from "../intake/types.ts";
import { boot, setTitle } from "../layout.ts";

/** The officer's intake list: mailed scans that did not file themselves (README "Signed originals by e-mail"). */
const TEXT = {
  intro: {
    sv: "E-post till myndighetens inkorg för underskrivna original hamnar här när den inte kunde kopplas till en inlämning av sig själv: okänd eller obekräftad avsändare, ingen läsbar QR-kod, eller en kod som inte anger en inlämning som väntar. Öppna skanningen, koppla den till rätt inlämning eller kassera meddelandet.",
    en: "Mail to the agency's intake address for signed originals lands here when it could not be filed by itself: an unknown or unverified sender, no readable QR code, or a code naming no submission that waits. Open the scan, file it to the right submission, or discard the message.",
  },
  none: { sv: "Inga meddelanden väntar.", en: "No messages are waiting." },
  count: (n: number) => ({
    sv: n === 1 ? "1 meddelande väntar." : `${n} meddelanden väntar.`,
    en: n === 1 ? "1 message is waiting." : `${n} messages are waiting.`,
  }),
} satisfies Texts;

await boot("intake", "officer", async ({ main }) => {
  main.append(h("p", { class: "lead" }, m(TEXT.intro)));
  const { items } = await get<{ items: IntakeItem[] }>("/intake");
  setTitle("intake", m(TEXT.count(items.length)));
  main.append(h("p", { id: "intake-count" }, m(items.length === 0 ? TEXT.none : TEXT.count(items.length))));
  if (items.length === 0) return;
  main.append(
    h(
      "ul",
      { class: "intake-list", id: "intake-list" },
      items.map((item) => h("li", {}, itemCard(item))),
    ),
  );
});
