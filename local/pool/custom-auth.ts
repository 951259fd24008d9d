import { OTP_CHALLENGE } from '../../src/domain/session';
import type { AuthSessions, SignIn } from './auth-sessions';
import { CognitoError, INCORRECT_CREDENTIALS, invalidParameter, notAuthorized, unrecognizableOutput } from './cognito-error';
import type { AuthenticationResult, TokenIssuer } from './token-issuer';
import { CUSTOM_AUTH_TRIGGERS, type Invocation, triggerAttributes, type Triggers } from './triggers';
import type { PoolUser, UserStore } from './user-store';

type Metadata = Record<string, string> | undefined;

export type AuthResponse =
  | { ChallengeName: typeof OTP_CHALLENGE; Session: string; ChallengeParameters: Record<string, string> }
  | { ChallengeParameters: Record<string, never>; AuthenticationResult: AuthenticationResult };

/**
 * Cognito's CUSTOM_AUTH flow: each round asks DefineAuthChallenge what next, then
 * CreateAuthChallenge for the challenge, and VerifyAuthChallengeResponse for the answer.
 * Like a pool with PreventUserExistenceErrors on, an unknown user goes through the same
 * rounds with `userNotFound: true`.
 */
export class CustomAuth {
  constructor(
    private readonly users: UserStore,
    private readonly sessions: AuthSessions,
    private readonly tokens: TokenIssuer,
    private readonly triggers: Triggers,
  ) {}

  /** InitiateAuth with `AuthFlow: CUSTOM_AUTH`; `username` is what the client typed (the phone number). */
  async initiate(clientId: string, username: string, clientMetadata: Metadata): Promise<AuthResponse> {
    if (!CUSTOM_AUTH_TRIGGERS.every((trigger) => this.triggers.has(trigger))) {
      throw invalidParameter('Custom auth lambda trigger is not configured for the user pool.');
    }
    const user = this.users.find(username);
    if (user?.status === 'UNCONFIRMED') throw new CognitoError('UserNotConfirmedException', 'User is not confirmed.');
    return this.nextStep({ clientId, username: user?.username ?? this.users.pseudonym(username), userNotFound: !user, rounds: [] }, user, clientMetadata);
  }

  /** RespondToAuthChallenge with `ChallengeName: CUSTOM_CHALLENGE`. */
  async respond(session: string, clientId: string, answer: { username: string; answer: string }, clientMetadata: Metadata): Promise<AuthResponse> {
    const pending = this.sessions.redeem(session, (signIn) => signIn.clientId === clientId && this.isUser(signIn, answer.username));
    const user = pending.userNotFound ? undefined : this.users.get(pending.username);

    const verified = await this.triggers.invoke('VerifyAuthChallengeResponse', {
      ...caller(pending, 'VerifyAuthChallengeResponse_Authentication'),
      request: { ...request(pending, user, clientMetadata), privateChallengeParameters: pending.privateParameters, challengeAnswer: answer.answer },
      response: { answerCorrect: false },
    });
    if (typeof verified.answerCorrect !== 'boolean') throw unrecognizableOutput('VerifyAuthChallengeResponse');
    const round = { challengeName: OTP_CHALLENGE, challengeResult: verified.answerCorrect, challengeMetadata: pending.metadata };
    const { clientId: id, username, userNotFound, rounds } = pending;
    return this.nextStep({ clientId: id, username, userNotFound, rounds: [...rounds, round] }, user, clientMetadata);
  }

  /** Whether `username` (a phone number or a user name) names the user of the sign-in. */
  private isUser(signIn: SignIn, username: string): boolean {
    if (signIn.userNotFound) return [username, this.users.pseudonym(username)].includes(signIn.username);
    return this.users.find(username)?.username === signIn.username;
  }

  private async nextStep(signIn: SignIn, user: PoolUser | undefined, clientMetadata: Metadata): Promise<AuthResponse> {
    const defined = await this.triggers.invoke('DefineAuthChallenge', {
      ...caller(signIn, 'DefineAuthChallenge_Authentication'),
      request: { ...request(signIn, user, clientMetadata), session: signIn.rounds },
      response: { challengeName: null, issueTokens: false, failAuthentication: false },
    });
    if (defined.failAuthentication === true) throw notAuthorized(INCORRECT_CREDENTIALS);
    if (defined.issueTokens === true) {
      if (!user) throw notAuthorized(INCORRECT_CREDENTIALS);
      return { ChallengeParameters: {}, AuthenticationResult: await this.issueTokens(signIn, user, clientMetadata) };
    }
    if (defined.challengeName !== OTP_CHALLENGE) throw unrecognizableOutput('DefineAuthChallenge');

    const created = await this.triggers.invoke('CreateAuthChallenge', {
      ...caller(signIn, 'CreateAuthChallenge_Authentication'),
      request: { ...request(signIn, user, clientMetadata), challengeName: OTP_CHALLENGE, session: signIn.rounds },
      response: { publicChallengeParameters: {}, privateChallengeParameters: {}, challengeMetadata: null },
    });
    const session = this.sessions.issue({
      ...signIn,
      privateParameters: strings(created.privateChallengeParameters),
      metadata: typeof created.challengeMetadata === 'string' ? created.challengeMetadata : undefined,
    });
    return {
      ChallengeName: OTP_CHALLENGE,
      Session: session,
      ChallengeParameters: { ...strings(created.publicChallengeParameters), USERNAME: signIn.username },
    };
  }

  private async issueTokens(signIn: SignIn, user: PoolUser, clientMetadata: Metadata): Promise<AuthenticationResult> {
    if (this.triggers.has('PostAuthentication')) {
      await this.triggers.invoke('PostAuthentication', {
        ...caller(signIn, 'PostAuthentication_Authentication'),
        request: { userAttributes: triggerAttributes(user), newDeviceUsed: false, ...(clientMetadata && { clientMetadata }) },
        response: {},
      });
    }
    // Read again: PostAuthentication may have changed the user (e.g. marked the phone verified).
    return this.tokens.signIn(this.users.get(user.username), signIn.clientId);
  }
}

function caller(signIn: SignIn, triggerSource: string): Pick<Invocation, 'userName' | 'clientId' | 'triggerSource'> {
  return { userName: signIn.username, clientId: signIn.clientId, triggerSource };
}

function request(signIn: SignIn, user: PoolUser | undefined, clientMetadata: Metadata) {
  return { userAttributes: triggerAttributes(user), userNotFound: signIn.userNotFound, ...(clientMetadata && { clientMetadata }) };
}

function strings(value: unknown): Record<string, string> {
  if (typeof value !== 'object' || value === null) return {};
  return Object.fromEntries(Object.entries(value).map(([key, v]) => [key, String(v)]));
}
