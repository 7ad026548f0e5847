/**
 * Proves the local emulators behave like the AWS parts the app relies on, and that the global
 * setup's environment reaches the test workers (clients below get no explicit endpoint).
 */
import { randomUUID } from "node:crypto";
import {
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  TransactionCanceledException,
  TransactWriteItemsCommand,
} from "@aws-sdk/client-dynamodb";
import { HeadObjectCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { SESClient, SendEmailCommand } from "@aws-sdk/client-ses";
import { createPresignedPost } from "@aws-sdk/s3-presigned-post";
import type { S3Event } from "aws-lambda";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { s3ClientOptions, startS3 } from "../../infra/local/emulators.ts";
import { requireEnv } from "../helpers/env.ts";
import { clearMails, readMails } from "../helpers/mail.ts";
import { startTestS3, type TestS3 } from "../helpers/s3.ts";
import { startSes, stopSes } from "../helpers/ses.ts";
import { waitFor } from "../helpers/wait.ts";

describe("environment from the global setup", () => {
  it("reaches the worker", () => {
    expect(process.env.STATSBIDRAG_STAGE).toBe("test");
    expect(process.env.TABLE_NAME).toBe("statsbidrag-test");
    expect(process.env.BUCKET_NAME).toBe("statsbidrag-test-originals-local");
    expect(process.env.MAIL_FROM).toBe("noreply@statsbidrag.example");
    expect(process.env.AWS_REGION).toBe("eu-north-1");
    expect(process.env.AWS_ENDPOINT_URL_DYNAMODB).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(process.env.AWS_ENDPOINT_URL_SES).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(process.env.SES_STORE_URL).toBe(`${process.env.AWS_ENDPOINT_URL_SES}/store`);
  });
});

describe("DynamoDB Local", () => {
  // No endpoint: the SDK must pick up AWS_ENDPOINT_URL_DYNAMODB by itself.
  const ddb = new DynamoDBClient({});
  afterAll(() => ddb.destroy());

  it("accepts exactly as many conditional transactions as the budget allows", async () => {
    const table = requireEnv("TABLE_NAME");
    const programme = `PROG#${randomUUID()}`;
    await ddb.send(
      new PutItemCommand({
        TableName: table,
        Item: { PK: { S: programme }, SK: { S: "BUDGET" }, remaining: { N: "1000" } },
      }),
    );

    // Each transaction reserves 70 from the budget and writes its allocation, all or nothing.
    const attempts = Array.from({ length: 20 }, (_, i) =>
      ddb.send(
        new TransactWriteItemsCommand({
          TransactItems: [
            {
              Update: {
                TableName: table,
                Key: { PK: { S: programme }, SK: { S: "BUDGET" } },
                UpdateExpression: "SET remaining = remaining - :amount",
                ConditionExpression: "remaining >= :amount",
                ExpressionAttributeValues: { ":amount": { N: "70" } },
              },
            },
            {
              Put: {
                TableName: table,
                Item: {
                  PK: { S: programme },
                  SK: { S: `ALLOC#${String(i).padStart(4, "0")}` },
                  amount: { N: "70" },
                },
                ConditionExpression: "attribute_not_exists(PK)",
              },
            },
          ],
        }),
      ),
    );
    const results = await Promise.allSettled(attempts);

    const accepted = results.filter((r) => r.status === "fulfilled");
    const rejected = results.flatMap((r) => (r.status === "rejected" ? [r.reason as unknown] : []));
    expect(accepted).toHaveLength(14);
    expect(rejected).toHaveLength(6);
    for (const reason of rejected) expect(reason).toBeInstanceOf(TransactionCanceledException);

    const budget = await ddb.send(
      new GetItemCommand({
        TableName: table,
        Key: { PK: { S: programme }, SK: { S: "BUDGET" } },
        ConsistentRead: true,
      }),
    );
    expect(budget.Item?.remaining?.N).toBe(String(1000 - 14 * 70));
  });
});

describe("s3rver", () => {
  const events: S3Event[] = [];
  let s3: TestS3;

  beforeAll(async () => {
    s3 = await startTestS3((event) => {
      events.push(event);
    });
  });
  afterAll(async () => {
    await s3?.stop();
  });

  it("notifies ObjectCreated:Post for a presigned POST, with the key encoded like S3", async () => {
    expect(process.env.AWS_ENDPOINT_URL_S3).toBe(s3.endpoint);
    // No endpoint: from AWS_ENDPOINT_URL_S3; path style is not configurable by env.
    const client = new S3Client({ ...s3ClientOptions() });
    const key = `originals/${randomUUID()}/Årsrapport 2025+bilaga.pdf`;
    const { url, fields } = await createPresignedPost(client, {
      Bucket: s3.bucket,
      Key: key,
      Conditions: [["content-length-range", 1, 1024]],
      Fields: { "Content-Type": "application/pdf" },
      Expires: 60,
    });
    client.destroy();

    const form = new FormData();
    for (const [name, value] of Object.entries(fields)) form.append(name, value);
    form.append("file", new Blob(["%PDF-1.4 test"], { type: "application/pdf" }), "rapport.pdf");
    const res = await fetch(url, { method: "POST", body: form });
    expect(res.status).toBeLessThan(300);

    const record = await waitFor(() =>
      events
        .flatMap((e) => e.Records)
        .find((r) => decodeURIComponent(r.s3.object.key.replace(/\+/g, " ")) === key),
    );
    expect(record.eventName).toBe("ObjectCreated:Post");
    expect(record.s3.bucket.name).toBe(s3.bucket);
    expect(record.s3.object.size).toBe("%PDF-1.4 test".length);
    // As on AWS: space → '+', a literal '+' escaped, non-ASCII percent-encoded, '/' kept.
    expect(record.s3.object.key).toContain("/%C3%85rsrapport+2025%2Bbilaga.pdf");
  });

  it("keeps serving when the handler throws, and logs the error", async () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const failing = await startS3({
      buckets: ["throwing"],
      onObjectCreated: () => {
        throw new Error("handler bug (expected in this test)");
      },
    });
    try {
      const client = new S3Client({ endpoint: failing.endpoint, forcePathStyle: true });
      await client.send(new PutObjectCommand({ Bucket: "throwing", Key: "a.txt", Body: "a" }));
      await client.send(new PutObjectCommand({ Bucket: "throwing", Key: "b.txt", Body: "b" }));
      const head = await client.send(new HeadObjectCommand({ Bucket: "throwing", Key: "b.txt" }));
      expect(head.ContentLength).toBe(1);
      client.destroy();
      await waitFor(() => logged.mock.calls.length === 2);
    } finally {
      logged.mockRestore();
      await failing.stop();
    }
  });
});

