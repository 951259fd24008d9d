import { OTP_CHALLENGE } from '../../src/adapters/cognito/inbound/validate-event';
import { unrecognizableOutput } from './cognito-error';
import type { Invocation, Triggers } from './triggers';

/** One earlier round as Cognito keeps it in `request.session`: only `challengeMetadata` survives from Create. */
export interface SessionRound {
  readonly challengeName: string;
  readonly challengeResult: boolean;
  readonly challengeMetadata?: string;
}

/** Who is signing in, as the triggers of one API call see it (the user's attributes as they are now). */
export interface Caller {
  readonly userName: string;
  readonly clientId: string;
  readonly userNotFound: boolean;
  readonly userAttributes: Record<string, string>;
  readonly clientMetadata?: Record<string, string>;
}

/** What CreateAuthChallenge made for a round: what the client sees, and what only this round's Verify gets. */
export interface Challenge {
  readonly publicParameters: Record<string, string>;
  readonly privateParameters: Record<string, string>;
  readonly metadata: string | undefined;
}

export type NextStep = { readonly kind: 'tokens' } | { readonly kind: 'failed' } | ({ readonly kind: 'challenge' } & Challenge);

/**
 * Cognito's custom-auth rounds, the one model the local pool and the tests share: DefineAuthChallenge
 * decides from the rounds so far; CreateAuthChallenge makes the challenge; VerifyAuthChallengeResponse
 * judges the answer, which becomes a new round carrying only Create's `challengeMetadata`; and after
 * Define issues tokens, PostAuthentication runs when the pool lists it.
 */
export class ChallengeRounds {
  constructor(private readonly triggers: Pick<Triggers, 'invoke' | 'has'>) {}

  /** Define, then Create when Define asks for our challenge. */
  async next(caller: Caller, rounds: readonly SessionRound[]): Promise<NextStep> {
    const defined = await this.triggers.invoke('DefineAuthChallenge', {
      ...identity(caller, 'DefineAuthChallenge_Authentication'),
      request: { ...request(caller), session: rounds },
      response: { challengeName: null, issueTokens: false, failAuthentication: false },
    });
    if (defined.failAuthentication === true) return { kind: 'failed' };
    if (defined.issueTokens === true) return { kind: 'tokens' };
    if (defined.challengeName !== OTP_CHALLENGE) throw unrecognizableOutput('DefineAuthChallenge');

    const created = await this.triggers.invoke('CreateAuthChallenge', {
      ...identity(caller, 'CreateAuthChallenge_Authentication'),
      request: { ...request(caller), challengeName: OTP_CHALLENGE, session: rounds },
      response: { publicChallengeParameters: {}, privateChallengeParameters: {}, challengeMetadata: null },
    });
    return {
      kind: 'challenge',
      publicParameters: strings(created.publicChallengeParameters),
      privateParameters: strings(created.privateChallengeParameters),
      metadata: typeof created.challengeMetadata === 'string' ? created.challengeMetadata : undefined,
    };
  }

  /** Verify: the round this answer adds to the session. */
  async verify(caller: Caller, challenge: Challenge, answer: string): Promise<SessionRound> {
    const verified = await this.triggers.invoke('VerifyAuthChallengeResponse', {
      ...identity(caller, 'VerifyAuthChallengeResponse_Authentication'),
      request: { ...request(caller), privateChallengeParameters: challenge.privateParameters, challengeAnswer: answer },
      response: { answerCorrect: false },
    });
    if (typeof verified.answerCorrect !== 'boolean') throw unrecognizableOutput('VerifyAuthChallengeResponse');
    return { challengeName: OTP_CHALLENGE, challengeResult: verified.answerCorrect, challengeMetadata: challenge.metadata };
  }

  /** PostAuthentication, once Define has issued tokens; a failure there refuses the sign-in. */
  async afterSignIn(caller: Caller): Promise<void> {
    if (!this.triggers.has('PostAuthentication')) return;
    await this.triggers.invoke('PostAuthentication', {
      ...identity(caller, 'PostAuthentication_Authentication'),
      request: { userAttributes: caller.userAttributes, newDeviceUsed: false, ...(caller.clientMetadata && { clientMetadata: caller.clientMetadata }) },
      response: {},
    });
  }
}

function identity(caller: Caller, triggerSource: string): Pick<Invocation, 'userName' | 'clientId' | 'triggerSource'> {
  return { userName: caller.userName, clientId: caller.clientId, triggerSource };
}

function request(caller: Caller) {
  return { userAttributes: caller.userAttributes, userNotFound: caller.userNotFound, ...(caller.clientMetadata && { clientMetadata: caller.clientMetadata }) };
}

function strings(value: unknown): Record<string, string> {
  if (typeof value !== 'object' || value === null) return {};
  return Object.fromEntries(Object.entries(value).map(([key, v]) => [key, String(v)]));
}
