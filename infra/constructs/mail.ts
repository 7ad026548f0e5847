import { Stack } from "aws-cdk-lib";
import type { IFunction } from "aws-cdk-lib/aws-lambda";
import {
  ConfigurationSet,
  EmailIdentity,
  EmailSendingEvent,
  EventDestination,
  Identity,
} from "aws-cdk-lib/aws-ses";
import { Topic } from "aws-cdk-lib/aws-sns";
import { LambdaSubscription } from "aws-cdk-lib/aws-sns-subscriptions";
import { Construct } from "constructs";
import type { StageConfig } from "../config.ts";

export interface MailProps {
  readonly config: StageConfig;
}

/**
 * Outgoing mail: the sender identity, its configuration set, and the topic that receives bounces
 * and complaints. The resources are added to `scope` (the stack), not under this construct, so
 * they keep the logical IDs they were deployed with.
 */
export class Mail extends Construct {
  readonly configurationSet: ConfigurationSet;
  readonly senderIdentity: EmailIdentity;
  /** For IAM: ConfigurationSet has no ARN attribute. */
  readonly configurationSetArn: string;
  private readonly eventsTopic: Topic;

  constructor(scope: Construct, id: string, props: MailProps) {
    super(scope, id);
    const { config } = props;
    this.configurationSet = new ConfigurationSet(scope, "MailConfigurationSet", {
      configurationSetName: `statsbidrag-${config.stage}`,
      reputationMetrics: true,
    });
    this.senderIdentity = new EmailIdentity(scope, "SenderIdentity", {
      identity: Identity.email(config.senderAddress),
      // Default set: events are published even for a send that forgets to name the set.
      configurationSet: this.configurationSet,
    });
    this.eventsTopic = new Topic(scope, "MailEventsTopic", { enforceSSL: true });
    this.configurationSet.addEventDestination("BouncesAndComplaints", {
      destination: EventDestination.snsTopic(this.eventsTopic),
      events: [EmailSendingEvent.BOUNCE, EmailSendingEvent.COMPLAINT],
    });
    this.configurationSetArn = Stack.of(this).formatArn({
      service: "ses",
      resource: "configuration-set",
      resourceName: this.configurationSet.configurationSetName,
    });
  }

  /** Bounce and complaint events invoke `fn` (mail-events), which marks the addresses as suppressed. */
  sendEventsTo(fn: IFunction): void {
    this.eventsTopic.addSubscription(new LambdaSubscription(fn));
  }
}
