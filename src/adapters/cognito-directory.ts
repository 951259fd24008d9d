import { DirectoryError } from '../domain/errors';
import type { Deadline, UserDirectory, UserRef } from '../domain/ports';
import { AwsError } from './aws/aws-error';
import { callJson, JSON_PROTOCOLS } from './aws/json-protocol';
import { AWS_SERVICES, awsTarget } from './aws/services';

/**
 * The user pool through the light signed client (no SDK to load), in the event's region,
 * at `endpoint` when set (else AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER, AWS_ENDPOINT_URL, the public one).
 */
export class CognitoUserDirectory implements UserDirectory {
  constructor(private readonly endpoint: string | undefined) {}

  async markPhoneVerified(user: UserRef, deadline: Deadline): Promise<void> {
    const target = awsTarget(AWS_SERVICES.cognito, { region: user.region, endpoint: this.endpoint });
    const input = { UserPoolId: user.poolId, Username: user.userName, UserAttributes: [{ Name: 'phone_number_verified', Value: 'true' }] };
    try {
      await callJson(target, JSON_PROTOCOLS.cognito, 'AdminUpdateUserAttributes', input, deadline.signal());
    } catch (error) {
      // Cognito's messages can name the user; AwsError keeps only the error's code.
      if (error instanceof AwsError) throw new DirectoryError(`AdminUpdateUserAttributes failed: ${error.code ?? error.kind}`, error.status, { cause: error });
      throw new DirectoryError('AdminUpdateUserAttributes failed: Error', undefined, { cause: error });
    }
  }
}