describe("SES emulator", () => {
  // maxAttempts 1: with SES down, fail at once instead of retrying with backoff.
  const ses = new SESClient({ maxAttempts: 1 });
  afterAll(() => ses.destroy());

  const send = (subject: string, text: string) =>
    ses.send(
      new SendEmailCommand({
        Source: requireEnv("MAIL_FROM"),
        Destination: { ToAddresses: ["handlaggare@malmo.example"] },
        Message: {
          Subject: { Data: subject, Charset: "UTF-8" },
          Body: {
            Text: { Data: text, Charset: "UTF-8" },
            Html: { Data: `<p>${text}</p>`, Charset: "UTF-8" },
          },
        },
      }),
    );

  it("captures SendEmail with Swedish characters", async () => {
    await clearMails();
    const subject = `Rekvisition mottagen – Åre, Malmö och Älvkarleby ${randomUUID()}`;
    await send(subject, "Hej! Ärendet är registrerat; återkom gärna före den 1 maj.");

    const mails = await readMails();
    const mail = mails.find((m) => m.subject === subject);
    expect(mail).toBeDefined();
    expect(mail?.from).toBe("noreply@statsbidrag.example");
    expect(mail?.destination.to).toEqual(["handlaggare@malmo.example"]);
    expect(mail?.body.text).toBe("Hej! Ärendet är registrerat; återkom gärna före den 1 maj.");
    expect(mail?.body.html).toContain("återkom gärna");
  });

  it("fails while stopped and works again after a restart on the same port", async () => {
    const endpoint = requireEnv("AWS_ENDPOINT_URL_SES");
    await stopSes();
    try {
      await expect(send("under driftstopp", "ska inte komma fram")).rejects.toThrow();
      await stopSes(); // idempotent
    } finally {
      await startSes();
    }
    await startSes(); // idempotent
    expect(process.env.AWS_ENDPOINT_URL_SES).toBe(endpoint);

    const subject = `Efter omstart ${randomUUID()}`;
    await send(subject, "Nu fungerar det igen.");
    const mails = await readMails();
    expect(mails.some((m) => m.subject === subject)).toBe(true);
    // The store survives the restart.
    expect(mails.some((m) => m.subject.startsWith("Rekvisition mottagen"))).toBe(true);
  });
});
