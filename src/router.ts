import { type LambdaContext, withDeadline } from './adapters/cognito/deadline';
import {
  createInput,
  defineInput,
  signedInUser,
  signUpInput,
  verifyInput,
  withChallenge,
  withDecision,
  withSignUpDecision,
  withVerification,
} from './adapters/cognito/trigger-mapper';
import { parseTriggerEvent, type TriggerEvent } from './adapters/cognito/validate-event';
import { errorFields, publicMessage } from './adapters/public-errors';
import type { ConfirmPhone } from './domain/confirm-phone';
import type { CreateChallenge } from './domain/create-challenge';
import type { DefineChallenge } from './domain/define-challenge';
import type { LogFields, Logger } from './domain/ports';
import type { PreSignUp } from './domain/pre-sign-up';
import type { VerifyAnswer } from './domain/verify-answer';

export type { LambdaContext } from './adapters/cognito/deadline';

export interface Services {
  readonly define: DefineChallenge;
  readonly create: CreateChallenge;
  readonly verify: VerifyAnswer;
  readonly preSignUp: PreSignUp;
  readonly confirmPhone: ConfirmPhone;
  readonly logger: Logger;
}

/** What Cognito invokes for a trigger: `createRouter`'s handler, or anything shaped like it (tests, the local pool). */
export type TriggerHandler = (event: unknown, context: LambdaContext) => Promise<unknown>;

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
      const outcome = challenge.refusal ? `refused:${challenge.refusal}` : challenge.delivery;
      return { event: withChallenge(trigger, challenge), outcome, maskedPhone: challenge.maskedPhone };
    }
    case 'VerifyAuthChallengeResponse_Authentication': {
      const verification = await withDeadline(context, (deadline) => services.verify.verify(verifyInput(trigger), deadline));
      const outcome = verification.reason ? `${verification.verdict}:${verification.reason}` : verification.verdict;
      return { event: withVerification(trigger, verification), outcome, maskedPhone: verification.maskedPhone };
    }
    case 'PreSignUp_SignUp':
    case 'PreSignUp_AdminCreateUser':
    case 'PreSignUp_ExternalProvider': {
      const decision = services.preSignUp.decide(signUpInput(trigger));
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
