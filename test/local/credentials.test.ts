import { describe, expect, it } from 'vitest';
import { dummyCredentials, LOCAL_CREDENTIALS } from '../../local/credentials';

const noFiles = () => false;

describe('the dummy AWS credentials of the playground', () => {
  it('are given with the fake provider, whose only AWS call comes back to the local pool', () => {
    // Act
    const credentials = dummyCredentials({ OTP_PROVIDER: 'fake', AWS_PROFILE: 'dev' }, noFiles);

    // Assess
    expect(credentials).toEqual(LOCAL_CREDENTIALS);
  });

  it('are never given over keys the shell already holds', () => {
    // Act
    const credentials = dummyCredentials({ OTP_PROVIDER: 'fake', AWS_ACCESS_KEY_ID: 'AKIDMINE' }, noFiles);

    // Assess
    expect(credentials).toBeUndefined();
  });

  it.each([
    ['a profile', { AWS_PROFILE: 'dev' }, noFiles],
    ['a web identity', { AWS_WEB_IDENTITY_TOKEN_FILE: '/var/run/token' }, noFiles],
    ['a shared credentials file', {}, (path: string) => path.endsWith('/.aws/credentials')],
    ['a config file named by AWS_CONFIG_FILE', { AWS_CONFIG_FILE: '/work/aws-config' }, (path: string) => path === '/work/aws-config'],
  ])("leave %s to a real provider, so that `OTP_PROVIDER=sns npm start` sends with the developer's own", (_, env, fileExists) => {
    // Act and assess
    expect(dummyCredentials({ OTP_PROVIDER: 'sns', ...env }, fileExists)).toBeUndefined();
  });

  it('are given to a real provider only when no credential source is configured at all', () => {
    // Act
    const credentials = dummyCredentials({ OTP_PROVIDER: 'easyauth' }, noFiles);

    // Assess
    expect(credentials).toEqual(LOCAL_CREDENTIALS);
  });
});
