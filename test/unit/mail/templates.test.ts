import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { escapeHtml } from "../../../shared/mail/templates/layout.ts";
import type { SubmissionFacts } from "../../../shared/mail/templates/submission.ts";
import {
  officerNotificationMail,
  originalRejectedMail,
  receiptMail,
  registeredMail,
} from "../../../shared/mail/templates/submission.ts";

const SHA = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

function facts(overrides: Partial<SubmissionFacts> = {}): SubmissionFacts {
  return {
    reference: "SB-2022-1281-R1",
    submissionId: "5b1f3a52-6f0e-4c4e-9a53-1f2f0b1c2d3e",
    kind: "requisition",
    programmeTitle: "Överenskommelse om äldreomsorg 2022",
    kommun: "Lund",
    kommunkod: "1281",
    amount: 1_530_608,
    receivedAtLocal: "2022-11-30 14:05:09",
    reportDeadline: "2023-03-31",
    repaymentDeadline: "2023-03-31",
    receivingAgency: "Kammarkollegiet",
    ...overrides,
  };
}

const hostile = facts({
  kommun: `Håbo <script>alert("x")</script> & Älvdalen`,
  programmeTitle: 'Bidrag "Ö" <b>',
});
const all = (f: SubmissionFacts) => [
  registeredMail(f),
  receiptMail({ ...f, sha256: SHA }),
  officerNotificationMail({ ...f, sha256: SHA }),
  originalRejectedMail({ ...f, reasonSv: "filen är tom.", reasonEn: "the file is empty." }),
];

