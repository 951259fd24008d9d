import type { ConfirmPhone } from './domain/confirm-phone';
import type { CreateChallenge } from './domain/create-challenge';
import type { DefineChallenge } from './domain/define-challenge';
import type { DeliveryService } from './domain/delivery';
import type { OtpPolicy } from './domain/policy';
import type { CodeLedger } from './domain/code-ledger';
import type { Clock, CodeForge, Logger, OtpProvider, Timing, UserDirectory } from './domain/ports';
import type { SendBudget } from './domain/send-budget';
import type { Metrics } from './domain/metrics';
import type { PhoneInspector } from './domain/phone-inspection';
import type { PreSignUp } from './domain/pre-sign-up';
import type { VerifyAnswer } from './domain/verify-answer';

declare const bound: unique symbol;
/** A dependency-injection key (an inversify service identifier) that remembers the type bound to it. */
export type DiKey<T> = symbol & { readonly [bound]?: T };

/** The type a key's binding resolves to. */
export type Bound<K> = K extends DiKey<infer T> ? T : never;

const key = <T>(name: string): DiKey<T> => Symbol(name) as DiKey<T>;

/** The container's keys: one per port and per service. Outside the domain, which knows nothing of the container. */
export const DI_KEYS = {
  Policy: key<OtpPolicy>('OtpPolicy'),
  /** The primary provider (OTP_PROVIDER), measured. */
  Provider: key<OtpProvider>('OtpProvider'),
  /** The primary and the fallback, with the breaker: what Create sends through and Verify checks by. */
  Delivery: key<DeliveryService>('Delivery'),
  Clock: key<Clock>('Clock'),
  Timing: key<Timing>('Timing'),
  CodeForge: key<CodeForge>('CodeForge'),
  CodeLedger: key<CodeLedger>('CodeLedger'),
  SendBudget: key<SendBudget>('SendBudget'),
  Logger: key<Logger>('Logger'),
  UserDirectory: key<UserDirectory>('UserDirectory'),
  PhoneInspector: key<PhoneInspector>('PhoneInspector'),
  Metrics: key<Metrics>('Metrics'),
  DefineChallenge: key<DefineChallenge>('DefineChallenge'),
  CreateChallenge: key<CreateChallenge>('CreateChallenge'),
  VerifyAnswer: key<VerifyAnswer>('VerifyAnswer'),
  PreSignUp: key<PreSignUp>('PreSignUp'),
  ConfirmPhone: key<ConfirmPhone>('ConfirmPhone'),
} as const;
