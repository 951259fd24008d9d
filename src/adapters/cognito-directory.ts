import type { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { DirectoryError } from '../domain/errors';
import type { Deadline, UserDirectory, UserRef } from '../domain/ports';

/**
 * The user pool through the AWS SDK v3. The client is made on first use (only
 * PostAuthentication needs it, so other cold starts skip loading the SDK) and then reused.
 */
export class CognitoUserDirectory implements UserDirectory {
  private client: Promise<CognitoIdentityProviderClient> | undefined;

  constructor(private readonly endpoint: string | undefined) {}

  async markPhoneVerified(user: UserRef, deadline: Deadline): Promise<void> {
    // Everything, loading the SDK included, fails as a DirectoryError: the PhoneVerificationFailures alarm counts its code.
    try {
      const [client, { AdminUpdateUserAttributesCommand }] = await Promise.all([
        this.clientFor(user.region),
        import('@aws-sdk/client-cognito-identity-provider'),
      ]);
      const command = new AdminUpdateUserAttributesCommand({
        UserPoolId: user.poolId,
        Username: user.userName,
        UserAttributes: [{ Name: 'phone_number_verified', Value: 'true' }],
      });
      await client.send(command, { abortSignal: deadline.signal() });
    } catch (error) {
      const { name = 'Error', $metadata } = error as { name?: string; $metadata?: { httpStatusCode?: number } };
      // Cognito's messages can name the user, so only the error's name is kept.
      throw new DirectoryError(`AdminUpdateUserAttributes failed: ${name}`, $metadata?.httpStatusCode);
    }
  }

  private clientFor(region: string): Promise<CognitoIdentityProviderClient> {
    this.client ??= import('@aws-sdk/client-cognito-identity-provider').then(
      ({ CognitoIdentityProviderClient }) => new CognitoIdentityProviderClient({ region, endpoint: this.endpoint }),
    );
    return this.client;
  }
}
