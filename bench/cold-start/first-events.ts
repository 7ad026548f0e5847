/**
 * The first event each function gets in the cold-start measurement: hand-made where the function
 * has a typical one (a requisition, a report reconciled with a recorded payment, an S3 upload, a
 * GuardDuty verdict, a pending mail, an SES bounce), otherwise its first route with an empty body.
 */
import { ROUTES } from "../../infra/routes.ts";
import { sampleRequisition } from "../../shared/forms/index.ts";
import {
  apiEvent,
  guardDutyScanEvent,
  outboxStreamEvent,
  s3Event,
  scheduledEvent,
  sesBounceEvent,
} from "../events.ts";
import { reportAsPaid } from "../lib/flow.ts";
import type { ColdStartContext } from "./rows.ts";

export interface EventInputs {
  kommunkod: string;
  home: string;
  submissionId: string;
  round: number;
  /** A pending outbox mail, for outbox-dispatch's stream event. */
  mailId?: string;
  /** This round's municipality with a paid requisition, and what was paid: create-report's caller. */
  reporter: { kommunkod: string; paid: number };
}

/** The first event each function gets; undefined for a function this benchmark does not know. */
export function firstEvent(name: string, ctx: ColdStartContext, i: EventInputs): unknown {
  const programmeId = ctx.programme.id;
  const home = { kommunkod: i.home };
  switch (name) {
    case "health":
      return apiEvent({ method: "GET", routeKey: "GET /health", path: "/health" });
    case "list-programmes":
      return apiEvent({ method: "GET", routeKey: "GET /programmes", path: "/programmes", subject: home });
    case "get-programme":
      return apiEvent({
        method: "GET",
        routeKey: "GET /programmes/{programmeId}",
        path: `/programmes/${programmeId}`,
        pathParameters: { programmeId },
        subject: home,
      });
    case "create-requisition":
      return apiEvent({
        method: "POST",
        routeKey: "POST /programmes/{programmeId}/requisitions",
        path: `/programmes/${programmeId}/requisitions`,
        pathParameters: { programmeId },
        subject: { kommunkod: i.kommunkod },
        body: sampleRequisition(ctx.programme, i.kommunkod, ctx.today),
      });
    case "create-report":
      return apiEvent({
        method: "POST",
        routeKey: "POST /programmes/{programmeId}/reports",
        path: `/programmes/${programmeId}/reports`,
        pathParameters: { programmeId },
        subject: { kommunkod: i.reporter.kommunkod },
        // Reconciled with the payment the officer recorded: the report the agency takes.
        body: reportAsPaid(ctx.programme, i.reporter.kommunkod, ctx.today, i.reporter.paid),
      });
    case "get-submission":
      return apiEvent({
        method: "GET",
        routeKey: "GET /submissions/{id}",
        path: `/submissions/${i.submissionId}`,
        pathParameters: { id: i.submissionId },
        subject: home,
      });
    case "list-submissions":
      return apiEvent({ method: "GET", routeKey: "GET /submissions", path: "/submissions", subject: home });
    case "request-upload":
      return apiEvent({
        method: "POST",
        routeKey: "POST /submissions/{id}/original",
        path: `/submissions/${i.submissionId}/original`,
        pathParameters: { id: i.submissionId },
        subject: home,
        body: {},
      });
    case "scan-result":
      // GuardDuty's verdict for a well-formed key no attachment owns: one table read, ignored.
      return guardDutyScanEvent(
        ctx.bucket,
        `originals/${programmeId}/${i.home}/${crypto.randomUUID()}/${crypto.randomUUID()}`,
      );
    case "upload-check":
      // A well-formed key no attachment owns: one table read, then the quarantine copy on S3.
      return s3Event(
        ctx.bucket,
        `originals/${programmeId}/${i.home}/${crypto.randomUUID()}/${crypto.randomUUID()}`,
        1024,
      );
    case "outbox-dispatch":
      // The table stream's INSERT for one pending mail: exactly one send per first event (a
      // schedule tick would send however many mails earlier rounds happened to queue).
      return i.mailId ? outboxStreamEvent(i.mailId) : scheduledEvent();
    case "mail-events":
      return sesBounceEvent(`bounce-${i.round}@bench.example`);
    default:
      return genericEvent(name, ctx, i);
  }
}

/**
 * Functions without a hand-made event: their first route from the table, with the path filled
 * in, an empty JSON body for POST/PUT and an officer's or the home municipality's claims. Such an
 * event may well be refused (4xx, see "first response"), but it still imports everything, checks
 * the token, parses the body and reads the table. A function without a route is scheduled.
 */
function genericEvent(name: string, ctx: ColdStartContext, i: EventInputs): unknown {
  const route = ROUTES.find((r) => r.function === name);
  if (!route) return scheduledEvent();
  const values: Record<string, string> = {
    programmeId: ctx.programme.id,
    id: i.submissionId,
    kommunkod: i.home,
  };
  const pathParameters: Record<string, string> = {};
  const path = route.path.replace(/\{(\w+)\}/g, (_, p: string) => {
    pathParameters[p] = values[p] ?? "x";
    return pathParameters[p] as string;
  });
  const write = route.method === "POST" || route.method === "PUT";
  return apiEvent({
    method: route.method as "GET" | "POST" | "PUT",
    routeKey: `${route.method} ${route.path}`,
    path,
    ...(Object.keys(pathParameters).length ? { pathParameters } : {}),
    ...(route.access === "public"
      ? {}
      : { subject: route.access === "officer" ? { officer: true } : { kommunkod: i.home } }),
    ...(write ? { body: {} } : {}),
  });
}
