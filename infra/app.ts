import { App, Aspects } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { readContext } from './context';
import { SmsOtpStack } from './sms-otp-stack';

// Environment-agnostic: the synth looks nothing up; `cdk deploy` takes the account and region of your credentials.
const app = new App();
new SmsOtpStack(app, 'CognitoSmsOtp', { settings: readContext(app.node), description: 'Passwordless SMS sign-in for Amazon Cognito (cognito-sms-otp)' });
Aspects.of(app).add(new AwsSolutionsChecks());
app.synth();
