import { Annotations, CfnOutput, Duration, Names, SecretValue, Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { type ISecret, Secret } from 'aws-cdk-lib/aws-secretsmanager';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { UNSET_SECRET_VALUE } from '../src/adapters/runtime/unset-secret';
import { HANDLER, handlerCode } from './handler-code';
import { NagSuppressions } from './nag-suppressions';
import { PASSWORD_POLICY } from './password-policy';
import { type FunctionSettings, functionEnvironment, type ProviderProps, type ProviderSecret, providerSecrets } from './function-environment';
import { LedgerTable } from './ledger-table';
import { SignInAlarms } from './sign-in-alarms';
import { SignInDashboard, type SignInDashboardProps } from './sign-in-dashboard';
import { DEFAULT_METRICS_NAMESPACE } from '../src/adapters/metrics/metric-names';
import { SETTINGS } from '../src/settings/definitions';
import { PoolRateLimit } from './pool-rate-limit';

export interface SmsOtpSignInProps {
  /** Who sends and checks the codes. */
  readonly provider: ProviderProps;
  /**
   * The function's settings by context key (`otpCodeLength`, `snsSenderId`, `logLevel`, …: docs/configuration.md); those
   * that do not apply to the provider are left out. Checked at synth by the function's own reader. @default the function's defaults
   */
  readonly settings?: FunctionSettings;
  /**
   * A pool to sign in to. A `UserPool` defined in this CDK app (an Amplify Gen 2 backend's pool
   * included) gets the triggers attached. A pool imported by id or ARN cannot: CloudFormation sets
   * triggers only on the pool's own resource; see `attachTriggersYourself`.
   * @default a new pool with the phone number as the sign-in name and self sign-up on
   */
  readonly userPool?: cognito.IUserPool;
  /**
   * For an imported pool: deploy the function and let Cognito invoke it; you attach it to the pool's
   * custom-auth, pre sign-up and post authentication triggers outside this app.
   * @default false: an imported pool fails the synth, saying so
   */
  readonly attachTriggersYourself?: boolean;
  /** How long each round's session token lasts (Cognito's AuthSessionValidity): 3 to 15 minutes. @default 3 minutes */
  readonly authSessionValidity?: Duration;
  /** Requests per client IP per 5 minutes before WAF blocks it, or `false` for no web ACL. @default 500 */
  readonly wafRateLimit?: number | false;
  /** AWS's managed IP-reputation rule group in the web ACL (with `wafRateLimit`). @default true */
  readonly wafIpReputation?: boolean;
  /** AWS's managed anonymous-IP rule group (VPNs, Tor, hosting providers) in the web ACL. @default true */
  readonly wafAnonymousIp?: boolean;
  /**
   * Reserved concurrency of the function, so that a flood of sign-ins cannot take the account's whole Lambda
   * concurrency (nor bill past it), or `false` for none. Opt-in: Lambda keeps 100 unreserved per account, and where
   * the account limit is 10, as in many new accounts, any reservation fails the deployment. Without it, the web ACL,
   * the per-phone, per-range and pool-wide SMS limits still bound what a flood can send. A sign-in takes a handful of
   * short invocations: 20 serves hundreds of sign-ins a minute. @default false: none reserved
   */
  readonly reservedConcurrency?: number | false;
  /** Alarm thresholds and the budget line of the fraud and cost dashboard (infra/sign-in-dashboard.ts). @default its defaults */
  readonly dashboard?: Pick<SignInDashboardProps, 'smsBudgetPerHour' | 'minConversion' | 'conversionMinSends' | 'refusalSpike'>;
  /**
   * The fraud and cost dashboard (infra/sign-in-dashboard.ts); `false` for none, its alarms kept. 3 dashboards per
   * account are free, each further one costs a monthly fee (docs/cost.md). @default true
   */
  readonly cloudWatchDashboard?: boolean;
  /** Where alarms notify. @default alarms without actions */
  readonly alarmTopic?: ITopic;
  /** How long the function's logs are kept. @default one month */
  readonly logRetention?: RetentionDays;
  /**
   * Stack outputs, so that `cdk deploy` prints what an app needs: `UserPoolId`, `UserPoolClientId`, `Region`, and per
   * secret created empty, `Put<secret>`: the command that fills it (`secretsToFill`). @default true
   */
  readonly outputs?: boolean;
  /** What the outputs' names start with, to tell two constructs in one stack apart. @default this construct's id (`SignIn` → `SignInUserPoolId`) */
  readonly outputPrefix?: string;
}

/** A secret the construct created empty, for you to put once after the first deploy, and the command that puts it. */
export interface SecretToFill {
  /** The function's variable it fills (`EASYAUTH_API_KEY`); the command reads the value from the shell variable of that name. */
  readonly variable: string;
  /** Its construct id, which names its output (`Put<id>`), e.g. `EasyAuthApiKey`. */
  readonly id: string;
  readonly secret: ISecret;
  /** `aws secretsmanager put-secret-value --secret-id <its ARN> --secret-string "$EASYAUTH_API_KEY"` (the ARN a token until deploy). */
  readonly command: string;
}

/** Every trigger the router handles; one function serves them all. */
const TRIGGERS = [
  cognito.UserPoolOperation.DEFINE_AUTH_CHALLENGE,
  cognito.UserPoolOperation.CREATE_AUTH_CHALLENGE,
  cognito.UserPoolOperation.VERIFY_AUTH_CHALLENGE_RESPONSE,
  cognito.UserPoolOperation.PRE_SIGN_UP,
  cognito.UserPoolOperation.POST_AUTHENTICATION,
];

/**
 * Passwordless sign-in by phone number and SMS code on a Cognito user pool: one Lambda for all of
 * its triggers, the provider's secret, a public app client for CUSTOM_AUTH, WAF and alarms.
 */
export class SmsOtpSignIn extends Construct {
  readonly userPool: cognito.IUserPool;
  readonly userPoolClient: cognito.UserPoolClient;
  /** The region the pool is in, as the client's configuration wants it (a token in an environment-agnostic stack). */
  readonly region: string;
  readonly function: lambda.Function;
  /** The provider's first secret: the EasyAuth API key, the SNS codes' HMAC key, Solapi's API key, or Twilio's auth token or API key secret. */
  readonly secret: ISecret;
  /** Every secret the function reads, by the variable it fills (e.g. `SOLAPI_API_SECRET`), the fallback's included; it may read these and no others. */
  readonly secrets: Readonly<Record<string, ISecret>>;
  /** The secrets created empty, each with the command that fills it: none for sns, nor for a secret given in the props. */
  readonly secretsToFill: readonly SecretToFill[];
  /** The HMAC key of the ledger's phone hashes and of the codes' proofs (every provider has one; for sns it is also `secret`). */
  readonly hmacSecret: ISecret;
  /** The verification ledger (one item per phone hash): attempts, single use, send waits and caps. */
  readonly ledgerTable: LedgerTable;
  readonly logGroup: LogGroup;
  readonly alarms: SignInAlarms;
  readonly dashboard: SignInDashboard;

  constructor(scope: Construct, id: string, props: SmsOtpSignInProps) {
    super(scope, id);
    const sessionValidity = props.authSessionValidity ?? Duration.minutes(3);
    checkSessionValidity(sessionValidity);

    const wanted = providerSecrets(props.provider, props.settings);
    const secrets = wanted.map((one) => [one.setting.env, one.given ?? this.newSecret(one)] as const);
    this.secrets = Object.fromEntries(secrets);
    this.secret = secrets[0]![1];
    this.secretsToFill = wanted
      .filter(({ given, create }) => given === undefined && create === 'empty')
      .map(({ setting: { env: variable }, id }) => ({
        variable,
        id,
        secret: this.secrets[variable]!,
        command: putSecretCommand(this.secrets[variable]!, variable),
      }));
    // Every provider needs the HMAC key: it keys the ledger's phone hashes, whoever makes the codes.
    this.hmacSecret = this.secrets[SETTINGS.hmacSecret.env]!;
    this.ledgerTable = new LedgerTable(this, 'Ledger');
    const environment = functionEnvironment(props.provider, this.secrets, { ledgerTableName: this.ledgerTable.table.tableName }, props.settings);
    // One namespace per construct, so two deployments in one account never add up.
    const metricsNamespace = `${DEFAULT_METRICS_NAMESPACE}/${Names.uniqueId(this)}`;
    environment[SETTINGS.metricsNamespace.env] = metricsNamespace;

    this.logGroup = new LogGroup(this, 'Logs', { retention: props.logRetention ?? RetentionDays.ONE_MONTH });
    const role = new iam.Role(this, 'Role', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    this.logGroup.grantWrite(role);
    this.function = new lambda.Function(this, 'Function', {
      // Prebuilt by scripts/bundle.ts's esbuild options: the bundle the bundle test runs.
      code: handlerCode(),
      handler: HANDLER,
      runtime: lambda.Runtime.NODEJS_22_X,
      architecture: lambda.Architecture.ARM_64,
      // Cognito waits about 5 s for a trigger, then fails the sign-in (and may retry). The common advice to
      // raise the timeout to 10 s cannot help: past 5 s the function only does work nobody waits for. Our
      // outbound calls end within 4 s (src/router.ts), so 5 s leaves room for the rest of the invocation.
      timeout: Duration.seconds(5),
      // Lambda's CPU share grows with memory, and a cold start (loading the bundle, reading the secret)
      // counts against Cognito's 5 s: 256 MB buys twice 128 MB's CPU for the few invocations of a sign-in.
      memorySize: 256,
      reservedConcurrentExecutions: reservedConcurrency(props.reservedConcurrency),
      role,
      logGroup: this.logGroup,
      environment,
    });
    for (const secret of Object.values(this.secrets)) this.grantSecretValue(role, secret);
    this.ledgerTable.grantLedgerAccess(role);
    const kinds = [props.provider.kind, ...(props.provider.fallback ? [props.provider.fallback.kind] : [])];
    if (kinds.includes('sns')) this.grantSmsToPhoneNumbers(role);

    this.userPool = props.userPool ?? this.createUserPool();
    this.attachTriggers(this.userPool, props.attachTriggersYourself ?? false);
    this.grantUpdateUserAttributes(role, this.userPool);
    this.userPoolClient = this.userPool.addClient('Client', {
      generateSecret: false,
      authFlows: { custom: true },
      preventUserExistenceErrors: true,
      authSessionValidity: sessionValidity,
      disableOAuth: true,
    });
    this.region = Stack.of(this).region;

    if (props.wafRateLimit !== false) {
      const waf = { ipReputation: props.wafIpReputation ?? true, anonymousIp: props.wafAnonymousIp ?? true };
      new PoolRateLimit(this, 'RateLimit', { userPool: this.userPool, limit: props.wafRateLimit ?? 500, ...waf });
    }
    this.alarms = new SignInAlarms(this, 'Alarms', { function: this.function, logGroup: this.logGroup, topic: props.alarmTopic });
    this.dashboard = new SignInDashboard(this, 'Dashboard', {
      function: this.function,
      namespace: metricsNamespace,
      topic: props.alarmTopic,
      draw: props.cloudWatchDashboard,
      provider: props.provider.kind,
      fallback: props.provider.fallback?.kind,
      ...props.dashboard,
    });
    this.suppressAcceptedFindings();
    if (props.outputs ?? true) this.addOutputs(props.outputPrefix ?? id.replace(/[^A-Za-z0-9]/g, ''));
  }

  /** Named `<prefix><name>` in the stack, not by CDK's path hash, so that `cdk deploy` prints readable names. */
  private addOutputs(prefix: string): void {
    // CloudFormation takes letters and digits only in an output's name, and would refuse the deploy, not the synth.
    if (!/^[A-Za-z0-9]*$/.test(prefix)) throw new Error(`SmsOtpSignIn: outputPrefix is "${prefix}": it accepts letters and digits only`);
    const output = (name: string, value: string, description: string) =>
      new CfnOutput(this, name, { value, description }).overrideLogicalId(`${prefix}${name}`);
    output('UserPoolId', this.userPool.userPoolId, "The user pool: your client's userPoolId");
    output('UserPoolClientId', this.userPoolClient.userPoolClientId, "The code-only app client: your client's userPoolClientId");
    output('Region', this.region, "The pool's region");
    for (const { variable, id, command } of this.secretsToFill) {
      output(`Put${id}`, command, `The secret for ${variable} holds no value yet: set $${variable} to yours and run this once`);
    }
  }

  private createUserPool(): cognito.UserPool {
    return new cognito.UserPool(this, 'UserPool', {
      signInAliases: { phone: true },
      selfSignUpEnabled: true,
      // Our own code proves the phone at sign-in: PreSignUp auto-confirms without autoVerifyPhone, so Cognito
      // sends nothing at sign-up (an auto-confirmed user gets no code), and PostAuthentication marks the number
      // verified after a correct code. Cognito texts on its own only when a user changes the number: keepOriginal
      // holds the proven number in phone_number until Cognito's own code (through SNS, with the SMS role) proves
      // the new one, so a signed-in user cannot move the sign-in codes to a number nobody proved. keepOriginal
      // needs phone among the auto-verified attributes. No SMS MFA, no password recovery by SMS.
      autoVerify: { phone: true, email: false },
      keepOriginal: { phone: true },
      enableSmsRole: true,
      accountRecovery: cognito.AccountRecovery.NONE,
      mfa: cognito.Mfa.OFF,
      passwordPolicy: PASSWORD_POLICY,
      standardAttributes: { phoneNumber: { required: true, mutable: true } },
      deletionProtection: true,
    });
  }

  private attachTriggers(pool: cognito.IUserPool, yourself: boolean): void {
    if (isUserPoolInThisApp(pool)) {
      for (const operation of TRIGGERS) pool.addTrigger(operation, this.function);
      return;
    }
    if (!yourself) {
      throw new Error(
        `SmsOtpSignIn: the user pool ${pool.node.path} is imported (UserPool.fromUserPoolId/Arn), and CloudFormation can set triggers only on a pool defined in this app. ` +
          'Pass the UserPool construct itself, or set attachTriggersYourself: true and attach the function outside this app.',
      );
    }
    this.function.addPermission('CognitoInvoke', { principal: new iam.ServicePrincipal('cognito-idp.amazonaws.com'), sourceArn: pool.userPoolArn });
    Annotations.of(this).addWarningV2(
      'sms-otp:triggers-not-attached',
      `Attach ${this.node.path}'s function to the pool's DefineAuthChallenge, CreateAuthChallenge, VerifyAuthChallengeResponse, PreSignUp and PostAuthentication triggers yourself.`,
    );
  }

  /**
   * PostAuthentication updates the signed-in user's attributes; PreSignUp asks which flows the sign-up's app client
   * allows (DescribeUserPoolClient), to act only for a code-only client. The grant names the pool, and the pool names
   * the function as its trigger: in the function's default policy, which the function depends on, that would
   * be a cycle. A separate policy, depended on by nothing, is created after both.
   */
  private grantUpdateUserAttributes(role: iam.IRole, pool: cognito.IUserPool): void {
    new iam.Policy(this, 'UpdateUserAttributes', {
      roles: [role],
      statements: [
        new iam.PolicyStatement({ actions: ['cognito-idp:AdminUpdateUserAttributes', 'cognito-idp:DescribeUserPoolClient'], resources: [pool.userPoolArn] }),
      ],
    });
  }

  /** GetSecretValue on this one secret only: not DescribeSecret, not other versions' metadata. */
  private grantSecretValue(role: iam.IRole, secret: ISecret): void {
    // A secret known by name has an ARN ending in 6 random characters that the template cannot know.
    const arn = secret.secretFullArn ?? `${secret.secretArn}-??????`;
    role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['secretsmanager:GetSecretValue'], resources: [arn] }));
    secret.encryptionKey?.grantDecrypt(role);
  }

  /** SMS goes to phone numbers, which have no ARN: every ARN (any topic) is excluded. */
  private grantSmsToPhoneNumbers(role: iam.IRole): void {
    role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['sns:Publish'], notResources: ['arn:aws:sns:*:*:*'] }));
  }

  /** A key issued elsewhere is created empty, for its owner to put once after deploy; the HMAC key is generated. */
  private newSecret({ setting, id, create }: ProviderSecret): Secret {
    const secret =
      create === 'generated'
        ? new Secret(this, id, {
            description: "Keys the HMAC of SMS sign-in codes and of the verification ledger's phone keys",
            generateSecretString: { passwordLength: 64, excludePunctuation: true },
          })
        : new Secret(this, id, {
            description: `${setting.env} for SMS sign-in; put it with aws secretsmanager put-secret-value`,
            secretStringValue: SecretValue.unsafePlainText(UNSET_SECRET_VALUE),
          });
    NagSuppressions.addResourceSuppressions(secret, [
      {
        id: 'AwsSolutions-SMG4',
        reason:
          create === 'generated'
            ? "The HMAC key lives only inside the function; automatic rotation would void the codes in flight and reset the ledger's counters. Put a new value to rotate."
            : `${setting.env} is issued and rotated at the provider; put the new one with put-secret-value, no Lambda rotation applies.`,
      },
    ]);
    return secret;
  }

  private suppressAcceptedFindings(): void {
    NagSuppressions.addResourceSuppressions(this.function, [
      { id: 'AwsSolutions-L1', reason: 'Node.js 22 is the target the bundle is built and tested for (scripts/bundle.ts); both move together.' },
    ]);
    if (this.userPool.node.scope === this) {
      NagSuppressions.addResourceSuppressions(this.userPool, [
        { id: 'AwsSolutions-COG2', reason: 'The SMS code is the sign-in; a second factor by Cognito SMS is the very route this project replaces.' },
        ...['AwsSolutions-COG3', 'AwsSolutions-COG8'].map((id) => ({
          id,
          reason:
            'Threat protection needs the Plus feature plan, paid per active user; the WAF rate limit and the OTP attempt limits guard sign-in. Opt in on the pool if wanted.',
        })),
      ]);
      const smsRole = this.userPool.node.tryFindChild('smsRole');
      if (smsRole) {
        NagSuppressions.addResourceSuppressions(smsRole, [
          {
            id: 'AwsSolutions-IAM5',
            reason:
              "Cognito's own SMS (the code that proves a changed phone number, keepOriginal) goes to phone numbers, which have no ARN: sns:Publish cannot name them. Only cognito-idp may assume the role, with this pool's external id.",
          },
        ]);
      }
    }
  }
}

function isUserPoolInThisApp(pool: cognito.IUserPool): pool is cognito.UserPool {
  // Duck-typed, not instanceof: an Amplify backend may load its own copy of aws-cdk-lib.
  return typeof (pool as Partial<cognito.UserPool>).addTrigger === 'function';
}

function reservedConcurrency(value: number | false | undefined): number | undefined {
  if (value === undefined || value === false) return undefined;
  if (!Number.isInteger(value) || value < 1 || value > 1000) {
    throw new Error(`SmsOtpSignIn: reservedConcurrency is ${value}: it accepts a whole number from 1 to 1000, or false for none`);
  }
  return value;
}

/** Reads the value from the shell variable named for the setting, so that it stays out of the command line as typed. */
function putSecretCommand(secret: ISecret, variable: string): string {
  return `aws secretsmanager put-secret-value --secret-id ${secret.secretArn} --secret-string "$${variable}"`;
}

function checkSessionValidity(validity: Duration): void {
  const minutes = validity.toMinutes({ integral: false });
  if (!Number.isInteger(minutes) || minutes < 3 || minutes > 15) {
    throw new Error(`SmsOtpSignIn: authSessionValidity is ${minutes} minutes: it accepts whole minutes from 3 to 15`);
  }
}
