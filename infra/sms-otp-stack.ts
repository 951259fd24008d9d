import { Aws, CfnOutput, Duration, Stack, type StackProps } from 'aws-cdk-lib';
import { type ISecret, Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { NagSuppressions } from 'cdk-nag';
import type { Construct } from 'constructs';
import type { ExampleSettings } from './context';
import { SETTINGS } from '../src/settings/definitions';
import { PROVIDER_SECRET } from './function-environment';
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

    this.signIn = new SmsOtpSignIn(this, 'SignIn', {
      provider: this.provider(settings),
      settings: settings.function,
      authSessionValidity: settings.authSessionMinutes === undefined ? undefined : Duration.minutes(settings.authSessionMinutes),
      wafRateLimit: settings.wafRateLimit,
      alarmTopic: settings.alarmEmail === undefined ? undefined : this.alarmTopic(settings.alarmEmail),
    });

    new CfnOutput(this, 'UserPoolId', { value: this.signIn.userPool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { value: this.signIn.userPoolClient.userPoolClientId });
    new CfnOutput(this, 'Region', { value: Aws.REGION });
    new CfnOutput(this, 'SecretArn', { value: this.signIn.secret.secretArn, description: 'EasyAuth API key (easyauth) or code HMAC key (sns)' });
    new CfnOutput(this, 'HmacSecretArn', { value: this.signIn.hmacSecret.secretArn, description: "Keys the ledger's phone hashes and the codes' proofs" });
    new CfnOutput(this, 'LedgerTableName', { value: this.signIn.ledgerTable.table.tableName, description: 'The verification ledger (OTP_LEDGER_TABLE)' });
    if (settings.provider === 'easyauth' && this.secretName(settings) === undefined) {
      new CfnOutput(this, 'PutEasyAuthApiKey', {
        description: 'The created secret holds no key yet: run this once, with your key',
        value: `aws secretsmanager put-secret-value --secret-id ${this.signIn.secret.secretArn} --secret-string "$EASYAUTH_API_KEY"`,
      });
    }
  }

  private provider(settings: ExampleSettings): ProviderProps {
    // Every provider takes the HMAC key (the ledger's phone hashes); for sns it is the provider's own secret too.
    const hmacSecret = this.existingSecret('OtpHmacSecret', settings.secrets[SETTINGS.hmacSecret.context ?? '']);
    if (settings.provider === 'easyauth')
      return { kind: 'easyauth', apiKeySecret: this.existingSecret('EasyAuthApiKey', this.secretName(settings)), hmacSecret };
    return { kind: 'sns', hmacSecret };
  }

  /** The existing secret the context names for the provider's secret setting, if any. */
  private secretName(settings: ExampleSettings): string | undefined {
    return settings.secrets[PROVIDER_SECRET[settings.provider].context ?? ''];
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
