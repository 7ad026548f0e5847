import type { S3Event } from "aws-lambda";
import { describe, expect, it } from "vitest";
import { s3Notifications } from "../../../infra/local/s3-notifications.ts";
import { s3Event } from "../../helpers/events.ts";

const keysOf = (events: S3Event[]) => events.flatMap((e) => e.Records.map((r) => r.s3.object.key));

describe("local S3 notifications", () => {
  it("hand intake/ objects to the mail intake only and originals/ objects to the upload check only, nothing else to either", async () => {
    // Prepare
    const checked: S3Event[] = [];
    const mailed: S3Event[] = [];
    const notifications = s3Notifications("deliver");
    notifications.connect({
      check: async (e) => void checked.push(e),
      intake: async (e) => void mailed.push(e),
    });
    // Act
    await notifications.onObjectCreated(
      s3Event("intake/m1", "originals/p/1281/s/a", "records/p/1281/s/a", "quarantine/x", "intake-not/x"),
    );
    // Assess
    expect(keysOf(mailed)).toEqual(["intake/m1"]);
    expect(keysOf(checked)).toEqual(["originals/p/1281/s/a"]);
  });
});
