import { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { describe, expect, it } from 'vitest';
import { SmsOtpSignIn, type SmsOtpSignInProps } from '../../infra/sms-otp-sign-in';
import { testApp } from '../support/cdk';
import { printedOutputs } from '../support/deploy-outputs';
import { readmeDeployOutputs } from '../support/readme';

/** README's Install snippet: the stack `MyApp` and the construct `SignIn` with the easyauth provider, plus `props`. */
function synth(props: Partial<SmsOtpSignInProps> = {}) {
  const stack = new Stack(testApp(), 'MyApp');
  const signIn = new SmsOtpSignIn(stack, 'SignIn', { provider: { kind: 'easyauth' }, ...props });
  return { stack, signIn, template: Template.fromStack(stack) };
}

const ref = (template: Template, type: string) => ({ Ref: Object.keys(template.findResources(type))[0] });

describe("the construct's outputs", () => {
  it('outputs the pool, the client, the region and the command that fills the empty secret, named after the construct', () => {
    // Act
    const { template } = synth();

    // Assess
    expect(Object.keys(template.toJSON().Outputs).sort()).toEqual(['SignInPutEasyAuthApiKey', 'SignInRegion', 'SignInUserPoolClientId', 'SignInUserPoolId']);
    template.hasOutput('SignInUserPoolId', { Value: ref(template, 'AWS::Cognito::UserPool') });
    template.hasOutput('SignInUserPoolClientId', { Value: ref(template, 'AWS::Cognito::UserPoolClient') });
    template.hasOutput('SignInRegion', { Value: { Ref: 'AWS::Region' } });
    const apiKey = Object.keys(template.findResources('AWS::SecretsManager::Secret')).find((id) => id.startsWith('SignInEasyAuthApiKey'));
    template.hasOutput('SignInPutEasyAuthApiKey', {
      Value: { 'Fn::Join': ['', ['aws secretsmanager put-secret-value --secret-id ', { Ref: apiKey }, ' --secret-string "$EASYAUTH_API_KEY"']] },
    });
  });

  it("prints on deploy exactly what README's Install section shows", async () => {
    // Act
    const { template } = synth();

    // Assess
    expect(printedOutputs('MyApp', template.toJSON() as never)).toBe(await readmeDeployOutputs());
  });

  it('exposes the same as typed properties: region, and each secret to fill with its command', () => {
    // Act
    const { stack, signIn } = synth({ provider: { kind: 'solapi' }, settings: { appName: 'Hello', solapiSender: '0212345678' } });

    // Assess
    expect(signIn.region).toBe(stack.region);
    expect(signIn.secretsToFill.map(({ variable, id }) => [variable, id])).toEqual([
      ['SOLAPI_API_KEY', 'SolapiApiKey'],
      ['SOLAPI_API_SECRET', 'SolapiApiSecret'],
    ]);
    for (const { variable, secret, command } of signIn.secretsToFill) {
      expect(secret).toBe(signIn.secrets[variable]);
      expect(stack.resolve(command)).toEqual({
        'Fn::Join': ['', ['aws secretsmanager put-secret-value --secret-id ', stack.resolve(secret.secretArn), ` --secret-string "$${variable}"`]],
      });
    }
  });

  it('has nothing to fill for a secret given in the props, nor for sns, whose only secret is generated', () => {
    // Prepare
    const given = (stack: Stack) => Secret.fromSecretNameV2(stack, 'Given', 'prod/easyauth');
    const stack = new Stack(testApp(), 'MyApp');

    // Act
    const withGiven = new SmsOtpSignIn(stack, 'SignIn', { provider: { kind: 'easyauth', apiKeySecret: given(stack) } });
    const { signIn: sns, template } = synth({ provider: { kind: 'sns' }, settings: { appName: 'Hello' } });

    // Assess
    expect(withGiven.secretsToFill).toEqual([]);
    expect(sns.secretsToFill).toEqual([]);
    expect(Object.keys(template.toJSON().Outputs).sort()).toEqual(['SignInRegion', 'SignInUserPoolClientId', 'SignInUserPoolId']);
  });

  it('takes another prefix for the names, or adds no output when told not to', () => {
    // Act
    const prefixed = synth({ outputPrefix: 'Sms' }).template;
    const none = synth({ outputs: false }).template;

    // Assess
    expect(Object.keys(prefixed.toJSON().Outputs).sort()).toEqual(['SmsPutEasyAuthApiKey', 'SmsRegion', 'SmsUserPoolClientId', 'SmsUserPoolId']);
    expect(none.toJSON().Outputs).toBeUndefined();
    expect(() => synth({ outputPrefix: 'sms-sign-in' })).toThrow('SmsOtpSignIn: outputPrefix is "sms-sign-in": it accepts letters and digits only');
  });
});
