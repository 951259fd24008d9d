import type { TriggerHandler } from '../../src/router';
import { AttributeUpdates, type CognitoSmsListener } from './attribute-updates';
import { AuthSessions } from './auth-sessions';
import { CognitoError, invalidParameter } from './cognito-error';
import { CustomAuth } from './custom-auth';
import { attributeList, type Body, required, requiredEntry, stringMap } from './params';
import { checkPassword } from './password';
import { TokenIssuer } from './token-issuer';
import { type TriggerName, Triggers } from './triggers';
import { type AttributeType, listAttributes, type PoolUser, UserStore } from './user-store';

export interface PoolSettings {
  readonly region: string;
  readonly userPoolId: string;
  readonly clientId: string;
  /** The app client's ExplicitAuthFlows, as DescribeUserPoolClient answers. @default code only: ALLOW_CUSTOM_AUTH, ALLOW_REFRESH_TOKEN_AUTH */
  readonly explicitAuthFlows?: readonly string[];
  /** Where the pool is served; the token issuer is `<issuerBase>/<userPoolId>`. */
  readonly issuerBase: string;
  /** The pool's LambdaConfig: which triggers call the handler. */
  readonly triggers: readonly TriggerName[];
  /** Milliseconds since the epoch; tests move it to expire sessions and tokens. */
  readonly now?: () => number;
  readonly sessionMinutes?: number;
  /** How long a trigger may take before the call fails; Cognito's ~5 s unless a test wants less. */
  readonly triggerTimeoutMs?: number;
  /** Told of every SMS Cognito itself would send (a code proving a changed phone number). @default dropped */
  readonly onCognitoSms?: CognitoSmsListener;
  /** Hold a new phone_number back until it is verified, as the construct's pool does (keepOriginal). @default true */
  readonly keepOriginalPhone?: boolean;
}

type Operation = (body: Body) => Promise<object>;

/** Operations Cognito authorizes with IAM (SigV4), not with the app client: every `Admin*` one and DescribeUserPoolClient. */
export const isIamOperation = (operation: string): boolean => operation.startsWith('Admin') || operation === 'DescribeUserPoolClient';

/**
 * A Cognito user pool with one app client, in memory, for the operations a passwordless
 * phone sign-in needs. It answers in Cognito's words and shapes, and runs the handler for
 * the triggers its LambdaConfig lists.
 */
export class LocalUserPool {
  readonly users: UserStore;
  private readonly triggers: Triggers;
  private readonly customAuth: CustomAuth;
  private readonly attributeUpdates: AttributeUpdates;
  private readonly operations: Record<string, Operation>;

  private constructor(
    readonly settings: PoolSettings,
    readonly tokens: TokenIssuer,
    handler: TriggerHandler,
  ) {
    const now = settings.now ?? Date.now;
    this.users = new UserStore(now);
    this.triggers = new Triggers(handler, new Set(settings.triggers), settings, settings.triggerTimeoutMs);
    this.customAuth = new CustomAuth(this.users, new AuthSessions(now, settings.sessionMinutes), tokens, this.triggers);
    this.attributeUpdates = new AttributeUpdates(this.users, now, settings.onCognitoSms ?? (() => {}), settings.keepOriginalPhone ?? true);
    this.operations = {
      InitiateAuth: (body) => this.initiateAuth(body),
      RespondToAuthChallenge: (body) => this.respondToAuthChallenge(body),
      GetTokensFromRefreshToken: (body) => this.getTokensFromRefreshToken(body),
      RevokeToken: (body) => this.revokeToken(body),
      SignUp: (body) => this.signUp(body),
      AdminCreateUser: (body) => this.adminCreateUser(body),
      AdminConfirmSignUp: (body) => this.adminConfirmSignUp(body),
      AdminGetUser: (body) => this.adminGetUser(body),
      AdminUpdateUserAttributes: (body) => this.adminUpdateUserAttributes(body),
      GetUser: (body) => this.getUser(body),
      UpdateUserAttributes: (body) => this.updateUserAttributes(body),
      GetUserAttributeVerificationCode: (body) => this.getUserAttributeVerificationCode(body),
      VerifyUserAttribute: (body) => this.verifyUserAttribute(body),
      DescribeUserPoolClient: (body) => this.describeUserPoolClient(body),
    };
  }

