import { execFileSync } from "node:child_process";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { AssetHashType, DockerImage, Duration, RemovalPolicy, Stack } from "aws-cdk-lib";
import { Certificate } from "aws-cdk-lib/aws-certificatemanager";
import {
  AllowedMethods,
  CachePolicy,
  Distribution,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  HttpVersion,
  OriginProtocolPolicy,
  OriginRequestPolicy,
  PriceClass,
  ResponseHeadersPolicy,
  SecurityPolicyProtocol,
  ViewerProtocolPolicy,
} from "aws-cdk-lib/aws-cloudfront";
import { HttpOrigin, S3BucketOrigin } from "aws-cdk-lib/aws-cloudfront-origins";
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from "aws-cdk-lib/aws-s3";
import { BucketDeployment, CacheControl, Source } from "aws-cdk-lib/aws-s3-deployment";
import { Construct } from "constructs";
import { contentSecurityPolicy, SECURITY_HEADERS } from "../../web/headers.ts";
import { acknowledge, iam5ResourceFinding } from "./nag.ts";
import { PROJECT_ROOT } from "./statsbidrag-function.ts";

export interface WebHostingProps {
  /**
   * The API's host (its custom domain, or the execute-api host when it has none), served on the
   * pages' origin under these path patterns, so the pages need no CORS for it.
   */
  readonly apiOriginHost: string;
  readonly apiPathPatterns: readonly string[];
  /** The WAF web ACL (scope CLOUDFRONT, us-east-1) in front of pages and API alike. */
  readonly webAclArn: string;
  /** Origins besides the pages' own that the pages may connect to (CSP connect-src). */
  readonly connectOrigins: readonly string[];
  /** A custom host name and its us-east-1 certificate; without, the *.cloudfront.net name. */
  readonly domain?: { readonly name: string; readonly certificateArn: string };
  readonly logRetentionDays: number;
}

/** Headers CloudFront sets with typed fields; every other one of SECURITY_HEADERS is a custom header. */
const NATIVE_HEADERS = new Set(["x-content-type-options", "referrer-policy"]);

/**
 * The web pages on S3 behind CloudFront, with the API on the same origin: the default behaviour
 * serves the built pages from a private bucket (origin access control), and one behaviour per
 * top-level API path forwards to the HTTP API uncached. Every response carries the pages'
 * security headers (web/headers.ts, the same list the local server sends) plus HSTS.
 */
export class WebHosting extends Construct {
  readonly bucket: Bucket;
  readonly distribution: Distribution;
  /** https://<host> where the pages are. */
  readonly url: string;
  readonly contentSecurityPolicy: string;

  constructor(scope: Construct, id: string, props: WebHostingProps) {
    super(scope, id);
    const logs = new Bucket(this, "Logs", {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      encryption: BucketEncryption.S3_MANAGED,
      // CloudFront standard logs are delivered with object ACLs.
      objectOwnership: ObjectOwnership.BUCKET_OWNER_PREFERRED,
      lifecycleRules: [{ id: "ExpireLogs", expiration: Duration.days(props.logRetentionDays) }],
      // Who fetched what is an audit trail; it outlives a redeploy of this stack.
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.bucket = new Bucket(this, "Pages", {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      encryption: BucketEncryption.S3_MANAGED,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      serverAccessLogsBucket: logs,
      serverAccessLogsPrefix: "pages-bucket/",
      // Build output, recreated by every deploy: nothing here to keep.
      removalPolicy: RemovalPolicy.DESTROY,
      autoDeleteObjects: true,
    });

    this.contentSecurityPolicy = contentSecurityPolicy(props.connectOrigins);
    const headers = new ResponseHeadersPolicy(this, "SecurityHeaders", {
      comment: "statsbidrag pages: CSP and security headers (web/headers.ts)",
      securityHeadersBehavior: {
        contentSecurityPolicy: { contentSecurityPolicy: this.contentSecurityPolicy, override: true },
        contentTypeOptions: { override: true },
        referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.NO_REFERRER, override: true },
        frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
        strictTransportSecurity: {
          accessControlMaxAge: Duration.days(730),
          includeSubdomains: true,
          override: true,
        },
      },
      customHeadersBehavior: {
        customHeaders: Object.entries(SECURITY_HEADERS)
          .filter(([name]) => !NATIVE_HEADERS.has(name))
          .map(([header, value]) => ({ header, value, override: true })),
      },
    });

    const certificate = props.domain
      ? Certificate.fromCertificateArn(this, "Certificate", props.domain.certificateArn)
      : undefined;
    this.distribution = new Distribution(this, "Distribution", {
      comment: `statsbidrag ${Stack.of(this).stackName}`,
      defaultRootObject: "index.html",
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        cachePolicy: CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: headers,
        compress: true,
      },
      httpVersion: HttpVersion.HTTP2_AND_3,
      // Europe and North America edges: the users are in Sweden.
      priceClass: PriceClass.PRICE_CLASS_100,
      enableLogging: true,
      logBucket: logs,
      logFilePrefix: "distribution/",
      webAclId: props.webAclArn,
      ...(props.domain && certificate
        ? {
            domainNames: [props.domain.name],
            certificate,
            minimumProtocolVersion: SecurityPolicyProtocol.TLS_V1_2_2021,
          }
        : {}),
    });
    const apiOrigin = new HttpOrigin(props.apiOriginHost, {
      protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY,
    });
    for (const pattern of props.apiPathPatterns) {
      this.distribution.addBehavior(pattern, apiOrigin, {
        viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
        allowedMethods: AllowedMethods.ALLOW_ALL,
        cachePolicy: CachePolicy.CACHING_DISABLED,
        // All viewer headers (Authorization, Idempotency-Key) but Host: API Gateway routes by its own host name.
        originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
        responseHeadersPolicy: headers,
      });
    }
    this.url = `https://${props.domain?.name ?? this.distribution.distributionDomainName}`;

    acknowledge(
      this.distribution,
      "AwsSolutions-CFR1",
      "No geo restriction: municipal staff may sign in while travelling; access is controlled by sign-in, not location.",
    );
    if (!props.domain) {
      acknowledge(
        this.distribution,
        "AwsSolutions-CFR4",
        "Only without a custom domain: the default *.cloudfront.net certificate cannot set a minimum " +
          "TLS version. Stages with webCertificateArn get TLSv1.2_2021.",
      );
    }
  }

