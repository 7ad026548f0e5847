// Temporary (helper H2): prints the error outputs of the programme schemas for many bad inputs.
import { readFileSync } from "node:fs";
const R = "/work/main";
const { programmeMetaSchema, programmeSchema } = await import(`${R}/shared/programmes/schema.ts`);
const { factsBody, allocationsBody, draftBody, closeBody, parseBody } = await import(`${R}/shared/programme-admin/requests.ts`);
const { importProgramme } = await import(`${R}/shared/programmes/import.ts`);
const meta = JSON.parse(readFileSync(`${R}/shared/programmes/sources/sos-valfardsteknik-2018.meta.json`, "utf8"));
const meta22 = JSON.parse(readFileSync(`${R}/shared/programmes/sources/skr-aldreomsorg-2022.meta.json`, "utf8"));
const csv = readFileSync(`${R}/shared/programmes/sources/sos-valfardsteknik-2018.bilaga1.csv`, "utf8");
const prog = JSON.parse(readFileSync(`${R}/shared/programmes/data/sos-valfardsteknik-2018.json`, "utf8"));
const set = (o: any, path: string, v: any) => { const c = structuredClone(o); const ks = path.split("."); let t = c; for (const k of ks.slice(0, -1)) t = t[k]; if (v === "__delete") delete t[ks.at(-1)!]; else t[ks.at(-1)!] = v; return c; };
const metaCases: [string, any][] = [
  ["id", "X"], ["year", 1999], ["year", 2000.5], ["year", "2018"], ["title", "ab"], ["title", "x".repeat(301)], ["agreementTitle", "ab"],
  ["source", "x".repeat(501)], ["agency", "Bad Agency"], ["grantingAgency", "a"], ["agreementDiarienummer", "nope"], ["totalBase", -1], ["totalBase", 1.5],
  ["modelExtra", { total: 1, municipalities: [] }], ["modelExtra", { total: 1, municipalities: [""] }], ["grantPeriod", { from: "2018-12-31", to: "2018-01-01" }],
  ["grantPeriod", { from: "2018-02-30", to: "x" }], ["deadlines", {}], ["deadlines.requisition", "2018-13-01"], ["deadlines.preferredRequisition", null],
  ["survey", { atRequisition: true, extra: 1 }], ["appropriation", { expenditureArea: 0, anslag: "4-5", anslagName: "x", anslagspost: 100, anslagspostName: "ok" }],
  ["officerEmails", []], ["officerEmails", ["not-an-email"]], ["repaymentAccount", { bankgiro: "123", referencePrefix: "abc" }], ["repaymentAccount", null],
  ["reminders", { daysBefore: [0, 400, 1.5] }], ["reminders", { daysBefore: Array(13).fill(1), other: 1 }], ["nonBusinessDayDeadlines", "never"],
  ["originalGraceDays", -1], ["originalGraceDays", 121], ["questions", [...meta.questions, meta.questions[0]]],
  ["questions", [{ ...meta.questions[0], requiredWhen: { question: "nope", answer: true } }]], ["questions", Array(21).fill(meta.questions[0])],
  ["questions", [{ id: "A B", at: "x", kind: "y", label: { sv: "a", en: " " }, required: "no", extra: 1 }]],
  ["digitalSignature", { accepted: "maybe" }], ["digitalSignature", {}], ["recipientKinds", ["municipality", "municipality"]], ["recipientKinds", []], ["recipientKinds", ["x"]],
  ["id", "__delete"], ["unknownTopLevel", 1],
];
const out: Record<string, unknown> = {};
const issues = (r: any) => r.success ? "ok" : r.error.issues.map((i: any) => ({ ...i, input: undefined, inst: undefined }));
out.metaEmpty = issues(programmeMetaSchema.safeParse({}));
out.metaNull = issues(programmeMetaSchema.safeParse(null));
for (const [p, v] of metaCases) out[`meta ${p}=${JSON.stringify(v)?.slice(0, 40)}`] = issues(programmeMetaSchema.safeParse(set(meta, p, v)));
out.meta22 = issues(programmeMetaSchema.safeParse(meta22));
const progCases: [string, any][] = [
  ["allocations", [...prog.allocations, prog.allocations[0]]], ["totalBase", prog.totalBase + 1], ["agreementDiarienummer", "S2018/00001/SOF"],
  ["deadlines", { requisition: "2018-11-01", report: "2018-01-01", repayment: null }], ["allocations", [{ kommunkod: "12", kommun: "", amount: -1, modelExtra: 0.5 }]],
  ["closed", { on: "x", reason: "a", more: 1 }], ["modelExtra", { total: 5, municipalities: ["a"] }],
];
out.prog = issues(programmeSchema.safeParse(prog));
for (const [p, v] of progCases) out[`prog ${p}=${JSON.stringify(v)?.slice(0, 40)}`] = issues(programmeSchema.safeParse(set(prog, p, v)));
const bodies: [string, any, any][] = [
  ["facts", factsBody, {}], ["facts", factsBody, null], ["facts", factsBody, { reason: "  ab  " }], ["facts", factsBody, { reason: "ok reason", decision: "x", extra: 1 }],
  ["facts", factsBody, { reason: "ok reason", agreementDiarienummer: "bad", officerEmails: ["x"], deadlines: { requisition: "2022-02-30", other: 1 }, originalGraceDays: 3.5 }],
  ["facts", factsBody, { reason: "ok reason", repaymentAccount: { bankgiro: 5, referencePrefix: "123456789" }, questions: [{}], digitalSignature: { accepted: "x" } }],
  ["facts", factsBody, { reason: "ok reason", agreementTitle: "x".repeat(301), officerEmails: Array(21).fill("a@b.se"), deadlines: { report: null, preferredRequisition: 5 } }],
  ["allocations", allocationsBody, { reason: "ok reason", corrections: [] }], ["allocations", allocationsBody, { reason: "ok reason", corrections: [{ kommunkod: "", amount: "5" }] }],
  ["allocations", allocationsBody, { reason: "ok reason", corrections: Array(51).fill({ kommunkod: "0180", amount: 1 }) }],
  ["draft", draftBody, { meta: [], bilaga1Csv: "" }], ["draft", draftBody, { meta: {}, bilaga1Csv: "x".repeat(200_001) }], ["close", closeBody, { reason: 5 }], ["close", closeBody, { reason: "closing now" }],
];
for (const [n, s, b] of bodies) { try { out[`body ${n} ${JSON.stringify(b).slice(0, 60)}`] = parseBody(s, b); } catch (e: any) { out[`body ${n} ${JSON.stringify(b).slice(0, 60)}`] = { name: e.name, errors: e.errors ?? e.fieldErrors ?? e.message, status: e.status }; } }
out.import1 = importProgramme(set(meta, "year", 1999), csv);
out.import2 = importProgramme(set(set(meta, "officerEmails", []), "title", "ab"), csv);
out.import3 = importProgramme(set(meta, "totalBase", 1), csv);
out.import4 = importProgramme({}, csv);
console.log(JSON.stringify(out, null, 1));
