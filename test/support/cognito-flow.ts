import { createEvent, defineEvent, lambdaContext, type Round, verifyEvent } from './events';
import type { TriggerHandler } from '../../src/router';

interface Options {
  phone?: string | null;
  userNotFound?: boolean;
}

type Step = 'challenge' | 'tokens' | 'failed';

/**
 * Plays Cognito's part in one custom-auth sign-in: it calls the triggers in order and
 * keeps `request.session` as Cognito does, carrying only each round's `challengeMetadata`.
 */
export class SignIn {
  readonly session: Round[] = [];
  publicParameters: Record<string, string> = {};
  private privateParameters: Record<string, string> = {};
  private lastMetadata = '';

  constructor(
    private readonly handler: TriggerHandler,
    private readonly options: Options = {},
  ) {}

  start(): Promise<Step> {
    return this.next();
  }

  async answer(code: string): Promise<Step> {
    const verified = (await this.handler(verifyEvent(code, this.privateParameters, this.options), lambdaContext())) as {
      response: { answerCorrect: boolean };
    };
    const metadata = this.lastMetadata;
    this.session.push({ challengeName: 'CUSTOM_CHALLENGE', challengeResult: verified.response.answerCorrect, challengeMetadata: metadata });
    return this.next();
  }

  private async next(): Promise<Step> {
    const defined = (await this.handler(defineEvent({ ...this.options, session: [...this.session] }), lambdaContext())) as {
      response: { challengeName?: string; issueTokens: boolean; failAuthentication: boolean };
    };
    if (defined.response.issueTokens) return 'tokens';
    if (defined.response.failAuthentication) return 'failed';
    const created = (await this.handler(createEvent({ ...this.options, session: [...this.session] }), lambdaContext())) as {
      response: { publicChallengeParameters: Record<string, string>; privateChallengeParameters: Record<string, string>; challengeMetadata: string };
    };
    this.publicParameters = created.response.publicChallengeParameters;
    this.privateParameters = created.response.privateChallengeParameters;
    this.lastMetadata = created.response.challengeMetadata;
    return 'challenge';
  }
}
