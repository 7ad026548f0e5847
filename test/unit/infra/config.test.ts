import { describe, expect, it } from "vitest";
import { parseStageConfig, stageConfigFromContext } from "../../../infra/config.ts";

const dev = {
  stage: "dev",
  senderAddress: "noreply@example.se",
  originalsRetentionDays: 30,
  malwareScanning: "none",
  transitionToInfrequentAccessDays: 30,
  logRetentionDays: 14,
  webOrigin: "http://localhost:5173",
  uploadMaxBytes: 1024,
};

describe("stage configuration from cdk.json context", () => {
  it("defaults to the dev stage and fills optional values", () => {
    // Prepare
    const context: Record<string, unknown> = { stages: { dev } };
    // Act
    const config = stageConfigFromContext((key) => context[key]);
    // Assess
    expect(config).toMatchObject({ stage: "dev", uploadTtlSeconds: 3600, apiRateLimit: 50 });
    expect(config.alarmEmail).toBeUndefined();
  });

  it("names the missing key", () => {
    // Prepare
    const { senderAddress: _omitted, ...withoutSender } = dev;
    // Act
    const parse = () => parseStageConfig({ dev: withoutSender }, "dev");
    // Assess
    expect(parse).toThrow(/"stages\.dev\.senderAddress"/);
  });

  it("refuses a stage that does not say whether it scans uploads for malware, or says something else", () => {
    // Prepare
    const { malwareScanning: _omitted, ...withoutScanning } = dev;
    // Act
    const missing = () => parseStageConfig({ dev: withoutScanning }, "dev");
    const unknown = () => parseStageConfig({ dev: { ...dev, malwareScanning: "clamav" } }, "dev");
    const guardduty = parseStageConfig({ dev: { ...dev, malwareScanning: "guardduty" } }, "dev");
    // Assess
    expect(missing).toThrow(/"stages\.dev\.malwareScanning": must be "guardduty" or "none"/);
    expect(unknown).toThrow(/"stages\.dev\.malwareScanning": must be "guardduty" or "none"/);
    expect(guardduty.malwareScanning).toBe("guardduty");
  });

  it("rejects a sign-in domain prefix that Cognito reserves", () => {
    // Act
    const parse = () => parseStageConfig({ dev: { ...dev, authDomainPrefix: "statsbidrag-cognito" } }, "dev");
    // Assess
    expect(parse).toThrow(/stages\.dev\.authDomainPrefix.*must not contain aws, amazon or cognito/);
  });

  it("accepts a web certificate only from us-east-1, where CloudFront reads certificates", () => {
    // Prepare
    const arn = (region: string) =>
      `arn:aws:acm:${region}:123456789012:certificate/0a1b2c3d-aaaa-bbbb-cccc-0123456789ab`;
    // Act
    const ok = parseStageConfig({ dev: { ...dev, webCertificateArn: arn("us-east-1") } }, "dev");
    const wrongRegion = () =>
      parseStageConfig({ dev: { ...dev, webCertificateArn: arn("eu-north-1") } }, "dev");
    // Assess
    expect(ok.webCertificateArn).toBe(arn("us-east-1"));
    expect(wrongRegion).toThrow(/stages\.dev\.webCertificateArn/);
  });

  it("names an unknown stage and lists the known ones", () => {
    // Act
    const parse = () => parseStageConfig({ dev }, "prod");
    // Assess
    expect(parse).toThrow('context "stages.prod" is missing (known stages: dev)');
  });

  it("rejects values AWS would refuse at deploy time", () => {
    // Act
    const parse = () =>
      parseStageConfig({ dev: { ...dev, logRetentionDays: 10, transitionToInfrequentAccessDays: 7 } }, "dev");
    // Assess
    expect(parse).toThrow(/stages\.dev\.transitionToInfrequentAccessDays/);
    expect(parse).toThrow(/stages\.dev\.logRetentionDays/);
  });

  it("deploys to Stockholm and limits each IP to 2000 requests in 5 minutes unless the stage says otherwise", () => {
    // Act
    const config = parseStageConfig({ dev }, "dev");
    const elsewhere = parseStageConfig(
      { dev: { ...dev, region: "eu-west-1", webRateLimitPerIp: 500 } },
      "dev",
    );
    const notARegion = () => parseStageConfig({ dev: { ...dev, region: "Stockholm" } }, "dev");
    // Assess
    expect(config).toMatchObject({ region: "eu-north-1", webRateLimitPerIp: 2000 });
    expect(config.apiDomain).toBeUndefined();
    expect(elsewhere).toMatchObject({ region: "eu-west-1", webRateLimitPerIp: 500 });
    expect(notARegion).toThrow(/stages\.dev\.region/);
  });

  it("accepts the API's own domain only with a certificate in the stage's region", () => {
    // Prepare
    const apiDomain = (region: string) => ({
      name: "api.statsbidrag.example.se",
      certificateArn: `arn:aws:acm:${region}:123456789012:certificate/0a1b2c3d-aaaa-bbbb-cccc-0123456789ab`,
    });
    // Act
    const ok = parseStageConfig({ dev: { ...dev, apiDomain: apiDomain("eu-north-1") } }, "dev");
    const wrongRegion = () => parseStageConfig({ dev: { ...dev, apiDomain: apiDomain("us-east-1") } }, "dev");
    const notAHost = () =>
      parseStageConfig(
        { dev: { ...dev, apiDomain: { ...apiDomain("eu-north-1"), name: "https://api" } } },
        "dev",
      );
    // Assess
    expect(ok.apiDomain?.name).toBe("api.statsbidrag.example.se");
    expect(wrongRegion).toThrow(/stages\.dev\.apiDomain\.certificateArn" is in us-east-1/);
    expect(notAHost).toThrow(/stages\.dev\.apiDomain\.name/);
  });

  it("trusts no CA unless the stage names a trust list file, which must be a path on one line", () => {
    // Act
    const none = parseStageConfig({ dev }, "dev");
    const named = parseStageConfig(
      { dev: { ...dev, trustAnchorsFile: "config/trust-anchors/dev.pem" } },
      "dev",
    );
    const empty = () => parseStageConfig({ dev: { ...dev, trustAnchorsFile: "" } }, "dev");
    const twoLines = () => parseStageConfig({ dev: { ...dev, trustAnchorsFile: "a.pem\nb.pem" } }, "dev");
    // Assess
    expect(none.trustAnchorsFile).toBeUndefined();
    expect(named.trustAnchorsFile).toBe("config/trust-anchors/dev.pem");
    expect(empty).toThrow(/stages\.dev\.trustAnchorsFile/);
    expect(twoLines).toThrow(/stages\.dev\.trustAnchorsFile/);
  });

  it("rejects a web origin with a path", () => {
    // Act
    const parse = () => parseStageConfig({ dev: { ...dev, webOrigin: "https://a.se/app" } }, "dev");
    // Assess
    expect(parse).toThrow(/stages\.dev\.webOrigin/);
  });
});
