import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { PASSWORD_POLICY } from '../../infra/password-policy';
import { LEDGER_FAILURE_PATTERN, PHONE_VERIFICATION_FAILURE_PATTERN, PROVIDER_FAILURE_PATTERN, SIGN_UP_REFUSAL_PATTERN } from '../../infra/sign-in-alarms';
import { UNSET_SECRET_VALUE } from '../../src/adapters/runtime/unset-secret';
import { exampleStack, LEDGER_TABLE_RESOURCE, unsuppressedNagFindings } from '../support/cdk';

// Act, once for the whole file (each test below only assesses): synth the example app with the easyauth provider and every default.
// Template.fromStack also refuses a template with a dependency cycle, which CloudFormation would reject.
const { stack, template } = exampleStack();
const resources = (type: string) => template.findResources(type);
const onlyId = (type: string) => {
  const ids = Object.keys(resources(type));
  expect(ids).toHaveLength(1);
  return ids[0] as string;
};
/** The logical id of the construct's secret with this construct id. */
const secretId = (constructId: string) => {
  const ids = Object.keys(resources('AWS::SecretsManager::Secret')).filter((id) => id.startsWith(`SignIn${constructId}`));
  expect(ids).toHaveLength(1);
  return ids[0] as string;
};

describe('the example stack (easyauth, defaults)', () => {
  it('has one application function, attached to every trigger of the pool', () => {
    // Assess
    const fn = onlyId('AWS::Lambda::Function');
    const arn = { 'Fn::GetAtt': [fn, 'Arn'] };

    template.hasResourceProperties('AWS::Cognito::UserPool', {
      LambdaConfig: {
        DefineAuthChallenge: arn,
        CreateAuthChallenge: arn,
        VerifyAuthChallengeResponse: arn,
        PreSignUp: arn,
        PostAuthentication: arn,
      },
    });
    expect(Object.values(resources('AWS::Lambda::Permission')).map((p) => p.Properties)).toEqual(
      Array(5).fill(expect.objectContaining({ FunctionName: arn, Principal: 'cognito-idp.amazonaws.com' })),
    );
  });

  it("runs Node.js 22 on ARM64, inside Cognito's 5 s, with a log group that expires", () => {
    // Assess
    template.hasResourceProperties('AWS::Lambda::Function', {
      Runtime: 'nodejs22.x',
      Architectures: ['arm64'],
      Timeout: 5,
      MemorySize: 256,
      Handler: 'index.handler',
      LoggingConfig: { LogGroup: { Ref: onlyId('AWS::Logs::LogGroup') } },
    });
    template.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 30 });
  });

  it('creates a pool where the phone number signs in, without SMS MFA', () => {
    // Assess
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      UsernameAttributes: ['phone_number'],
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: false },
      MfaConfiguration: 'OFF',
    });
  });

  it('keeps the proven number until a new one is verified by Cognito (keepOriginal), through its own SMS role', () => {
    // Prepare
    const [roleId] = Object.keys(
      template.findResources('AWS::IAM::Role', {
        Properties: { AssumeRolePolicyDocument: { Statement: [Match.objectLike({ Principal: { Service: 'cognito-idp.amazonaws.com' } })] } },
      }),
    );

    // Assess
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      AutoVerifiedAttributes: ['phone_number'],
      UserAttributeUpdateSettings: { AttributesRequireVerificationBeforeUpdate: ['phone_number'] },
      SmsConfiguration: { SnsCallerArn: { 'Fn::GetAtt': [roleId, 'Arn'] }, ExternalId: Match.anyValue() },
      AccountRecoverySetting: { RecoveryMechanisms: [{ Name: 'admin_only', Priority: 1 }] },
    });
    template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: {
        Statement: [
          Match.objectLike({ Condition: { StringEquals: { 'sts:ExternalId': Match.anyValue() } }, Principal: { Service: 'cognito-idp.amazonaws.com' } }),
        ],
      },
      Policies: [{ PolicyName: 'sns-publish', PolicyDocument: Match.objectLike({ Statement: [{ Action: 'sns:Publish', Effect: 'Allow', Resource: '*' }] }) }],
    });
  });

  it('sets the password policy the local playground checks', () => {
    // Assess
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      Policies: {
        PasswordPolicy: Match.objectLike({
          MinimumLength: PASSWORD_POLICY.minLength,
          RequireNumbers: PASSWORD_POLICY.requireDigits,
          RequireLowercase: PASSWORD_POLICY.requireLowercase,
          RequireUppercase: PASSWORD_POLICY.requireUppercase,
          RequireSymbols: PASSWORD_POLICY.requireSymbols,
        }),
      },
    });
  });

  it('has a public client for custom auth and refresh only, hiding whether a user exists', () => {
    // Assess
    template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      GenerateSecret: false,
      ExplicitAuthFlows: ['ALLOW_CUSTOM_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
      PreventUserExistenceErrors: 'ENABLED',
      AuthSessionValidity: 3,
      AllowedOAuthFlowsUserPoolClient: false,
    });
  });

  it("gives the function the secrets' ids only, the ledger's name, and GetSecretValue on exactly the API key and the HMAC key", () => {
    // Assess
    const apiKey = secretId('EasyAuthApiKey');
    const hmac = secretId('OtpHmacSecret');
    const fn = Object.values(resources('AWS::Lambda::Function'))[0];

    expect(Object.keys(resources('AWS::SecretsManager::Secret')).sort()).toEqual([apiKey, hmac].sort());
    expect(fn?.Properties.Environment.Variables).toEqual({
      OTP_PROVIDER: 'easyauth',
      EASYAUTH_API_KEY_SECRET_ID: { Ref: apiKey },
      OTP_HMAC_SECRET_ID: { Ref: hmac },
      OTP_LEDGER_TABLE: { Ref: onlyId('AWS::DynamoDB::Table') },
      OTP_METRICS_NAMESPACE: expect.stringMatching(/^CognitoSmsOtp\//),
    });
    const secretStatements = Object.values(resources('AWS::IAM::Policy'))
      .flatMap((policy) => policy.Properties.PolicyDocument.Statement)
      .filter((statement) => JSON.stringify(statement.Action).includes('secretsmanager:'));
    expect(secretStatements).toEqual([
      { Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: { Ref: apiKey } },
      { Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: { Ref: hmac } },
    ]);
    template.hasResourceProperties('AWS::SecretsManager::Secret', { GenerateSecretString: { PasswordLength: 64, ExcludePunctuation: true } });
  });

  it('creates the verification ledger: pk only, on demand, TTL on expiresAt, encrypted, deleted with the stack', () => {
    // Assess
    template.hasResource('AWS::DynamoDB::Table', LEDGER_TABLE_RESOURCE);
    template.hasOutput('LedgerTableName', { Value: { Ref: onlyId('AWS::DynamoDB::Table') } });
  });

  it('lets the function make exactly UpdateItem and GetItem, on the ledger table alone', () => {
    // Assess
    const table = onlyId('AWS::DynamoDB::Table');
    const dynamoStatements = Object.values(resources('AWS::IAM::Policy'))
      .flatMap((policy) => policy.Properties.PolicyDocument.Statement)
      .filter((statement) => JSON.stringify(statement.Action).includes('dynamodb:'));

    expect(dynamoStatements).toEqual([{ Effect: 'Allow', Action: ['dynamodb:UpdateItem', 'dynamodb:GetItem'], Resource: [{ 'Fn::GetAtt': [table, 'Arn'] }] }]);
  });

  it('holds no API key: the created secret says it is unset, and the stack says how to fill it', () => {
    // Assess
    template.hasResourceProperties('AWS::SecretsManager::Secret', { SecretString: UNSET_SECRET_VALUE });
    expect(JSON.stringify(template.toJSON())).not.toMatch(/EASYAUTH_API_KEY"|OTP_HMAC_SECRET"/);
    template.hasOutput('PutEasyAuthApiKey', {
      Value: {
        'Fn::Join': ['', ['aws secretsmanager put-secret-value --secret-id ', { Ref: secretId('EasyAuthApiKey') }, ' --secret-string "$EASYAUTH_API_KEY"']],
      },
    });
  });

  it('lets the function update attributes and read its app clients on its own pool, in a policy of its own', () => {
    // Assess
    const pool = onlyId('AWS::Cognito::UserPool');
    const statements = Object.values(resources('AWS::IAM::Policy'))
      .flatMap((policy) => policy.Properties.PolicyDocument.Statement)
      .filter((statement) => JSON.stringify(statement.Action).includes('cognito-idp:'));

    expect(statements).toEqual([
      {
        Effect: 'Allow',
        Action: ['cognito-idp:AdminUpdateUserAttributes', 'cognito-idp:DescribeUserPoolClient'],
        Resource: { 'Fn::GetAtt': [pool, 'Arn'] },
      },
    ]);
    template.hasResource('AWS::Lambda::Function', { DependsOn: Match.not(Match.arrayWith([Match.stringLikeRegexp('UpdateUserAttributes')])) });
  });

  it('rate-limits each IP with a WAF web ACL on the pool', () => {
    // Assess
    template.hasResourceProperties('AWS::WAFv2::WebACL', {
      Scope: 'REGIONAL',
      DefaultAction: { Allow: {} },
      Rules: [
        Match.objectLike({ Action: { Block: {} }, Statement: { RateBasedStatement: { Limit: 500, EvaluationWindowSec: 300, AggregateKeyType: 'IP' } } }),
        Match.objectLike({
          OverrideAction: { None: {} },
          Statement: { ManagedRuleGroupStatement: { VendorName: 'AWS', Name: 'AWSManagedRulesAmazonIpReputationList' } },
        }),
        Match.objectLike({
          OverrideAction: { None: {} },
          Statement: { ManagedRuleGroupStatement: { VendorName: 'AWS', Name: 'AWSManagedRulesAnonymousIpList' } },
        }),
      ],
    });
    template.hasResourceProperties('AWS::WAFv2::WebACLAssociation', {
      ResourceArn: { 'Fn::GetAtt': [onlyId('AWS::Cognito::UserPool'), 'Arn'] },
      WebACLArn: { 'Fn::GetAtt': [onlyId('AWS::WAFv2::WebACL'), 'Arn'] },
    });
  });

  it('alarms on function errors (less sign-ups refused for the user’s input), throttles, and provider, phone-verification and ledger failures counted from the logs', () => {
    // Assess
    const fn = { Name: 'FunctionName', Value: { Ref: onlyId('AWS::Lambda::Function') } };
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Threshold: 5,
      Metrics: Match.arrayWith([
        Match.objectLike({ Expression: 'FILL(errors, 0) - FILL(refusals, 0)' }),
        Match.objectLike({ Id: 'errors', MetricStat: Match.objectLike({ Metric: { MetricName: 'Errors', Namespace: 'AWS/Lambda', Dimensions: [fn] } }) }),
        Match.objectLike({ Id: 'refusals', MetricStat: Match.objectLike({ Metric: Match.objectLike({ MetricName: 'SignUpRefusals' }) }) }),
      ]),
    });
    template.hasResourceProperties('AWS::Logs::MetricFilter', {
      FilterPattern: SIGN_UP_REFUSAL_PATTERN.logPatternString,
      MetricTransformations: [Match.objectLike({ MetricName: 'SignUpRefusals', MetricValue: '1' })],
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'Throttles', Namespace: 'AWS/Lambda', Dimensions: [fn], Threshold: 1 });
    template.hasResourceProperties('AWS::Logs::MetricFilter', {
      LogGroupName: { Ref: onlyId('AWS::Logs::LogGroup') },
      FilterPattern: PROVIDER_FAILURE_PATTERN.logPatternString,
      MetricTransformations: [{ MetricName: 'ProviderFailures', MetricNamespace: Match.stringLikeRegexp('^CognitoSmsOtp/'), MetricValue: '1' }],
    });
    template.hasResourceProperties('AWS::Logs::MetricFilter', {
      LogGroupName: { Ref: onlyId('AWS::Logs::LogGroup') },
      FilterPattern: PHONE_VERIFICATION_FAILURE_PATTERN.logPatternString,
      MetricTransformations: [{ MetricName: 'PhoneVerificationFailures', MetricNamespace: Match.stringLikeRegexp('^CognitoSmsOtp/'), MetricValue: '1' }],
    });
    const filter = Object.values(resources('AWS::Logs::MetricFilter'))[0]?.Properties.MetricTransformations[0];
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'ProviderFailures',
      Namespace: filter.MetricNamespace,
      Threshold: 3,
      TreatMissingData: 'notBreaching',
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'PhoneVerificationFailures', Namespace: filter.MetricNamespace, Threshold: 5 });
    template.hasResourceProperties('AWS::Logs::MetricFilter', {
      LogGroupName: { Ref: onlyId('AWS::Logs::LogGroup') },
      FilterPattern: LEDGER_FAILURE_PATTERN.logPatternString,
      MetricTransformations: [{ MetricName: 'LedgerFailures', MetricNamespace: filter.MetricNamespace, MetricValue: '1' }],
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'LedgerFailures', Namespace: filter.MetricNamespace, Threshold: 1 });
    template.resourceCountIs('AWS::CloudWatch::Alarm', 8);
    template.resourceCountIs('AWS::SNS::Topic', 0);
  });

  it('outputs what a client needs: pool id, client id and region', () => {
    // Assess
    template.hasOutput('UserPoolId', { Value: { Ref: onlyId('AWS::Cognito::UserPool') } });
    template.hasOutput('UserPoolClientId', { Value: { Ref: onlyId('AWS::Cognito::UserPoolClient') } });
    template.hasOutput('Region', { Value: { Ref: 'AWS::Region' } });
  });

  it("passes cdk-nag's AwsSolutions checks, every suppression with its reason", () => {
    // Assess
    expect(unsuppressedNagFindings(stack)).toEqual([]);
    const suppressions = Object.values(
      template.toJSON().Resources as Record<string, { Metadata?: { cdk_nag?: { rules_to_suppress: { reason: string }[] } } }>,
    ).flatMap((resource) => resource.Metadata?.cdk_nag?.rules_to_suppress ?? []);
    expect(suppressions.length).toBeGreaterThan(0);
    for (const { reason } of suppressions) expect(reason.length).toBeGreaterThan(40);
  });
});
