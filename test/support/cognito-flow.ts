import { type Challenge, ChallengeRounds, type SessionRound } from '../../local/pool/challenge-rounds';
import { CUSTOM_AUTH_TRIGGERS, Triggers } from '../../local/pool/triggers';
import type { TriggerHandler } from '../../src/router';
import { CLIENT_ID, POOL, USER_NAME, userAttributes } from './events';

interface Options {
  phone?: string | null;
  userNotFound?: boolean;
}

type Step = 'challenge' | 'tokens' | 'failed';

/**
 * One custom-auth sign-in driven straight through the handler, with the local pool's model of Cognito's
 * rounds (`ChallengeRounds`: Define, Create, Verify, then PostAuthentication), without its HTTP API.
 * `attributes` are the user's as the triggers see them; a test may change them between rounds.
 */
export class SignIn {
  readonly session: SessionRound[] = [];
  readonly attributes: Record<string, string>;
  publicParameters: Record<string, string> = {};
  private challenge: Challenge = { publicParameters: {}, privateParameters: {}, metadata: undefined };
  private readonly rounds: ChallengeRounds;

  constructor(
    handler: TriggerHandler,
    private readonly options: Options = {},
  ) {
    this.attributes = userAttributes(options);
    this.rounds = new ChallengeRounds(new Triggers(handler, new Set([...CUSTOM_AUTH_TRIGGERS, 'PostAuthentication']), POOL));
  }

  start(): Promise<Step> {
    return this.next();
  }

  async answer(code: string): Promise<Step> {
    this.session.push(await this.rounds.verify(this.caller(), this.challenge, code));
    return this.next();
  }

  private async next(): Promise<Step> {
    const step = await this.rounds.next(this.caller(), [...this.session]);
    if (step.kind === 'tokens') {
      await this.rounds.afterSignIn(this.caller());
      return 'tokens';
    }
    if (step.kind === 'failed') return 'failed';
    this.challenge = step;
    this.publicParameters = step.publicParameters;
    return 'challenge';
  }

  private caller() {
    return { userName: USER_NAME, clientId: CLIENT_ID, userNotFound: this.options.userNotFound === true, userAttributes: { ...this.attributes } };
  }
}
