/**
 * Hostile text in an otherwise valid requisition: script tags, HTML, SQL and NoSQL text, template
 * syntax, invisible characters. It is accepted (it is only text), stored verbatim, and never
 * reaches a mail unescaped. The mail goes where mail about public money may go: the contact
 * register's registry address and named contact, and the signed-in submitter's own address from
 * the token; never the free-text e-mail typed into the form. Shared machinery:
 * test/fixtures/hostile/harness.ts.
 */
import { afterAll, beforeAll, describe, it } from "vitest";
import {
  type Form,
  outboxOf,
  REQUISITIONS,
  type StoredMail,
  sampleForm,
  sendJson,
  set,
  signIn,
  startHostileStack,
  stopHostileStack,
} from "../fixtures/hostile/harness.ts";
import { type CapturedMail, mailsTo, readMails } from "../helpers/mail.ts";
import { waitFor } from "../helpers/wait.ts";

/** One municipality per case: each may requisition its base share once. */
const ACCEPTING = ["1881", "1882", "1883", "1884", "1885", "1860", "1861", "1862", "1863"];

interface AcceptedCase {
  name: string;
  kommunkod: string;
  /** Applied to the form; the payload must come back verbatim and never unescaped in mail HTML. */
  field: string;
  payload: string;
}

const ACCEPTED: AcceptedCase[] = [
  {
    name: "script tag in the contact person",
    field: "recipient.contactPerson",
    payload: "<script>alert(document.domain)</script>",
  },
  {
    // Not the name: the recipient's name must be the caller's own (RECIPIENT_NOT_CALLER).
    name: "HTML image with onerror in the contact person",
    field: "recipient.contactPerson",
    payload: 'Anna <img src=x onerror="alert(1)">',
  },
  {
    name: "HTML comment and entity in the street",
    field: "recipient.postalAddress.street",
    payload: "Box 1 <!-- &amp; --> &lt;b&gt;",
  },
  {
    // Not the signatory: that name is the sender's account's (README "Roles").
    name: "SQL injection text in the contact person",
    field: "recipient.contactPerson",
    payload: "Robert'); DROP TABLE submissions;--",
  },
  {
    name: "NoSQL operator text in the city",
    field: "recipient.postalAddress.city",
    payload: '{"$where": "sleep(1000)"}',
  },
  {
    name: "zero-width joiners in the contact person",
    field: "recipient.contactPerson",
    payload: "Anna\u200d\u200bAndersson",
  },
  {
    name: "payment reference with quotes and backslashes",
    field: "payment.reference",
    payload: '"\\u0000" \\ "',
  },
  {
    name: "template syntax in the contact person",
    field: "recipient.contactPerson",
    // biome-ignore lint/suspicious/noTemplateCurlyInString: template injection is the payload
    payload: "{{constructor.constructor('x')()}} ${7*7}",
  },
  {
    // The one free-text address in the form: kept as given, and never mailed (see below).
    name: "a third party's address as the form's e-mail",
    field: "recipient.email",
    payload: "attacker-inbox@evil.example",
  },
].map((c, i) => ({ ...c, kommunkod: ACCEPTING[i] as string }));

/** Who may get mail about each case's submission, and the address the form gives. */
const addresses = (k: string) => ({
  registry: `registry-${k}@corpus.example`,
  contact: `contact-${k}@corpus.example`,
  submitter: `submitter-${k}@corpus.example`,
  form: `form-${k}@corpus.example`,
});

const recipientsOf = (mail: CapturedMail) =>
  [...mail.destination.to, ...mail.destination.cc, ...mail.destination.bcc].map((a) => a.toLowerCase());

const valueAt = (form: Record<string, unknown>, path: string) =>
  path.split(".").reduce<unknown>((at, k) => (at as Record<string, unknown>)[k], form);

beforeAll(async () => {
  await startHostileStack("text");
  // Each municipality's register entry names a registry and a contact; each submitter signs in with
  // an address of their own, so every mail of this file can be told apart in the shared SES store.
  await Promise.all(
    ACCEPTING.map(async (k) => {
      const to = addresses(k);
      await signIn({ kommunkod: k, email: to.submitter });
      const res = await sendJson("officer", "PUT", `/contacts/${k}`, {
        registryEmail: to.registry,
        contact: { name: "Kim Kontakt", email: to.contact },
      });
      if (res.status !== 200) throw new Error(`contact ${k}: ${res.status} ${res.text}`);
    }),
  );
}, 60_000);

afterAll(stopHostileStack);

describe("hostile text in an otherwise valid requisition: accepted, stored verbatim, escaped in mail", () => {
  it.concurrent.for(ACCEPTED)("$name", async (c, { expect }) => {
    // Prepare
    const to = addresses(c.kommunkod);
    const withFormEmail = set("recipient.email", to.form)(sampleForm(c.kommunkod)) as Form;
    const form = set(c.field, c.payload)(withFormEmail) as Form;
    const formEmail = valueAt(form, "recipient.email") as string;

    // Act
    const created = await sendJson(c.kommunkod, "POST", REQUISITIONS, form);

    // Assess: accepted, and stored verbatim under the token's municipality.
    expect(created.status, created.text.slice(0, 300)).toBe(201);
    const read = await sendJson(c.kommunkod, "GET", `/submissions/${created.body.id as string}`);
    expect(read.status).toBe(200);
    expect(read.headers["content-type"]).toMatch(/^application\/json/);
    expect(read.headers["x-content-type-options"]).toBe("nosniff");
    const stored = read.body as { submission: { kommunkod: string; form: Record<string, unknown> } };
    expect(stored.submission.kommunkod).toBe(c.kommunkod);
    expect(valueAt(stored.submission.form, c.field)).toBe(c.payload.trim());

    // Assess: the registration mail is addressed to the register's addresses and the submitter's
    // token address, never the form's (the table's outbox keeps every recipient; the SES emulator
    // records only the first).
    const queued = await outboxOf(created.body.id as string);
    expect(queued.map((m) => m.topic)).toEqual(["registered"]);
    const [queuedMail] = queued as [StoredMail];
    expect(queuedMail.to.map((a) => a.toLowerCase()).sort()).toEqual(
      [to.contact, to.registry, to.submitter].sort(),
    );
    // Sent (every 250 ms: the emulator's store holds every mail of the run, each poll reads it all),
    // and nothing was ever sent to the form's address.
    const mail = await waitFor(
      async () => (await readMails()).find((m) => recipientsOf(m).some((a) => queuedMail.to.includes(a))),
      15_000,
      250,
    );
    expect(await mailsTo(formEmail)).toEqual([]);
    // The hostile text reaches mail, if at all, only escaped.
    for (const html of [mail.body.html ?? "", queuedMail.html]) {
      expect(html).not.toContain(c.payload);
      for (const dangerous of ["<script", "<img", "onerror=", "<!--"]) {
        if (c.payload.includes(dangerous)) expect(html).not.toContain(dangerous);
      }
    }
    expect(mail.subject).not.toMatch(/[\r\n]/);
  });
});