  static async create(settings: PoolSettings, handler: TriggerHandler): Promise<LocalUserPool> {
    const issuer = `${settings.issuerBase}/${settings.userPoolId}`;
    return new LocalUserPool(settings, await TokenIssuer.create(issuer, settings.now ?? Date.now), handler);
  }

  /**
   * Runs one operation of the `AWSCognitoIdentityProviderService` JSON API. `signed`: the request carries
   * SigV4 credentials, which every `Admin*` operation needs (IAM-authorized); the signature is not checked.
   */
  call(operation: string, body: Body, { signed = false }: { signed?: boolean } = {}): Promise<object> {
    const run = Object.hasOwn(this.operations, operation) ? this.operations[operation] : undefined;
    if (!run) throw new CognitoError('UnknownOperationException', `The local user pool does not implement ${operation}.`);
    if (isIamOperation(operation) && !signed) throw new CognitoError('MissingAuthenticationTokenException', 'Missing Authentication Token');
    return run(body);
  }

  private async initiateAuth(body: Body) {
    const clientId = this.client(body);
    const parameters = stringMap(body, 'AuthParameters');
    const flow = required(body, 'AuthFlow');
    switch (flow) {
      case 'CUSTOM_AUTH':
        // Checked as Cognito checks it, then dropped: no trigger of this flow gets InitiateAuth's ClientMetadata.
        stringMap(body, 'ClientMetadata');
        return this.customAuth.initiate(clientId, requiredEntry(parameters, 'USERNAME'));
      case 'REFRESH_TOKEN_AUTH':
      case 'REFRESH_TOKEN':
        return this.refresh(clientId, requiredEntry(parameters, 'REFRESH_TOKEN'));
      default:
        throw invalidParameter(`${flow} flow not enabled for this client`);
    }
  }

  private async respondToAuthChallenge(body: Body) {
    const clientId = this.client(body);
    const challenge = required(body, 'ChallengeName');
    if (challenge !== 'CUSTOM_CHALLENGE') throw invalidParameter(`${challenge} is not a challenge of the CUSTOM_AUTH flow`);
    const responses = stringMap(body, 'ChallengeResponses');
    const answer = { username: requiredEntry(responses, 'USERNAME'), answer: requiredEntry(responses, 'ANSWER') };
    return this.customAuth.respond(required(body, 'Session'), clientId, answer, stringMap(body, 'ClientMetadata'));
  }

  private async getTokensFromRefreshToken(body: Body) {
    return this.refresh(this.client(body), required(body, 'RefreshToken'));
  }

  private async refresh(clientId: string, refreshToken: string) {
    return { ChallengeParameters: {}, AuthenticationResult: await this.tokens.refresh(refreshToken, clientId, (username) => this.users.get(username)) };
  }

  private async revokeToken(body: Body) {
    this.tokens.revoke(required(body, 'Token'), this.client(body));
    return {};
  }

  private async signUp(body: Body) {
    const clientId = this.client(body);
    checkPassword(required(body, 'Password'));
    const user = this.users.draft(required(body, 'Username'), attributeList(body, 'UserAttributes'), 'UNCONFIRMED', 'client');
    const answer = await this.preSignUp(user, 'PreSignUp_SignUp', clientId, body);
    if (answer?.autoConfirmUser === true) user.status = 'CONFIRMED';
    if (answer?.autoVerifyPhone === true) user.attributes.set('phone_number_verified', 'true');
    if (answer?.autoVerifyEmail === true && user.attributes.has('email')) user.attributes.set('email_verified', 'true');
    this.users.add(user);
    return { UserConfirmed: user.status === 'CONFIRMED', UserSub: user.attributes.get('sub') };
  }

  /** Makes the user as an administrator would; no invitation is shown (Cognito would text one unless MessageAction is SUPPRESS). */
  private async adminCreateUser(body: Body) {
    this.pool(body);
    const user = this.users.draft(required(body, 'Username'), attributeList(body, 'UserAttributes'), 'FORCE_CHANGE_PASSWORD', 'admin');
    await this.preSignUp(user, 'PreSignUp_AdminCreateUser', undefined, body);
    this.users.add(user);
    return { User: { ...describe(user), Attributes: listAttributes(user) } };
  }

