import { Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { UserPool } from 'aws-cdk-lib/aws-cognito';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { describe, expect, it } from 'vitest';
import { SmsOtpSignIn } from '../../infra/sms-otp-sign-in';
import { testApp } from '../support/cdk';

const TRIGGERS = ['DefineAuthChallenge', 'CreateAuthChallenge', 'VerifyAuthChallengeResponse', 'PreSignUp', 'PostAuthentication'];

describe('SmsOtpSignIn on a pool the user already has', () => {
  it("attaches every trigger to a UserPool defined in the app, keeping the pool's own settings", () => {
    // Prepare
    const stack = new Stack(testApp(), 'Existing');
    const pool = new UserPool(stack, 'MyPool', { signInAliases: { phone: true, email: true }, selfSignUpEnabled: true });

    // Act
    new SmsOtpSignIn(stack, 'SignIn', { userPool: pool, provider: { kind: 'easyauth' } });
    const template = Template.fromStack(stack);

    // Assess
    template.resourceCountIs('AWS::Cognito::UserPool', 1);
    const fn = Object.keys(template.findResources('AWS::Lambda::Function'))[0] as string;
    const [poolId, poolResource] = Object.entries(template.findResources('AWS::Cognito::UserPool'))[0] ?? [];
    expect(poolId).toMatch(/^MyPool/);
    expect(poolResource?.Properties.UsernameAttributes).toEqual(['email', 'phone_number']);
    expect(poolResource?.Properties.LambdaConfig).toEqual(Object.fromEntries(TRIGGERS.map((trigger) => [trigger, { 'Fn::GetAtt': [fn, 'Arn'] }])));
    template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      UserPoolId: { Ref: poolId },
      ExplicitAuthFlows: ['ALLOW_CUSTOM_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
    });
    template.hasResourceProperties('AWS::WAFv2::WebACLAssociation', { ResourceArn: { 'Fn::GetAtt': [poolId, 'Arn'] } });
  });

  it("would be a dependency cycle with the pool grant in the function's own policy, which the synth test catches", () => {
    // Prepare
    const stack = new Stack(testApp(), 'Cycle');
    const pool = new UserPool(stack, 'Pool');
    const signIn = new SmsOtpSignIn(stack, 'SignIn', { userPool: pool, provider: { kind: 'easyauth' } });

    // Act
    signIn.function.addToRolePolicy(new PolicyStatement({ actions: ['cognito-idp:AdminGetUser'], resources: [pool.userPoolArn] }));

    // Assess
    expect(() => Template.fromStack(stack)).toThrow(/dependency cycle: Pool\w+ -> SignInFunction\w+ -> SignInRoleDefaultPolicy\w+ -> Pool/);
  });

  it('refuses a pool imported by id, whose triggers CloudFormation cannot set, saying what to do', () => {
    // Prepare
    const stack = new Stack(testApp(), 'Imported');
    const pool = UserPool.fromUserPoolId(stack, 'Pool', 'ap-northeast-2_AbCdEfGhI');

    // Act
    const attach = () => new SmsOtpSignIn(stack, 'SignIn', { userPool: pool, provider: { kind: 'easyauth' } });

    // Assess
    expect(attach).toThrow(/the user pool Imported\/Pool is imported .*Pass the UserPool construct itself, or set attachTriggersYourself: true/);
  });

  it('deploys for an imported pool when told the triggers are attached elsewhere, and says so', () => {
    // Prepare
    const stack = new Stack(testApp(), 'Imported');
    const pool = UserPool.fromUserPoolId(stack, 'Pool', 'ap-northeast-2_AbCdEfGhI');

    // Act
    new SmsOtpSignIn(stack, 'SignIn', { userPool: pool, provider: { kind: 'easyauth' }, attachTriggersYourself: true, wafRateLimit: 1000 });
    const template = Template.fromStack(stack);

    // Assess
    template.resourceCountIs('AWS::Cognito::UserPool', 0);
    const poolArn = {
      'Fn::Join': [
        '',
        ['arn:', { Ref: 'AWS::Partition' }, ':cognito-idp:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, ':userpool/ap-northeast-2_AbCdEfGhI'],
      ],
    };
    template.hasResourceProperties('AWS::Lambda::Permission', { Action: 'lambda:InvokeFunction', Principal: 'cognito-idp.amazonaws.com', SourceArn: poolArn });
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: [{ Effect: 'Allow', Action: ['cognito-idp:AdminUpdateUserAttributes', 'cognito-idp:DescribeUserPoolClient'], Resource: poolArn }],
      },
    });
    template.hasResourceProperties('AWS::Cognito::UserPoolClient', { UserPoolId: 'ap-northeast-2_AbCdEfGhI' });
    template.hasResourceProperties('AWS::WAFv2::WebACL', {
      Rules: Match.arrayWith([Match.objectLike({ Statement: { RateBasedStatement: Match.objectLike({ Limit: 1000 }) } })]),
    });
    Annotations.fromStack(stack).hasWarning('/Imported/SignIn', Match.stringLikeRegexp('triggers yourself'));
  });
});
