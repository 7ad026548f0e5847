import { DynamoDBDocumentClient, GetCommand, QueryCommand } from "@aws-sdk/lib-dynamodb";
import { mockClient } from "aws-sdk-client-mock";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import {
  type ApiHandlerFn,
  apiEvent,
  type Claims,
  invoke,
  LUND,
  municipalityClaims,
  officerClaims,
  PROGRAMME_2022,
  pinSystemTime,
  silenceLogs,
  storedSubmission,
  stubFunctionEnv,
  TABLE,
} from "../../helpers/events.ts";

const ddb = mockClient(DynamoDBDocumentClient);
let handler: ApiHandlerFn;

beforeAll(async () => {
  stubFunctionEnv({ STATSBIDRAG_TODAY: "2022-11-21" });
  silenceLogs();
  pinSystemTime();
  ({ handler } = await import("../../../functions/get-programme/handler.ts"));
});

afterAll(() => {
  vi.useRealTimers();
  vi.unstubAllEnvs();
});

beforeEach(() => {
  ddb.reset();
});

const get = (claims: Claims, programmeId = PROGRAMME_2022) =>
  apiEvent({ route: "GET /programmes/{programmeId}", pathParameters: { programmeId }, claims });

interface View {
  id: string;
  surveyRequired: boolean;
  opening?: { openedAt: string; openedOn: string; openedBy: string } | null;
  deadlines: { requisition: string };
  daysLeftToRequisition: number;
  own?: {
    kommun: string;
    allocation: number;
    requisitioned: number;
    remaining: number;
    requisitions: unknown[];
  };
}

describe("get-programme handler", () => {
  it("shows a municipality its own allocation, what it has requisitioned and what remains", async () => {
    // Prepare
    ddb.on(GetCommand).resolves({
      Item: {
        PK: `PROG#${PROGRAMME_2022}`,
        SK: `ALLOC#${LUND}`,
        programmeId: PROGRAMME_2022,
        kommunkod: LUND,
        allocated: 1_530_608,
        requisitioned: 1_000_000,
        remaining: 530_608,
        modelExtra: 1_500_000,
        modelExtraRequisitioned: 0,
        lapsed: false,
      },
    });
    ddb.on(QueryCommand).resolves({ Items: [{ ...storedSubmission({ amount: 1_000_000 }) }] });
    // Act
    const res = await invoke<View>(handler, get(municipalityClaims(LUND)));
    // Assess
    expect(res.status).toBe(200);
    expect(res.body.id).toBe(PROGRAMME_2022);
    expect(res.body.own).toMatchObject({
      kommun: "Lund",
      allocation: 1_530_608,
      requisitioned: 1_000_000,
      remaining: 530_608,
    });
    expect(res.body.own?.requisitions).toHaveLength(1);
    expect(ddb.commandCalls(GetCommand)[0]?.args[0].input).toMatchObject({
      TableName: TABLE,
      Key: { PK: `PROG#${PROGRAMME_2022}`, SK: `ALLOC#${LUND}` },
    });
    expect(ddb.commandCalls(QueryCommand)[0]?.args[0].input.ExpressionAttributeValues).toEqual({
      ":pk": `KOMMUN#${LUND}`,
      ":sk": `SUB#${PROGRAMME_2022}#`,
    });
  });

  it("counts the days left to the requisition deadline from the Stockholm date", async () => {
    // Prepare
    ddb.on(GetCommand).resolves({});
    ddb.on(QueryCommand).resolves({ Items: [] });
    // Act
    const res = await invoke<View>(handler, get(municipalityClaims(LUND)));
    // Assess
    expect(res.body.deadlines.requisition).toBe("2022-12-01");
    expect(res.body.daysLeftToRequisition).toBe(10);
    expect(res.body.own).toMatchObject({ requisitioned: 0, remaining: 1_530_608 });
  });

  it("shows an officer the programme terms and that it is not open yet, reading only the opening", async () => {
    // Prepare
    ddb.on(GetCommand).resolves({});
    // Act
    const res = await invoke<View>(handler, get(officerClaims()));
    // Assess
    expect(res.status).toBe(200);
    expect(res.body).not.toHaveProperty("own");
    expect(res.body.opening).toBeNull();
    expect(ddb.calls()).toHaveLength(1);
    expect(ddb.commandCalls(GetCommand)[0]?.args[0].input).toMatchObject({
      TableName: TABLE,
      Key: { PK: `PROG#${PROGRAMME_2022}`, SK: "OPEN" },
    });
  });

  it("shows an officer when and by whom the programme was opened", async () => {
    // Prepare
    ddb.on(GetCommand).resolves({
      Item: {
        PK: `PROG#${PROGRAMME_2022}`,
        SK: "OPEN",
        entity: "opening",
        programmeId: PROGRAMME_2022,
        openedAt: "2022-09-01T07:00:00.000Z",
        openedOn: "2022-09-01",
        openedBy: { sub: "o-1", email: "handlaggare@kammarkollegiet.example", kind: "officer" },
      },
    });
    // Act
    const res = await invoke<View>(handler, get(officerClaims()));
    // Assess
    expect(res.body.opening).toEqual({
      openedAt: "2022-09-01T07:00:00.000Z",
      openedOn: "2022-09-01",
      openedBy: "handlaggare@kammarkollegiet.example",
    });
  });

  it("says whether the programme requires the survey, to everyone", async () => {
    // Prepare
    ddb.on(GetCommand).resolves({});
    ddb.on(QueryCommand).resolves({ Items: [] });
    // Act
    const [municipality, officer] = await Promise.all([
      invoke<View>(handler, get(municipalityClaims(LUND))),
      invoke<View>(handler, get(officerClaims())),
    ]);
    // Assess
    expect(municipality.body.surveyRequired).toBe(true);
    expect(officer.body.surveyRequired).toBe(true);
    expect(municipality.body).not.toHaveProperty("opening");
  });

  it("answers 404 for an unknown programme", async () => {
    // Prepare
    const event = get(municipalityClaims(LUND), "no-such-programme");
    // Act
    const res = await invoke(handler, event);
    // Assess
    expect(res.status).toBe(404);
    expect(res.body.code).toBe("NOT_FOUND");
  });
});