  private async adminConfirmSignUp(body: Body) {
    this.pool(body);
    const user = this.users.get(required(body, 'Username'));
    if (user.status !== 'UNCONFIRMED') throw new CognitoError('NotAuthorizedException', `User cannot be confirmed. Current status is ${user.status}`);
    user.status = 'CONFIRMED';
    return {};
  }

  /** IAM-authorized like the Admin* calls; PreSignUp asks it which flows its client allows. */
  private async describeUserPoolClient(body: Body) {
    this.pool(body);
    const clientId = this.client(body);
    const ExplicitAuthFlows = [...(this.settings.explicitAuthFlows ?? ['ALLOW_CUSTOM_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'])];
    return { UserPoolClient: { UserPoolId: this.settings.userPoolId, ClientId: clientId, ClientName: 'local', ExplicitAuthFlows } };
  }

  private async adminGetUser(body: Body) {
    this.pool(body);
    const user = this.users.get(required(body, 'Username'));
    return { ...describe(user), UserAttributes: listAttributes(user) };
  }

  private async adminUpdateUserAttributes(body: Body) {
    this.pool(body);
    const user = this.users.get(required(body, 'Username'));
    this.attributeUpdates.update(user, attributeList(body, 'UserAttributes'), 'admin');
    return {};
  }

  /** The signed-in user's own view, authorised by the access token alone. */
  private async getUser(body: Body) {
    const user = await this.signedInUser(body);
    return { Username: user.username, UserAttributes: listAttributes(user) };
  }

  /** The user's own change, by access token: a new phone number waits for Cognito's code (attribute-updates.ts). */
  private async updateUserAttributes(body: Body) {
    const user = await this.signedInUser(body);
    stringMap(body, 'ClientMetadata');
    return { CodeDeliveryDetailsList: this.attributeUpdates.update(user, attributeList(body, 'UserAttributes'), 'client') };
  }

  private async getUserAttributeVerificationCode(body: Body) {
    const user = await this.signedInUser(body);
    stringMap(body, 'ClientMetadata');
    return { CodeDeliveryDetails: this.attributeUpdates.resend(user, required(body, 'AttributeName')) };
  }

  private async verifyUserAttribute(body: Body) {
    const user = await this.signedInUser(body);
    this.attributeUpdates.verify(user, required(body, 'AttributeName'), required(body, 'Code'));
    return {};
  }

  private async signedInUser(body: Body): Promise<PoolUser> {
    const { username } = await this.tokens.verifyAccessToken(required(body, 'AccessToken'));
    return this.users.get(username);
  }

  private async preSignUp(user: PoolUser, triggerSource: string, clientId: string | undefined, body: Body) {
    if (!this.triggers.has('PreSignUp')) return undefined;
    const attributes = new Map(user.attributes);
    for (const generated of ['sub', 'phone_number_verified']) attributes.delete(generated);
    const validationData = toMap(attributeList(body, 'ValidationData'));
    const clientMetadata = stringMap(body, 'ClientMetadata');
    return this.triggers.invoke('PreSignUp', {
      userName: user.username,
      clientId,
      triggerSource,
      // Cognito sends `validationData: null` when the client sent none.
      request: { userAttributes: Object.fromEntries(attributes), validationData: validationData ?? null, ...(clientMetadata && { clientMetadata }) },
      response: { autoConfirmUser: false, autoVerifyPhone: false, autoVerifyEmail: false },
    });
  }

  private client(body: Body): string {
    const clientId = required(body, 'ClientId');
    if (clientId !== this.settings.clientId) throw new CognitoError('ResourceNotFoundException', `User pool client ${clientId} does not exist.`);
    return clientId;
  }

  private pool(body: Body): void {
    const poolId = required(body, 'UserPoolId');
    if (poolId !== this.settings.userPoolId) throw new CognitoError('ResourceNotFoundException', `User pool ${poolId} does not exist.`);
  }
}

function describe(user: PoolUser) {
  return {
    Username: user.username,
    UserCreateDate: user.createdAt / 1000,
    UserLastModifiedDate: user.updatedAt / 1000,
    Enabled: true,
    UserStatus: user.status,
  };
}

function toMap(attributes: readonly AttributeType[]): Record<string, string> | undefined {
  return attributes.length ? Object.fromEntries(attributes.map(({ Name, Value }) => [Name, Value ?? ''])) : undefined;
}
