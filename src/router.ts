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
import type { Deadline, LogFields, Logger } from './domain/ports';
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

/** What Cognito invokes for a trigger: `createRouter`'s handler, or anything shaped like it (tests, the local pool). */
export type TriggerHandler = (event: unknown, context: LambdaContext) => Promise<unknown>;

/** Cognito gives up on a trigger after about 5 s; every outbound call ends well before. */
export const MAX_CALL_MS = 4000;
const MARGIN_MS = 300;

/**
 * Runs `call` with the trigger's deadline. Its signal aborts, as `AbortSignal.timeout` would, when the
 * time is up; it is made only if an adapter asks for it, and its timer stops as soon as the call ends:
 * a timeout left pending for every event fires seconds later anyway, and costs a busy instance.
 */
export async function withDeadline<T>(context: LambdaContext, call: (deadline: Deadline) => Promise<T>): Promise<T> {
  let controller: AbortController | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline: Deadline = {
    signal() {
      if (controller) return controller.signal;
      const made = (controller = new AbortController());
      const remaining = context.getRemainingTimeInMillis() - MARGIN_MS;
      const timeUp = () => made.abort(new DOMException('the trigger deadline passed', 'TimeoutError'));
      timer = setTimeout(timeUp, Math.max(0, Math.min(MAX_CALL_MS, remaining)));
      return made.signal;
    },
  };
  try {
    return await call(deadline);
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
      const challenge = await withDeadline(context, (deadline) => services.create.create(createInput(trigger), deadline));
      return { event: withChallenge(trigger, challenge), outcome: challenge.delivery, maskedPhone: challenge.maskedPhone };
    }
    case 'VerifyAuthChallengeResponse_Authentication': {
      const verification = await withDeadline(context, (deadline) => services.verify.verify(verifyInput(trigger), deadline));
      return { event: withVerification(trigger, verification), outcome: verification.verdict, maskedPhone: verification.maskedPhone };
    }
    case 'PreSignUp_SignUp':
    case 'PreSignUp_AdminCreateUser':
    case 'PreSignUp_ExternalProvider': {
      const decision = decideSignUp(...signUpInput(trigger));
      return { event: withSignUpDecision(trigger, decision), outcome: decision.kind };
    }
    case 'PostAuthentication_Authentication': {
      const confirmation = await withDeadline(context, (deadline) => services.confirmPhone.afterSignIn(signedInUser(trigger), deadline));
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
