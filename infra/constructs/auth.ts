import { Aws, Duration, RemovalPolicy } from "aws-cdk-lib";
import {
  AccountRecovery,
  ClientAttributes,
  FeaturePlan,
  Mfa,
  OAuthScope,
  StringAttribute,
  UserPool,
  type UserPoolClient,
  UserPoolClientIdentityProvider,
  type UserPoolDomain,
  UserPoolGroup,
} from "aws-cdk-lib/aws-cognito";
import { Construct } from "constructs";
import { pageFile } from "../../web/src/pages.ts";
import type { StageConfig } from "../config.ts";
import { acknowledge } from "./nag.ts";

function signInDomainPrefix(config: StageConfig): string {
  return config.authDomainPrefix ?? `statsbidrag-${config.stage}`;
}

/** The hosted sign-in domain's origin, known before the domain exists, so the pages' CSP can name it. */
export function signInOrigin(config: StageConfig): string {
  return `https://${signInDomainPrefix(config)}.auth.${Aws.REGION}.amazoncognito.com`;
}

export interface AuthProps {
  readonly config: StageConfig;
  /** https://<host> of the pages, where the hosted sign-in returns. */
  readonly webUrl: string;
}

/**
 * Cognito: the user pool (accounts created by administrators), the officer group, the hosted
 * sign-in domain and the pages' public client. The resources are added to `scope` (the stack),
 * not under this construct, so they keep the logical IDs they were deployed with; a new ID would
 * replace the retained pool and lose every account.
 */
export class Auth extends Construct {
  readonly userPool: UserPool;
  readonly userPoolClient: UserPoolClient;
  readonly signInDomain: UserPoolDomain;

  constructor(scope: Construct, id: string, props: AuthProps) {
    super(scope, id);
    const { config } = props;
    this.userPool = new UserPool(scope, "Users", {
      userPoolName: `statsbidrag-${config.stage}`,
      // Administrators create every account (see README): a municipality must not pick its own.
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      signInCaseSensitive: false,
      autoVerify: { email: true },
      standardAttributes: { email: { required: true, mutable: true } },
      customAttributes: {
        recipient: new StringAttribute({ minLen: 4, maxLen: 4, mutable: true }),
        // An officer's agency (e.g. "kammarkollegiet"): they see and act on its programmes only.
        agency: new StringAttribute({ minLen: 2, maxLen: 40, mutable: true }),
        // What the person may do (shared/auth/roles.ts), space-separated: "preparer signatory
        // certifier" in a municipality, "attestant" at the agency. Set by administrators, or mapped
        // from a federated identity provider's attribute (README "Roles").
        roles: new StringAttribute({ minLen: 0, maxLen: 100, mutable: true }),
        // The job title the report's certification names (e.g. "Ekonomichef").
        title: new StringAttribute({ minLen: 0, maxLen: 100, mutable: true }),
      },
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      // Officers must sign in with a second factor, and Cognito requires MFA per pool, not per
      // group. With MFA optional the hosted sign-in never offers to enrol a factor, so an
      // officer-only rule (a pre-token check) would lock officers out instead; required MFA for
      // everyone makes the hosted sign-in enrol TOTP at the next sign-in. Municipality staff
      // enrol too: they submit money claims, and a second factor is worth the one-time set-up.
      // TOTP only: SMS costs per message and is the weaker factor.
      mfa: Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      featurePlan: FeaturePlan.ESSENTIALS,
      deletionProtection: true,
      // Users and their recipient codes are not in code; losing the pool means re-inviting everyone.
      removalPolicy: RemovalPolicy.RETAIN,
    });
    acknowledge(
      this.userPool,
      "AwsSolutions-COG8",
      "Essentials tier: accounts are created by administrators only (no self sign-up), MFA is " +
        "available; Plus-tier threat protection is billed per MAU and is a product decision, not a default.",
    );
    const signInPage = `${props.webUrl}/${pageFile("sign-in")}`;
    this.userPoolClient = this.userPool.addClient("WebClient", {
      userPoolClientName: "web",
      generateSecret: false,
      authFlows: { userSrp: true },
      preventUserExistenceErrors: true,
      readAttributes: new ClientAttributes()
        .withStandardAttributes({ email: true, emailVerified: true, fullname: true })
        .withCustomAttributes("recipient", "agency", "roles", "title"),
      // An unspecified write list lets a user write every attribute, including custom:recipient,
      // custom:agency and custom:roles, which decide whose data they see and what they may do.
      // Only the name is theirs to change.
      writeAttributes: new ClientAttributes().withStandardAttributes({ fullname: true }),
      // The pages sign in through the hosted UI: authorization code with PKCE (no client
      // secret, no implicit grant), back to the sign-in page, which is also where sign-out ends.
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: [OAuthScope.OPENID, OAuthScope.EMAIL, OAuthScope.PROFILE],
        callbackUrls: [signInPage],
        logoutUrls: [signInPage],
      },
      supportedIdentityProviders: [UserPoolClientIdentityProvider.COGNITO],
      // Sessions expire: the pages keep the ID token only and sign out when it does.
      idTokenValidity: Duration.hours(1),
      accessTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.hours(8),
      enableTokenRevocation: true,
    });
    this.signInDomain = this.userPool.addDomain("SignInDomain", {
      cognitoDomain: { domainPrefix: signInDomainPrefix(config) },
    });
    new UserPoolGroup(scope, "OfficerGroup", {
      userPool: this.userPool,
      groupName: "officer",
      description: "Agency officers: may read and decide on every municipality's submissions",
    });
  }
}
