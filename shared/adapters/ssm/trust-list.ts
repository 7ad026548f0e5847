import { GetParameterCommand, SSMClient } from "@aws-sdk/client-ssm";
import type { TrustList } from "../../signatures/trust-list.ts";

export function createSsmClient(): SSMClient {
  return new SSMClient({ maxAttempts: 3 });
}

/**
 * The trust list in an SSM parameter, read once per container: the first PDF with a signature
 * asks, every later one gets the same text (a changed parameter reaches new containers). A failed
 * read is not kept, so the next check asks again; the check itself fails and its event is retried,
 * rather than trusting nothing in silence. A parameter without a certificate is a broken
 * configuration and fails the same way.
 */
export class SsmTrustList implements TrustList {
  private text: Promise<string> | undefined;

  constructor(
    private readonly ssm: Pick<SSMClient, "send">,
    private readonly name: string,
  ) {}

  pem(): Promise<string> {
    this.text ??= this.read().catch((error: unknown) => {
      this.text = undefined;
      throw error;
    });
    return this.text;
  }

  private async read(): Promise<string> {
    const answer = await this.ssm.send(new GetParameterCommand({ Name: this.name, WithDecryption: true }));
    const value = answer.Parameter?.Value ?? "";
    if (!value.includes("-----BEGIN CERTIFICATE-----")) {
      throw new Error(`SSM parameter ${this.name} holds no PEM certificate`);
    }
    return value;
  }
}
