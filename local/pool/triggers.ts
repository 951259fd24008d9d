import { randomUUID } from 'node:crypto';
import type { LambdaContext, TriggerHandler } from '../../src/router';
import { CognitoError, unrecognizableOutput } from './cognito-error';
import type { PoolUser } from './user-store';

/** The triggers a pool's `LambdaConfig` may attach; the local pool calls one handler for all it lists. */
export type TriggerName = 'PreSignUp' | 'DefineAuthChallenge' | 'CreateAuthChallenge' | 'VerifyAuthChallengeResponse' | 'PostAuthentication';

export const CUSTOM_AUTH_TRIGGERS: readonly TriggerName[] = ['DefineAuthChallenge', 'CreateAuthChallenge', 'VerifyAuthChallengeResponse'];

/** How long Cognito waits for a trigger. */
export const TRIGGER_TIMEOUT_MS = 5000;

export interface Invocation {
  readonly userName: string;
  readonly clientId: string | undefined;
  readonly triggerSource: string;
  readonly request: Record<string, unknown>;
  readonly response: Record<string, unknown>;
}

type Json = Record<string, unknown>;

/**
 * Builds trigger events as Cognito does and calls the handler for the triggers the
 * pool lists. A handler that throws surfaces as `UserLambdaValidationException`
 * "<Trigger> failed with error <message>.", and one that does not answer in time as
 * `UnexpectedLambdaException`, as in Cognito.
 */
export class Triggers {
  constructor(
    private readonly handler: TriggerHandler,
    private readonly enabled: ReadonlySet<TriggerName>,
    private readonly pool: { readonly region: string; readonly userPoolId: string },
    private readonly timeoutMs = TRIGGER_TIMEOUT_MS,
  ) {}

  has(name: TriggerName): boolean {
    return this.enabled.has(name);
  }

  /** Calls the trigger and returns its `response`. */
  async invoke(name: TriggerName, invocation: Invocation): Promise<Json> {
    const event = {
      version: '1',
      region: this.pool.region,
      userPoolId: this.pool.userPoolId,
      userName: invocation.userName,
      callerContext: { awsSdkVersion: 'aws-sdk-unknown-unknown', clientId: invocation.clientId ?? 'CLIENT_ID_NOT_APPLICABLE' },
      triggerSource: invocation.triggerSource,
      request: invocation.request,
      response: invocation.response,
    };
    const result = await this.run(name, event);
    const response = typeof result === 'object' && result !== null ? (result as Json).response : undefined;
    if (typeof response !== 'object' || response === null) {
      throw unrecognizableOutput(name);
    }
    return response as Json;
  }

  /**
   * The handler's answer, or Cognito's error once the time is up. The handler is not stopped (Lambda
   * would not stop it either) and the call is not retried: the caller gets the error at once.
   */
  private async run(name: TriggerName, event: object): Promise<unknown> {
    const deadline = Date.now() + this.timeoutMs;
    const context: LambdaContext = { awsRequestId: randomUUID(), getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()) };
    const answered = this.handler(structuredClone(event), context).catch((error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      throw new CognitoError('UserLambdaValidationException', `${name} failed with error ${message}.`);
    });
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeUp = new Promise<never>((_, reject) => {
      // Cognito's words for a trigger that timed out, as seen in its answers to SignUp and sign-in calls.
      const error = new CognitoError('UnexpectedLambdaException', `${name} invocation failed due to error Socket timeout while invoking Lambda function.`);
      timer = setTimeout(() => reject(error), this.timeoutMs);
    });
    try {
      return await Promise.race([answered, timeUp]);
    } finally {
      clearTimeout(timer);
    }
  }
}

/** `userAttributes` as auth triggers see them: the user's attributes and its status. */
export function triggerAttributes(user: PoolUser | undefined): Record<string, string> {
  if (!user) return {};
  return { ...Object.fromEntries(user.attributes), 'cognito:user_status': user.status };
}
