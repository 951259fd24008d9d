import { CfnOutput, Duration, Stack, type StackProps } from 'aws-cdk-lib';
import { type ISecret, Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { NagSuppressions } from 'cdk-nag';
import type { Construct } from 'constructs';
import type { DeployedProvider, ExampleSettings } from './context';
import { SETTINGS } from '../src/settings/definitions';
import type { Setting } from '../src/settings/setting';
// Imported as a user of the package imports it (tsconfig.json maps the name to infra/cdk.ts).
import { type ProviderProps, SmsOtpSignIn } from 'cognito-sms-otp/cdk';

export interface SmsOtpStackProps extends StackProps {
  readonly settings: ExampleSettings;
}

/** The example app: a new user pool with SMS sign-in, and what a client needs to use it. */
export class SmsOtpStack extends Stack {
  readonly signIn: SmsOtpSignIn;

  constructor(scope: Construct, id: string, props: SmsOtpStackProps) {
    super(scope, id, props);
    const { settings } = props;

    const provider = this.provider(settings);
    this.signIn = new SmsOtpSignIn(this, 'SignIn', {
      provider,
      settings: settings.function,
      authSessionValidity: settings.authSessionMinutes === undefined ? undefined : Duration.minutes(settings.authSessionMinutes),
      wafRateLimit: settings.wafRateLimit,
      alarmTopic: settings.alarmEmail === undefined ? undefined : this.alarmTopic(settings.alarmEmail),
      // The construct's outputs (UserPoolId, UserPoolClientId, Region, Put<secret>) under their plain names: one construct here.
      outputPrefix: '',
    });

    new CfnOutput(this, 'SecretArn', {
      value: this.signIn.secret.secretArn,
      description: "The provider's first secret: EasyAuth API key, code HMAC key (sns), Solapi API key, or Twilio auth token / API key secret",
    });
    new CfnOutput(this, 'HmacSecretArn', { value: this.signIn.hmacSecret.secretArn, description: "Keys the ledger's phone hashes and the codes' proofs" });
    new CfnOutput(this, 'LedgerTableName', { value: this.signIn.ledgerTable.table.tableName, description: 'The verification ledger (OTP_LEDGER_TABLE)' });
  }

  /** The provider, and its fallback when the context names one, with the existing secrets the context names; the construct creates the others. */
  private provider({ provider: kind, fallbackProvider, secrets }: ExampleSettings): ProviderProps {
    const primary = this.oneProvider(kind, secrets, true);
    if (fallbackProvider === undefined) return primary;
    // The HMAC key is shared: the primary's. The construct refuses a fallback of the primary's kind, in words.
    return { ...primary, fallback: fallbackProvider === kind ? { kind } : this.oneProvider(fallbackProvider, secrets, false) };
  }

  /** One provider with the existing secrets the context names by name or ARN (the HMAC key for every provider). */
  private oneProvider(kind: DeployedProvider, secrets: ExampleSettings['secrets'], withHmac: boolean): ProviderProps {
    const existing = (definition: Setting<unknown>, id: string) =>
      definition === SETTINGS.hmacSecret && !withHmac ? undefined : this.existingSecret(id, secrets[definition.context ?? '']);
    switch (kind) {
      case 'easyauth':
        return { kind, apiKeySecret: existing(SETTINGS.easyAuthApiKey, 'EasyAuthApiKey'), hmacSecret: existing(SETTINGS.hmacSecret, 'OtpHmacSecret') };
      case 'sns':
        return { kind, hmacSecret: existing(SETTINGS.hmacSecret, 'OtpHmacSecret') };
      case 'solapi':
        return {
          kind,
          apiKeySecret: existing(SETTINGS.solapiApiKey, 'SolapiApiKey'),
          apiSecretSecret: existing(SETTINGS.solapiApiSecret, 'SolapiApiSecret'),
          hmacSecret: existing(SETTINGS.hmacSecret, 'OtpHmacSecret'),
        };
      case 'twilio':
        return {
          kind,
          authTokenSecret: existing(SETTINGS.twilioAuthToken, 'TwilioAuthToken'),
          apiKeySecret: existing(SETTINGS.twilioApiKeySecret, 'TwilioApiKeySecret'),
          hmacSecret: existing(SETTINGS.hmacSecret, 'OtpHmacSecret'),
        };
    }
  }

  /** A secret by name, or by ARN (complete when it ends in Secrets Manager's 6-character suffix). */
  private existingSecret(id: string, nameOrArn: string | undefined): ISecret | undefined {
    if (nameOrArn === undefined) return undefined;
    if (!nameOrArn.startsWith('arn:')) return Secret.fromSecretNameV2(this, id, nameOrArn);
    return /-[A-Za-z0-9]{6}$/.test(nameOrArn) ? Secret.fromSecretCompleteArn(this, id, nameOrArn) : Secret.fromSecretPartialArn(this, id, nameOrArn);
  }

  private alarmTopic(email: string): Topic {
    const topic = new Topic(this, 'Alarms', { displayName: 'SMS sign-in alarms', enforceSSL: true });
    topic.addSubscription(new EmailSubscription(email));
    NagSuppressions.addResourceSuppressions(topic, [
      {
        id: 'AwsSolutions-SNS2',
        reason: 'Alarm notices hold no user data; CloudWatch cannot publish to a topic under the AWS-managed SNS key, and a customer key costs a monthly fee.',
      },
    ]);
    return topic;
  }
}