describe("escapeHtml", () => {
  it("escapes the five HTML-significant characters and keeps å ä ö", () => {
    // Prepare
    const text = `<a href="x">Åsa & Örjan's</a>`;
    // Act
    const escaped = escapeHtml(text);
    // Assess
    expect(escaped).toBe("&lt;a href=&quot;x&quot;&gt;Åsa &amp; Örjan&#39;s&lt;/a&gt;");
  });

  it('never leaves a raw < > or " in its output (property)', () => {
    // Prepare
    const texts = fc.string({ unit: fc.constantFrom("<", ">", "&", '"', "'", ";", "#", "a", "å", "Ö", " ") });
    // Act + Assess
    fc.assert(fc.property(texts, (t) => !/[<>"']/.test(escapeHtml(t))));
  });
});

describe("mail templates: HTML part", () => {
  it.each(all(hostile).map((m, i) => [["registered", "receipt", "officer", "rejected"][i], m] as const))(
    'escapes < & " in names in the %s mail but keeps å ä ö',
    (_, mail) => {
      // Prepare: a municipality name and title with markup
      // Act: rendered above
      // Assess
      expect(mail.html).not.toContain("<script>");
      expect(mail.html).not.toContain("<b>");
      expect(mail.html).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Älvdalen");
      expect(mail.html).toContain("Håbo");
    },
  );

  it("keeps the text part unescaped, as typed", () => {
    // Prepare
    const f = hostile;
    // Act
    const mail = registeredMail(f);
    // Assess
    expect(mail.text).toContain(`Håbo <script>alert("x")</script> & Älvdalen`);
  });
});

describe("mail templates: subject", () => {
  it("has no CR/LF or other control characters, so no header can be injected", () => {
    // Prepare
    const f = facts({
      reference: "SB-2022-1281-R1\r\nBcc: all@example.com",
      kommun: "Lund\u0000\u001b[31m\u007f",
    });
    // Act
    const subjects = all(f).map((m) => m.subject);
    // Assess
    for (const subject of subjects) {
      // biome-ignore lint/suspicious/noControlCharactersInRegex: looking for control characters is the point
      expect(subject).not.toMatch(/[\u0000-\u001f\u007f]/);
    }
    expect(officerNotificationMail({ ...f, sha256: SHA }).subject).toContain(
      "SB-2022-1281-R1 Bcc: all@example.com",
    );
  });

  it("is at most 200 characters whatever the name", () => {
    // Prepare
    const f = facts({ kommun: "Å".repeat(500) });
    // Act
    const subjects = all(f).map((m) => m.subject);
    // Assess
    for (const subject of subjects) expect(subject.length).toBeLessThanOrEqual(200);
  });

  it("has no control characters for any municipality name (property)", () => {
    // Prepare
    const names = fc.string({
      unit: fc.constantFrom("\r", "\n", "\t", "\u0000", "\u001b", "\u007f", "\u0085", "a", "Å", " ", "<"),
      maxLength: 300,
    });
    // Act + Assess
    fc.assert(
      fc.property(names, (kommun) =>
        // biome-ignore lint/suspicious/noControlCharactersInRegex: looking for control characters is the point
        all(facts({ kommun })).every((m) => !/[\u0000-\u001f\u007f]/.test(m.subject)),
      ),
    );
  });
});

describe("receiptMail", () => {
  it("names the reference, the amount as '1 530 608 kr', the SHA-256 and the report deadline", () => {
    // Prepare
    const f = { ...facts(), sha256: SHA };
    // Act
    const mail = receiptMail(f);
    // Assess
    expect(mail.subject).toBe("Kvitto: rekvisition SB-2022-1281-R1 mottagen");
    for (const part of [mail.text, mail.html]) {
      expect(part).toContain("SB-2022-1281-R1");
      expect(part).toContain("1 530 608 kr");
      expect(part).toContain(SHA);
      expect(part).toContain("senast 2023-03-31");
      expect(part).toContain("2022-11-30 14:05:09");
    }
  });

  it("tells a report's municipality how much to repay, and by when", () => {
    // Prepare
    const f = {
      ...facts({ kind: "report", reference: "SB-2022-1281-E1", amount: 3_030_608, unspent: 303_061 }),
      sha256: SHA,
    };
    // Act
    const mail = receiptMail(f);
    // Assess
    expect(mail.subject).toBe("Kvitto: ekonomisk redovisning SB-2022-1281-E1 mottagen");
    expect(mail.text).toContain(
      "Ej förbrukade medel, 303 061 kr, ska återbetalas senast 2023-03-31 till Kammarkollegiet.",
    );
  });

  it("says where to repay, with the municipality's OCR reference, once the programme names its account", () => {
    // Prepare
    const f = {
      ...facts({
        kind: "report",
        reference: "SB-2022-1281-E1",
        unspent: 303_061,
        repayment: { bankgiro: "5050-1055", reference: "202212817" },
      }),
      sha256: SHA,
    };
    // Act
    const mail = receiptMail(f);
    // Assess
    for (const part of [mail.text, mail.html]) {
      expect(part).toContain(
        "Ej förbrukade medel, 303 061 kr, ska återbetalas senast 2023-03-31 till bankgiro 5050-1055, med referens (OCR) 202212817.",
      );
    }
  });

  it("says there is nothing to repay when everything was spent", () => {
    // Prepare
    const f = { ...facts({ kind: "report", unspent: 0 }), sha256: SHA };
    // Act
    const mail = receiptMail(f);
    // Assess
    expect(mail.text).toContain("inga ej förbrukade medel att återbetala");
  });

  it("says which digital signatures were verified, by whom and when, and that revocation is not checked", () => {
    // Prepare
    const f = {
      ...facts(),
      sha256: SHA,
      verifiedSigners: [
        { signerName: "Anna Andersson", signedAtLocal: "2022-11-30 13:58:02" },
        { signerName: "Bertil <Berg>" },
      ],
    };
    // Act
    const mail = receiptMail(f);
    // Assess
    expect(mail.text).toContain(
      "Digital signatur verifierad: Anna Andersson, signerad 2022-11-30 13:58:02 (svensk tid)",
    );
    expect(mail.text).toContain("Digital signatur verifierad: Bertil <Berg>\n");
    expect(mail.text).toContain("spärrkontroll (OCSP/CRL) görs inte");
    expect(mail.html).toContain("Bertil &lt;Berg&gt;");
    expect(mail.html).toContain("Anna Andersson, signerad 2022-11-30 13:58:02");
  });

  it("says nothing of a digital signature when none was verified", () => {
    // Prepare
    const f = { ...facts(), sha256: SHA, verifiedSigners: [] };
    // Act
    const mail = receiptMail(f);
    // Assess
    expect(mail.text).not.toMatch(/digital signatur/i);
    expect(mail.text).toBe(receiptMail({ ...facts(), sha256: SHA }).text);
  });

  it("keeps a signer's name on one bounded line, whatever the certificate holds", () => {
    // Prepare
    const f = {
      ...facts(),
      sha256: SHA,
      verifiedSigners: [{ signerName: `Eve\nSHA-256 för originalet: ${"0".repeat(64)}${"x".repeat(500)}` }],
    };
    // Act
    const mail = receiptMail(f);
    // Assess
    const line = mail.text.split("\n").find((l) => l.startsWith("Digital signatur verifierad")) ?? "";
    expect(line).toContain("Eve SHA-256");
    expect(line.length).toBeLessThan(260);
    expect(mail.text.split("\n").filter((l) => l.startsWith("SHA-256 för originalet"))).toHaveLength(1);
  });

  it("refers to the agency when the programme has no report deadline", () => {
    // Prepare
    const f = { ...facts({ reportDeadline: null, receivingAgency: "Socialstyrelsen" }), sha256: SHA };
    // Act
    const mail = receiptMail(f);
    // Assess
    expect(mail.text).toContain("Ekonomisk redovisning lämnas vid den tid som Socialstyrelsen anger.");
  });
});

describe("other mails", () => {
  it("registeredMail asks for the signed original and gives the reference", () => {
    // Prepare
    const f = facts();
    // Act
    const mail = registeredMail(f);
    // Assess
    expect(mail.subject).toBe("Registrerad: rekvisition SB-2022-1281-R1 – ladda upp undertecknat original");
    expect(mail.text).toContain("ladda upp en skanning av originalet");
  });

  it("registeredMail links the page that downloads the form to sign and the page to upload the scan, never the API", () => {
    // Prepare
    const base = "https://statsbidrag.example/web";
    const f = facts({
      municipalityLink: `${base}/submission.html?id=x`,
      formLink: `${base}/submission.html?id=x&form=pdf`,
    });
    // Act
    const mail = registeredMail(f);
    // Assess
    expect(mail.text).toContain(
      `Hämta den ifyllda blanketten (PDF) att skriva ut och underteckna: ${base}/submission.html?id=x&form=pdf`,
    );
    expect(mail.text).toContain(`Ladda upp skanningen av alla sidor: ${base}/submission.html?id=x`);
    expect(mail.text).not.toContain("form.pdf");
  });

  it("officerNotificationMail links the officer's review page, never a raw id or API path", () => {
    // Prepare
    const f = {
      ...facts(),
      sha256: SHA,
      officerLink: "https://statsbidrag.example/officer-submission.html?id=x",
    };
    // Act
    const mail = officerNotificationMail(f);
    // Assess
    expect(mail.subject).toBe("Ny rekvisition: Lund SB-2022-1281-R1");
    expect(mail.text).toContain(
      "Granska inlämningen: https://statsbidrag.example/officer-submission.html?id=x",
    );
    expect(mail.text).not.toContain(f.submissionId);
    expect(mail.text).not.toMatch(/\b(GET|POST) \//);
  });

  it("officerNotificationMail names a verified signer and says when the original needs a look", () => {
    // Prepare
    const base = { ...facts(), sha256: SHA };
    // Act
    const signed = officerNotificationMail({
      ...base,
      verifiedSigners: [{ signerName: "Anna Andersson", signedAtLocal: "2022-11-30 13:58:02" }],
      scanMatched: true,
    });
    const unmatched = officerNotificationMail({ ...base, scanMatched: false });
    // Assess
    expect(signed.text).toContain("Originalets digitala signatur har verifierats");
    expect(signed.text).toContain("Anna Andersson, signerad 2022-11-30 13:58:02");
    expect(signed.text).toContain("stämmer med inlämningen, med underskriftssidan");
    expect(unmatched.text).toContain("titta på originalet");
    expect(unmatched.text).not.toContain("digitala signatur");
  });

  it("originalRejectedMail says why, in both languages", () => {
    // Prepare
    const f = {
      ...facts(),
      reasonSv: "filen innehåller skadlig kod.",
      reasonEn: "the file contains malware.",
    };
    // Act
    const mail = originalRejectedMail(f);
    // Assess
    expect(mail.text).toContain("kunde inte tas emot: filen innehåller skadlig kod.");
    expect(mail.text).toContain("could not be accepted: the file contains malware.");
  });

  it("a refused bank statement asks for the bank statement again, not for a new signed original", () => {
    // Prepare
    const f = {
      ...facts(),
      reasonSv: "filen är tom.",
      reasonEn: "the file is empty.",
      attachmentType: "bank-statement" as const,
    };
    // Act
    const mail = originalRejectedMail(f);
    // Assess
    expect(mail.subject).toMatch(/^Kontoutdraget kunde inte tas emot/);
    expect(mail.text).toContain("Ladda upp kontoutdraget igen");
    expect(mail.text).not.toContain("undertecknade originalet");
  });
});
