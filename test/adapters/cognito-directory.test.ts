import { describe, expect, it } from 'vitest';
import { codeOnly, CognitoUserDirectory } from '../../src/adapters/cognito/outbound/user-directory';
import { DirectoryError } from '../../src/domain/errors';
import { noDeadline } from '../support/fakes';
import { useUserPoolServer } from '../support/user-pool-server';
import { testAws } from '../support/aws-env';

const user = { poolId: 'ap-northeast-2_TestPool1', userName: '7d8e9f00-1111-4222-8333-444455556666', region: 'ap-northeast-2' };

describe('CognitoUserDirectory against a local user-pool endpoint', () => {
  const pool = useUserPoolServer();

  it('sets phone_number_verified with AdminUpdateUserAttributes on the event’s pool', async () => {
    await new CognitoUserDirectory(testAws({ cognito: pool().origin })).markPhoneVerified(user, noDeadline());

    expect(pool().calls).toEqual([
      {
        target: 'AWSCognitoIdentityProviderService.AdminUpdateUserAttributes',
        contentType: 'application/x-amz-json-1.1',
        body: { UserPoolId: user.poolId, Username: user.userName, UserAttributes: [{ Name: 'phone_number_verified', Value: 'true' }] },
      },
    ]);
  });

  it('reuses one client across calls', async () => {
    const directory = new CognitoUserDirectory(testAws({ cognito: pool().origin }));

    await directory.markPhoneVerified(user, noDeadline());
    await directory.markPhoneVerified(user, noDeadline());

    expect(pool().calls).toHaveLength(2);
  });

  it('turns a refusal into a DirectoryError that does not name the user', async () => {
    pool().faults.push({ status: 400, type: 'UserNotFoundException' });

    const error = (await new CognitoUserDirectory(testAws({ cognito: pool().origin }))
      .markPhoneVerified(user, noDeadline())
      .catch((e: unknown) => e)) as DirectoryError;

    expect(error).toBeInstanceOf(DirectoryError);
    expect(error).toMatchObject({ status: 400, message: 'AdminUpdateUserAttributes failed: UserNotFoundException' });
  });

  it('stops at the deadline', async () => {
    const deadline = { signal: () => AbortSignal.abort(new DOMException('deadline', 'TimeoutError')) };

    await expect(new CognitoUserDirectory(testAws({ cognito: pool().origin })).markPhoneVerified(user, deadline)).rejects.toThrow(DirectoryError);
  });

  it('asks DescribeUserPoolClient whether a client signs in by code only', async () => {
    // Prepare
    const client = { poolId: user.poolId, clientId: 'client-1', region: user.region };
    const directory = new CognitoUserDirectory(testAws({ cognito: pool().origin }));

    // Act
    const codeOnlyClient = await directory.signsInByCodeOnly(client, noDeadline());
    pool().explicitAuthFlows = ['ALLOW_CUSTOM_AUTH', 'ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'];
    const passwordClient = await directory.signsInByCodeOnly(client, noDeadline());

    // Assess
    expect([codeOnlyClient, passwordClient]).toEqual([true, false]);
    expect(pool().calls[0]).toEqual({
      target: 'AWSCognitoIdentityProviderService.DescribeUserPoolClient',
      contentType: 'application/x-amz-json-1.1',
      body: { UserPoolId: user.poolId, ClientId: 'client-1' },
    });
  });

  it('turns a failed client lookup into a DirectoryError', async () => {
    // Prepare
    pool().faults.push({ status: 400, type: 'AccessDeniedException' });

    // Act
    const lookup = new CognitoUserDirectory(testAws({ cognito: pool().origin })).signsInByCodeOnly(
      { poolId: user.poolId, clientId: 'c', region: user.region },
      noDeadline(),
    );

    // Assess
    await expect(lookup).rejects.toThrow('DescribeUserPoolClient failed: AccessDeniedException');
  });
});

describe('codeOnly', () => {
  it.each([
    [['ALLOW_CUSTOM_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'], true],
    [['ALLOW_CUSTOM_AUTH'], true],
    [['CUSTOM_AUTH_FLOW_ONLY'], true],
    [[], false],
    [['ALLOW_REFRESH_TOKEN_AUTH'], false],
    [['ALLOW_CUSTOM_AUTH', 'ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'], false],
    [['ALLOW_CUSTOM_AUTH', 'ALLOW_USER_PASSWORD_AUTH'], false],
    [['ALLOW_CUSTOM_AUTH', 'ALLOW_USER_AUTH'], false],
  ])('%j → %s', (flows, expected) => {
    expect(codeOnly(flows)).toBe(expected);
  });
});
