/**
 * S3 → Lambda and S3 → GuardDuty for the originals bucket, as CDK and the malware protection plan
 * wire them on AWS: every ObjectCreated under originals/ goes to upload-check and to the malware
 * scan (after the check has had it, so the usual order is check first, verdict second), and every
 * one under intake/ (a raw message, as the SES receipt rule writes it) to mail-intake. Nothing
 * else goes anywhere: the check's own copies to quarantine/, inspected/ and records/ must not
 * come back in.
 *
 * Events that arrive before the handlers are loaded wait for them. With delivery "drop" (the
 * test knob STATSBIDRAG_LOCAL_S3_EVENTS=drop of `npm start`) every notification is lost, exactly
 * like a crash between S3's 204 and the check; the upload sweep must then find the upload.
 */
import type { S3Event } from "aws-lambda";
import { BUCKET_PREFIXES } from "../../shared/submissions/object-keys.ts";
import { decodeS3EventKey } from "./emulators.ts";
import type { LocalMalwareScanner } from "./local-malware-scan.ts";

export type S3EventDelivery = "deliver" | "drop";

export interface NotificationTargets {
  /** The upload-check handler. */
  check(event: S3Event): Promise<void>;
  /** The mail-intake handler. */
  intake(event: S3Event): Promise<void>;
  /** The GuardDuty stand-in; absent on a stage without malware scanning. */
  scanner?: LocalMalwareScanner;
}

export interface S3Notifications {
  /** Give this to startS3 as `onObjectCreated`. */
  onObjectCreated(event: S3Event): Promise<void>;
  /** Delivery starts once the handlers are loaded. */
  connect(targets: NotificationTargets): void;
}

export function s3Notifications(delivery: S3EventDelivery): S3Notifications {
  let connect: (targets: NotificationTargets) => void = () => undefined;
  const connected = new Promise<NotificationTargets>((resolve) => {
    connect = resolve;
  });
  return {
    connect: (targets) => connect(targets),
    async onObjectCreated(event) {
      const under = (prefix: string) =>
        event.Records.filter((r) => decodeS3EventKey(r.s3.object.key).startsWith(prefix));
      const Records = under(BUCKET_PREFIXES.originals);
      const messages = under(BUCKET_PREFIXES.intake);
      if (messages.length > 0 && delivery === "deliver") {
        const { intake } = await connected;
        await intake({ Records: messages });
      }
      if (Records.length === 0) return;
      if (delivery === "drop") {
        for (const r of Records)
          console.warn(`[s3] STATSBIDRAG_LOCAL_S3_EVENTS=drop: notification for ${r.s3.object.key} dropped`);
        return;
      }
      const { check, scanner } = await connected;
      // GuardDuty scans whether or not the check succeeded: the two are independent on AWS too.
      const checked = await check({ Records }).then(
        () => undefined,
        (error: unknown) => error,
      );
      if (scanner) {
        for (const r of Records)
          await scanner.scanObject(decodeS3EventKey(r.s3.object.key), r.s3.object.eTag);
      }
      // Reported like a failed Lambda invocation; the sweep retries it.
      if (checked !== undefined) throw checked;
    },
  };
}
