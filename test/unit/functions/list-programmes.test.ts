import { DynamoDBDocumentClient, QueryCommand, type QueryCommandInput } from "@aws-sdk/lib-dynamodb";
import { mockClient } from "aws-sdk-client-mock";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { listProgrammes } from "../../../shared/programmes/catalogue.ts";
import {
  type ApiHandlerFn,
  apiEvent,
  invoke,
  LUND,
  municipalityClaims,
  officerClaims,
  PROGRAMME_2022,
  silenceLogs,
  storedSubmission,
  stubFunctionEnv,
} from "../../helpers/events.ts";

const ddb = mockClient(DynamoDBDocumentClient);
let handler: ApiHandlerFn;

beforeAll(async () => {
  stubFunctionEnv({ STATSBIDRAG_TODAY: "2022-06-01" });
  silenceLogs();
  ({ handler } = await import("../../../functions/list-programmes/handler.ts"));
});

afterAll(() => {
  vi.unstubAllEnvs();
});

beforeEach(() => {
  ddb.reset();
});

interface Listed {
  programmes: {
    id: string;
    daysLeftToRequisition: number;
    own?: { kommunkod: string; requisitioned: number; remaining: number; requisitions: { id: string }[] };
  }[];
}

describe("list-programmes handler", () => {
  it("lists every programme for an officer, without own figures and without reading the ledger", async () => {
    // Prepare
    const event = apiEvent({ route: "GET /programmes", claims: officerClaims(["officer"]) });
    // Act
    const res = await invoke<Listed>(handler, event);
    // Assess
    expect(res.status).toBe(200);
    expect(res.body.programmes.map((p) => p.id)).toEqual(listProgrammes().map((p) => p.id));
    expect(res.body.programmes.every((p) => p.own === undefined)).toBe(true);
    expect(ddb.calls()).toHaveLength(0);
  });

  it("gives a municipality its own position per programme from its allocation rows and submissions", async () => {
    // Prepare
    ddb.on(QueryCommand).callsFake((input: QueryCommandInput) => {
      const sk = input.ExpressionAttributeValues?.[":sk"];
      if (sk === "PROG#") {
        return {
          Items: [
            {
              programmeId: PROGRAMME_2022,
              kommunkod: LUND,
              allocated: 1_530_608,
              requisitioned: 1_530_608,
              remaining: 0,
              modelExtra: 1_500_000,
              modelExtraRequisitioned: 0,
              lapsed: false,
            },
          ],
        };
      }
      return { Items: [{ ...storedSubmission({ id: "r1" }) }] };
    });
    const event = apiEvent({ route: "GET /programmes", claims: municipalityClaims(LUND) });
    // Act
    const res = await invoke<Listed>(handler, event);
    // Assess
    const aldre2022 = res.body.programmes.find((p) => p.id === PROGRAMME_2022);
    expect(aldre2022?.own).toMatchObject({ kommunkod: LUND, requisitioned: 1_530_608, remaining: 0 });
    expect(aldre2022?.own?.requisitions.map((r) => r.id)).toEqual(["r1"]);
    const other = res.body.programmes.find((p) => p.id !== PROGRAMME_2022);
    expect(other?.own?.requisitioned).toBe(0);
    expect(other?.own?.requisitions).toEqual([]);
    const pks = ddb.commandCalls(QueryCommand).map((c) => c.args[0].input.ExpressionAttributeValues?.[":pk"]);
    expect(pks).toEqual([`KOMMUN#${LUND}`, `KOMMUN#${LUND}`]);
  });

  it("answers 401 without a token", async () => {
    // Prepare
    const event = apiEvent({ route: "GET /programmes" });
    // Act
    const res = await invoke(handler, event);
    // Assess
    expect(res.status).toBe(401);
  });
});
