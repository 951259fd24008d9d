import { type Challenge, ChallengeRounds, type SessionRound } from '../../local/pool/challenge-rounds';
import { CUSTOM_AUTH_TRIGGERS, Triggers } from '../../local/pool/triggers';
import type { TriggerHandler } from '../../src/router';
import { CLIENT_ID, POOL, USER_NAME, userAttributes } from './events';

interface Options {
  phone?: string | null;
  userNotFound?: boolean;
  /** Cognito's user name for this sign-in (USER_NAME unless told). */
  userName?: string;
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
  /** The clientMetadata of the API call in progress: RespondToAuthChallenge passes it to Verify, Define and Create (InitiateAuth to none of them). */
  private clientMetadata: Record<string, string> | undefined;

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

  async answer(code: string, clientMetadata?: Record<string, string>): Promise<Step> {
    this.clientMetadata = clientMetadata;
    try {
      this.session.push(await this.rounds.verify(this.caller(), this.challenge, code));
      return await this.next();
    } finally {
      this.clientMetadata = undefined;
    }
  }

  /** Asks for a new code, as contract B says: any non-empty answer with clientMetadata `{ action: 'resend' }`. */
  resend(): Promise<Step> {
    return this.answer('resend', { action: 'resend' });
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
    return {
      userName: this.options.userName ?? USER_NAME,
      clientId: CLIENT_ID,
      userNotFound: this.options.userNotFound === true,
      userAttributes: { ...this.attributes },
      ...(this.clientMetadata && { clientMetadata: this.clientMetadata }),
    };
  }
}
