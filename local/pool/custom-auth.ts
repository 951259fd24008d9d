import { OTP_CHALLENGE } from '../../src/adapters/cognito/inbound/validate-event';
import type { AuthSessions, SignIn } from './auth-sessions';
import { type Caller, ChallengeRounds } from './challenge-rounds';
import { CognitoError, INCORRECT_CREDENTIALS, invalidParameter, notAuthorized } from './cognito-error';
import type { AuthenticationResult, TokenIssuer } from './token-issuer';
import { CUSTOM_AUTH_TRIGGERS, triggerAttributes, type Triggers } from './triggers';
import type { PoolUser, UserStore } from './user-store';

type Metadata = Record<string, string> | undefined;

export type AuthResponse =
  | { ChallengeName: typeof OTP_CHALLENGE; Session: string; ChallengeParameters: Record<string, string> }
  | { ChallengeParameters: Record<string, never>; AuthenticationResult: AuthenticationResult };

/**
 * Cognito's CUSTOM_AUTH flow over its API: InitiateAuth and RespondToAuthChallenge, their sessions and
 * tokens. The rounds themselves (Define, Create, Verify, PostAuthentication) are `ChallengeRounds`.
 * Like a pool with PreventUserExistenceErrors on, an unknown user goes through the same
 * rounds with `userNotFound: true`.
 */
export class CustomAuth {
  private readonly rounds: ChallengeRounds;

  constructor(
    private readonly users: UserStore,
    private readonly sessions: AuthSessions,
    private readonly tokens: TokenIssuer,
    private readonly triggers: Triggers,
  ) {
    this.rounds = new ChallengeRounds(triggers);
  }

  /**
   * InitiateAuth with `AuthFlow: CUSTOM_AUTH`; `username` is what the client typed (the phone number).
   * It takes no client metadata: Cognito passes InitiateAuth's ClientMetadata only to pre sign-up, pre authentication
   * and user migration, none of which runs here, and never to the first Define and Create (nor to PostAuthentication).
   */
  async initiate(clientId: string, username: string): Promise<AuthResponse> {
    if (!CUSTOM_AUTH_TRIGGERS.every((trigger) => this.triggers.has(trigger))) {
      throw invalidParameter('Custom auth lambda trigger is not configured for the user pool.');
    }
    const user = this.users.find(username);
    if (user?.status === 'UNCONFIRMED') throw new CognitoError('UserNotConfirmedException', 'User is not confirmed.');
    return this.nextStep({ clientId, username: user?.username ?? this.users.pseudonym(username), userNotFound: !user, rounds: [] }, user, undefined);
  }

  /** RespondToAuthChallenge with `ChallengeName: CUSTOM_CHALLENGE`: its ClientMetadata reaches this call's Verify, Define, Create and PostAuthentication. */
  async respond(session: string, clientId: string, answer: { username: string; answer: string }, clientMetadata: Metadata): Promise<AuthResponse> {
    const pending = this.sessions.redeem(session, (signIn) => signIn.clientId === clientId && this.isUser(signIn, answer.username));
    const user = pending.userNotFound ? undefined : this.users.get(pending.username);
    const round = await this.rounds.verify(caller(pending, user, clientMetadata), pending.challenge, answer.answer);
    const { clientId: id, username, userNotFound, rounds } = pending;
    return this.nextStep({ clientId: id, username, userNotFound, rounds: [...rounds, round] }, user, clientMetadata);
  }

  /** Whether `username` (a phone number or a user name) names the user of the sign-in. */
  private isUser(signIn: SignIn, username: string): boolean {
    if (signIn.userNotFound) return [username, this.users.pseudonym(username)].includes(signIn.username);
    return this.users.find(username)?.username === signIn.username;
  }

  private async nextStep(signIn: SignIn, user: PoolUser | undefined, clientMetadata: Metadata): Promise<AuthResponse> {
    const step = await this.rounds.next(caller(signIn, user, clientMetadata), signIn.rounds);
    if (step.kind === 'failed') throw notAuthorized(INCORRECT_CREDENTIALS);
    if (step.kind === 'tokens') {
      if (!user) throw notAuthorized(INCORRECT_CREDENTIALS);
      await this.rounds.afterSignIn(caller(signIn, user, clientMetadata));
      // Read again: PostAuthentication may have changed the user (e.g. marked the phone verified).
      return { ChallengeParameters: {}, AuthenticationResult: await this.tokens.signIn(this.users.get(user.username), signIn.clientId) };
    }
    const { publicParameters, privateParameters, metadata } = step;
    const session = this.sessions.issue({ ...signIn, challenge: { publicParameters, privateParameters, metadata } });
    return { ChallengeName: OTP_CHALLENGE, Session: session, ChallengeParameters: { ...publicParameters, USERNAME: signIn.username } };
  }
}

function caller(signIn: SignIn, user: PoolUser | undefined, clientMetadata: Metadata): Caller {
  return {
    userName: signIn.username,
    clientId: signIn.clientId,
    userNotFound: signIn.userNotFound,
    userAttributes: triggerAttributes(user),
    ...(clientMetadata && { clientMetadata }),
  };
}
