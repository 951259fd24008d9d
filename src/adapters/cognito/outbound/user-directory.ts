import { DirectoryError } from '../../../domain/errors';
import type { AppClientRef, Deadline, UserDirectory, UserRef } from '../../../domain/ports';
import { callJson, JSON_PROTOCOLS } from '../../aws/json-protocol';
import { type AwsSettings, awsTarget } from '../../aws/services';
import { directoryFailure } from '../../http/call-failure';

/**
 * The user pool through the light signed client (no SDK to load), in the event's region, at the configured
 * endpoint when one is set (else the public one), signed with the configured keys.
 */
export class CognitoUserDirectory implements UserDirectory {
  constructor(private readonly aws: AwsSettings) {}

  async markPhoneVerified(user: UserRef, deadline: Deadline): Promise<void> {
    const input = { UserPoolId: user.poolId, Username: user.userName, UserAttributes: [{ Name: 'phone_number_verified', Value: 'true' }] };
    await this.call(user.region, 'AdminUpdateUserAttributes', input, deadline);
  }

  async signsInByCodeOnly(client: AppClientRef, deadline: Deadline): Promise<boolean> {
    const output = await this.call(client.region, 'DescribeUserPoolClient', { UserPoolId: client.poolId, ClientId: client.clientId }, deadline);
    const described = output.UserPoolClient;
    const flows = typeof described === 'object' && described !== null && 'ExplicitAuthFlows' in described ? described.ExplicitAuthFlows : undefined;
    if (flows !== undefined && !(Array.isArray(flows) && flows.every((flow) => typeof flow === 'string'))) {
      throw new DirectoryError('DescribeUserPoolClient failed: ExplicitAuthFlows is not a list of names');
    }
    return codeOnly(flows ?? []);
  }

  private async call(region: string, operation: string, input: object, deadline: Deadline): Promise<Record<string, unknown>> {
    try {
      return await callJson(awsTarget('cognito', this.aws, region), JSON_PROTOCOLS.cognito, operation, input, deadline.signal());
    } catch (error) {
      // Cognito's messages can name the user; AwsError keeps only the error's code.
      throw directoryFailure(operation, error);
    }
  }
}

/** The flows of a client that signs in by a one-time code only; a refresh token only renews such a sign-in. */
const CODE_FLOWS = new Set(['ALLOW_CUSTOM_AUTH', 'CUSTOM_AUTH_FLOW_ONLY', 'ALLOW_REFRESH_TOKEN_AUTH']);

/**
 * A client with no flows listed gets Cognito's defaults, which include SRP passwords; `ALLOW_USER_AUTH` offers
 * passwords and passkeys. Only a list of custom auth (and refresh) is code-only.
 */
export function codeOnly(flows: readonly string[]): boolean {
  const custom = flows.includes('ALLOW_CUSTOM_AUTH') || flows.includes('CUSTOM_AUTH_FLOW_ONLY');
  return custom && flows.every((flow) => CODE_FLOWS.has(flow));
}