  /**
   * Uploads the pages and the deployment's config.json. Hashed scripts and styles go first and are
   * never pruned (a tab opened before the deploy may still load them); the HTML and config.json
   * follow, are revalidated by browsers and invalidated at the edge.
   */
  deploy(config: Record<string, unknown>): void {
    const pages = Source.asset(join(PROJECT_ROOT, "web"), {
      assetHashType: AssetHashType.OUTPUT,
      bundling: {
        // Never Docker: the pages are built by web/build.ts with the local esbuild.
        image: DockerImage.fromRegistry("scratch"),
        local: {
          tryBundle(outputDir) {
            execFileSync(
              process.execPath,
              ["--import", "tsx", join(PROJECT_ROOT, "web", "build.ts"), outputDir],
              {
                cwd: PROJECT_ROOT,
                stdio: ["ignore", "ignore", "inherit"],
              },
            );
            // The deployment writes its own config.json (below).
            rmSync(join(outputDir, "config.json"), { force: true });
            return true;
          },
        },
      },
    });
    const assets = new BucketDeployment(this, "DeployAssets", {
      sources: [pages],
      destinationBucket: this.bucket,
      exclude: ["*"],
      include: ["assets/*"],
      prune: false,
      cacheControl: [
        CacheControl.setPublic(),
        CacheControl.maxAge(Duration.days(365)),
        CacheControl.immutable(),
      ],
    });
    const documents = new BucketDeployment(this, "DeployPages", {
      sources: [pages, Source.jsonData("config.json", config)],
      destinationBucket: this.bucket,
      // Not pruned by this deployment: the assets above.
      exclude: ["assets/*"],
      // No invalidation needed (and no cloudfront:CreateInvalidation on "*"): no-cache makes the
      // edge revalidate these small files after CachingOptimized's one-second minimum.
      cacheControl: [CacheControl.noCache()],
    });
    documents.node.addDependency(assets);
    this.acknowledgeDeploymentHandler();
  }

  /** BucketDeployment's handler is CDK's own singleton, one per stack; we do not choose its policy. */
  private acknowledgeDeploymentHandler(): void {
    const stack = Stack.of(this);
    const handler = stack.node.children.find((c) => c.node.id.startsWith("Custom::CDKBucketDeployment"));
    if (!handler) return;
    const cdk = "CDK's BucketDeployment handler (runs at deploy time only, from CloudFormation)";
    acknowledge(
      handler,
      "AwsSolutions-L1",
      `${cdk}: its Python runtime is pinned by aws-cdk-lib, not by us.`,
    );
    acknowledge(
      handler,
      "AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]",
      `${cdk} logs with the basic execution managed policy.`,
    );
    const wildcards = [
      "Action::s3:GetBucket*",
      "Action::s3:GetObject*",
      "Action::s3:List*",
      "Action::s3:Abort*",
      "Action::s3:DeleteObject*",
    ].map((finding) => `AwsSolutions-IAM5[${finding}]`);
    // The bootstrap's asset bucket, named as the stack's region and partition resolve.
    const assets = `arn:${stack.partition}:s3:::cdk-hnb659fds-assets-${stack.account}-${stack.region}/*`;
    for (const finding of [...wildcards, iam5ResourceFinding(handler, assets)]) {
      acknowledge(
        handler,
        finding,
        `${cdk}: reads the build from CDK's asset bucket and syncs it into the pages bucket (grantRead/grantReadWrite).`,
      );
    }
    acknowledge(
      handler,
      iam5ResourceFinding(handler, this.bucket.arnForObjects("*")),
      `${cdk}: writes and prunes every object of the pages bucket, which holds nothing else.`,
    );
  }
}
