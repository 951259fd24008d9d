import { type LambdaContext, withDeadline } from './adapters/cognito/inbound/deadline';
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
} from './adapters/cognito/inbound/trigger-mapper';
import { parseTriggerEvent, type TriggerEvent } from './adapters/cognito/inbound/validate-event';
import { errorFields, publicMessage } from './adapters/cognito/inbound/public-errors';
import type { ConfirmPhone } from './domain/confirm-phone';
import type { CreateChallenge } from './domain/create-challenge';
import type { DefineChallenge } from './domain/define-challenge';
import type { LogFields, Logger } from './domain/ports';
import type { Metrics, OutcomeCount } from './domain/metrics';
import { challengeCount, signUpCount, verificationCount } from './adapters/metrics/outcome-counts';
import { signUpRefusal } from './adapters/cognito/inbound/sign-up-refusal';
import type { AppError } from './domain/errors';
import type { PreSignUp } from './domain/pre-sign-up';
import type { VerifyAnswer } from './domain/verify-answer';

export type { LambdaContext } from './adapters/cognito/inbound/deadline';

export interface Services {
  readonly define: DefineChallenge;
  readonly create: CreateChallenge;
  readonly verify: VerifyAnswer;
  readonly preSignUp: PreSignUp;
  readonly confirmPhone: ConfirmPhone;
  readonly logger: Logger;
  readonly metrics: Metrics;
}

/** What Cognito invokes for a trigger: `createRouter`'s handler, or anything shaped like it (tests, the local pool). */
export type TriggerHandler = (event: unknown, context: LambdaContext) => Promise<unknown>;

interface Handled {
  readonly event: TriggerEvent;
  readonly outcome: string;
  readonly maskedPhone?: string;
  /** Set when the outcome is a failure the trigger absorbs, so that it is logged and counted. */
  readonly absorbed?: unknown;
  /** What the outcome counts as in the metrics, when it counts. */
  readonly count?: OutcomeCount | undefined;
  /** Set when the outcome is an expected refusal Cognito learns only from an error: logged as an outcome, then thrown. */
  readonly refusal?: AppError;
}

async function route(trigger: TriggerEvent, services: Services, context: LambdaContext): Promise<Handled> {
  switch (trigger.triggerSource) {
    case 'DefineAuthChallenge_Authentication': {
      const decision = services.define.decide(defineInput(trigger));
      return { event: withDecision(trigger, decision), outcome: decision.kind === 'fail' ? `fail:${decision.reason}` : decision.kind };
    }
    case 'CreateAuthChallenge_Authentication': {
      const challenge = await withDeadline(context, (deadline) => services.create.create(createInput(trigger), deadline));
      // An unknown user's stand-in is never texted: logged as what it is, though its public parameters match a known user's.
      const told = challenge.refusal ? `refused:${challenge.refusal}` : challenge.delivery;
      const outcome = challenge.standIn ? `stand-in:${told}` : told;
      return { event: withChallenge(trigger, challenge), outcome, maskedPhone: challenge.maskedPhone, count: challengeCount(challenge) };
    }
    case 'VerifyAuthChallengeResponse_Authentication': {
      const verification = await withDeadline(context, (deadline) => services.verify.verify(verifyInput(trigger), deadline));
      const outcome = verification.reason ? `${verification.verdict}:${verification.reason}` : verification.verdict;
      const count = verificationCount(verification);
      return { event: withVerification(trigger, verification), outcome, maskedPhone: verification.maskedPhone, count };
    }
    case 'PreSignUp_SignUp':
    case 'PreSignUp_AdminCreateUser':
    case 'PreSignUp_ExternalProvider': {
      const decision = await withDeadline(context, (deadline) => services.preSignUp.decide(signUpInput(trigger), deadline));
      if (decision.kind === 'refused') {
        const refusal = signUpRefusal(decision);
        return { event: trigger, outcome: `refused:${decision.reason}`, refusal, absorbed: decision.cause, count: signUpCount(decision) };
      }
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
    let handled: Handled;
    try {
      trigger = parseTriggerEvent(event);
      handled = await route(trigger, services, context);
    } catch (error) {
      services.logger.error('trigger failed', { requestId, trigger: trigger?.triggerSource, ...errorFields(error) });
      throw new Error(publicMessage(error, trigger?.triggerSource), { cause: error });
    }
    if (handled.count) services.metrics.count(handled.count);
    const fields: LogFields = { requestId, trigger: trigger.triggerSource, outcome: handled.outcome, maskedPhone: handled.maskedPhone };
    if (handled.refusal) {
      // Expected, so logged as an outcome rather than a failure; Cognito hears of it only through an error.
      if (handled.absorbed === undefined) services.logger.info('trigger refused', { ...fields, errorCode: handled.refusal.code });
      else services.logger.warn('trigger refused', { ...fields, ...errorFields(handled.absorbed), errorCode: handled.refusal.code });
      throw new Error(publicMessage(handled.refusal, trigger.triggerSource), { cause: handled.refusal });
    }
    if (handled.absorbed === undefined) services.logger.info('trigger handled', fields);
    else services.logger.warn('trigger handled', { ...fields, ...errorFields(handled.absorbed) });
    return handled.event;
  };
}
