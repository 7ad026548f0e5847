import { describe, expect, it } from "vitest";
import { run } from "../../../cli/main.ts";
import type { AuditEvent } from "../../../shared/audit.ts";
import { fixedClock } from "../../../shared/clock.ts";
import { applyContactRows, parseContactsCsv } from "../../../shared/contacts/csv-import.ts";
import type { ContactDeps } from "../../../shared/contacts/deps.ts";
import type { ContactEntry } from "../../../shared/contacts/model.ts";
import { putContact } from "../../../shared/contacts/register.ts";
import { ValidationError } from "../../../shared/errors.ts";

const actor = { sub: "officer-1", kind: "officer" as const, email: "handlaggare@kammarkollegiet.example" };
const LUND_NUMBER = "212000-1264";

/** A contact register in memory, with the audit events it was given. */
function memoryDeps(entries: ContactEntry[] = []) {
  const store = new Map(entries.map((e) => [e.kommunkod, e]));
  const audits: AuditEvent[] = [];
  const deps: ContactDeps = {
    clock: fixedClock("2022-09-01T08:00:00.000Z"),
    contacts: {
      listContacts: async () => [...store.values()],
      getContact: async (kommunkod) => store.get(kommunkod),
      saveContact: async (entry, audit) => {
        store.set(entry.kommunkod, entry);
        audits.push(audit);
      },
      saveContacts: async (list, audit) => {
        for (const entry of list) store.set(entry.kommunkod, entry);
        audits.push(audit);
        return list.length;
      },
      hasContacts: async () => store.size > 0,
    },
  };
  return { deps, store, audits };
}

async function refusal(action: Promise<unknown>): Promise<ValidationError> {
  const error = await action.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof ValidationError))
    throw new Error(`expected a ValidationError, got ${String(error)}`);
  return error;
}

describe("PUT /contacts/{kommunkod}: the municipality's organisation number", () => {
  it("keeps the number, normalised, and audits the change", async () => {
    // Prepare
    const { deps, store, audits } = memoryDeps();
    const body = { registryEmail: "registrator@lund.se", organisationNumber: " 2120001264 " };
    // Act
    const saved = await putContact(deps, actor, "1281", body);
    // Assess
    expect(saved.organisationNumber).toBe(LUND_NUMBER);
    expect(store.get("1281")?.organisationNumber).toBe(LUND_NUMBER);
    expect(audits[0]?.details).toMatchObject({ after: { organisationNumber: LUND_NUMBER } });
  });

  it.each([
    ["232100-0255", "NOT_A_MUNICIPALITY_ORGANISATION_NUMBER"],
    ["212000-1265", "INVALID_ORGANISATION_NUMBER"],
    [2120001264, "INVALID_ORGANISATION_NUMBER"],
  ])("refuses %j as a form would (%s), with the field's path and both languages", async (number, code) => {
    // Prepare
    const { deps, store } = memoryDeps();
    const body = { registryEmail: "registrator@lund.se", organisationNumber: number };
    // Act
    const error = await refusal(putContact(deps, actor, "1281", body));
    // Assess
    expect(error.errors.map((e) => `${e.path} ${e.code}`)).toEqual([`organisationNumber ${code}`]);
    expect(error.errors[0]?.message.sv).toContain("Organisationsnumret");
    expect(error.errors[0]?.message.en).toContain("organisation number");
    expect(store.size).toBe(0);
  });

  it.each([null, "", undefined])(
    "removes the number when given %j, as the entry is replaced",
    async (number) => {
      // Prepare
      const { deps } = memoryDeps([
        {
          kommunkod: "1281",
          kommun: "Lund",
          registryEmail: "registrator@lund.se",
          organisationNumber: LUND_NUMBER,
          updatedAt: "2022-08-01T00:00:00.000Z",
          updatedBy: actor,
        },
      ]);
      // Act
      const saved = await putContact(deps, actor, "1281", {
        registryEmail: "registrator@lund.se",
        ...(number === undefined ? {} : { organisationNumber: number }),
      });
      // Assess
      expect(saved.organisationNumber).toBeUndefined();
    },
  );
});

describe("contacts import: the organisation number column", () => {
  it("reads the fourth column, on an address row or a row of its own, normalised", () => {
    // Prepare
    const text = [
      "kommunkod;email;name;organisationNumber",
      "1281;registrator@lund.se;;2120001264",
      "1281;anna@lund.se;Anna Andersson;212000-1264",
      "1280;;;212000-1124",
    ].join("\n");
    // Act
    const { rows, problems } = parseContactsCsv(text);
    // Assess
    expect(problems).toEqual([]);
    expect(rows).toEqual([
      { line: 2, kommunkod: "1281", email: "registrator@lund.se", organisationNumber: LUND_NUMBER },
      {
        line: 3,
        kommunkod: "1281",
        email: "anna@lund.se",
        name: "Anna Andersson",
        organisationNumber: LUND_NUMBER,
      },
      { line: 4, kommunkod: "1280", organisationNumber: "212000-1124" },
    ]);
  });

  it("refuses a number no municipality can have, two numbers for one municipality, and an empty row", () => {
    // Prepare
    const text = [
      "1281;registrator@lund.se;;232100-0255",
      "1280;registrator@malmo.se;;212000-1124",
      "1280;;;212000-1264",
      "0180;;;",
      "0114;;;212000-0118;extra",
    ].join("\n");
    // Act
    const { problems } = parseContactsCsv(text);
    // Assess
    expect(problems.map((p) => p.line)).toEqual([1, 3, 4, 5]);
    expect(problems[0]?.message).toContain("not a municipality's");
    expect(problems[1]?.message).toContain("1280 has organisation number 212000-1124 on line 2");
    expect(problems[2]?.message).toContain('invalid e-mail ""');
    expect(problems[3]?.message).toContain("more than four columns");
  });

  it("sets the number without touching the addresses, and keeps a number a later file leaves out", () => {
    // Prepare
    const current = new Map<string, ContactEntry>([
      [
        "1281",
        {
          kommunkod: "1281",
          kommun: "Lund",
          registryEmail: "registrator@lund.se",
          updatedAt: "x",
          updatedBy: actor,
        },
      ],
    ]);
    // Act
    const [numbered] = applyContactRows(
      current,
      [{ line: 1, kommunkod: "1281", organisationNumber: LUND_NUMBER }],
      "now",
      actor,
    );
    const [readdressed] = applyContactRows(
      new Map([["1281", numbered as ContactEntry]]),
      [{ line: 1, kommunkod: "1281", email: "diarium@lund.se" }],
      "later",
      actor,
    );
    // Assess
    expect(numbered).toMatchObject({ registryEmail: "registrator@lund.se", organisationNumber: LUND_NUMBER });
    expect(readdressed).toMatchObject({ registryEmail: "diarium@lund.se", organisationNumber: LUND_NUMBER });
  });

  it("documents the column in the command's usage", async () => {
    // Prepare
    let stderr = "";
    const io = { stdout: { write: () => true }, stderr: { write: (chunk: string) => (stderr += chunk) } };
    // Act
    const code = await run(["contacts", "import"], io);
    // Assess
    expect(code).toBe(2);
    expect(stderr).toContain("kommunkod;email;name;organisationNumber");
    expect(stderr).toContain("1281;;;212000-1264");
  });
});
