import type { Context } from 'aws-lambda';
import {
  createInput,
  defineInput,
  parseTriggerEvent,
  signedInUser,
  signUpInput,
  type TriggerEvent,
  verifyInput,
  withChallenge,
  withDecision,
  withSignUpDecision,
  withVerification,
} from './adapters/cognito-trigger';
import { errorFields, publicMessage } from './adapters/public-errors';
import type { ConfirmPhone } from './domain/confirm-phone';
import type { CreateChallenge } from './domain/create-challenge';
import type { DefineChallenge } from './domain/define-challenge';
import type { LogFields, Logger } from './domain/ports';
import { decideSignUp } from './domain/pre-sign-up';
import type { VerifyAnswer } from './domain/verify-answer';

export interface Services {
  readonly define: DefineChallenge;
  readonly create: CreateChallenge;
  readonly verify: VerifyAnswer;
  readonly confirmPhone: ConfirmPhone;
  readonly logger: Logger;
}

export type LambdaContext = Pick<Context, 'awsRequestId' | 'getRemainingTimeInMillis'>;

/** Cognito gives up on a trigger after about 5 s; every outbound call ends well before. */
export const MAX_CALL_MS = 4000;
const MARGIN_MS = 300;

/**
 * Runs `call` with a signal that aborts, as `AbortSignal.timeout` would, when the trigger's time
 * is up, and stops the timer as soon as the call ends: a timeout left pending for every event
 * fires seconds later anyway, and cost a busy instance more than the rest of the event.
 */
export async function withDeadline<T>(context: LambdaContext, call: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const remaining = context.getRemainingTimeInMillis() - MARGIN_MS;
  const controller = new AbortController();
  const timeUp = () => controller.abort(new DOMException('the trigger deadline passed', 'TimeoutError'));
  const timer = setTimeout(timeUp, Math.max(0, Math.min(MAX_CALL_MS, remaining)));
  try {
    return await call(controller.signal);
  } finally {
    clearTimeout(timer);
  }
}

interface Handled {
  readonly event: TriggerEvent;
  readonly outcome: string;
  readonly maskedPhone?: string;
  /** Set when the outcome is a failure the trigger absorbs, so that it is logged and counted. */
  readonly absorbed?: unknown;
}

async function route(trigger: TriggerEvent, services: Services, context: LambdaContext): Promise<Handled> {
  switch (trigger.triggerSource) {
    case 'DefineAuthChallenge_Authentication': {
      const decision = services.define.decide(defineInput(trigger));
      return { event: withDecision(trigger, decision), outcome: decision.kind === 'fail' ? `fail:${decision.reason}` : decision.kind };
    }
    case 'CreateAuthChallenge_Authentication': {
      const challenge = await withDeadline(context, (signal) => services.create.create(createInput(trigger), signal));
      return { event: withChallenge(trigger, challenge), outcome: challenge.delivery, maskedPhone: challenge.maskedPhone };
    }
    case 'VerifyAuthChallengeResponse_Authentication': {
      const verification = await withDeadline(context, (signal) => services.verify.verify(verifyInput(trigger), signal));
      return { event: withVerification(trigger, verification), outcome: verification.verdict, maskedPhone: verification.maskedPhone };
    }
    case 'PreSignUp_SignUp':
    case 'PreSignUp_AdminCreateUser':
    case 'PreSignUp_ExternalProvider': {
      const decision = decideSignUp(...signUpInput(trigger));
      return { event: withSignUpDecision(trigger, decision), outcome: decision.kind };
    }
    case 'PostAuthentication_Authentication': {
      const confirmation = await withDeadline(context, (signal) => services.confirmPhone.afterSignIn(signedInUser(trigger), signal));
      const absorbed = confirmation.outcome === 'mark-failed' ? confirmation.error : undefined;
      return { event: trigger, outcome: confirmation.outcome, absorbed };
    }
    default:
      return trigger satisfies never;
  }
}

/** The Lambda entry for every trigger: parse, route to one domain service, log one line. */
export function createRouter(services: Services) {
  return async function handler(event: unknown, context: LambdaContext): Promise<TriggerEvent> {
    const requestId = context.awsRequestId;
    let trigger: TriggerEvent | undefined;
    try {
      trigger = parseTriggerEvent(event);
      const handled = await route(trigger, services, context);
      const fields: LogFields = { requestId, trigger: trigger.triggerSource, outcome: handled.outcome, maskedPhone: handled.maskedPhone };
      if (handled.absorbed === undefined) services.logger.info('trigger handled', fields);
      else services.logger.warn('trigger handled', { ...fields, ...errorFields(handled.absorbed) });
      return handled.event;
    } catch (error) {
      services.logger.error('trigger failed', { requestId, trigger: trigger?.triggerSource, ...errorFields(error) });
      throw new Error(publicMessage(error, trigger?.triggerSource), { cause: error });
    }
  };
}
