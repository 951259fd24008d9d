import type { Container } from 'inversify';
import type { ConfirmPhone } from './domain/confirm-phone';
import type { CreateChallenge } from './domain/create-challenge';
import type { DefineChallenge } from './domain/define-challenge';
import type { OtpPolicy } from './domain/policy';
import type { PreSignUp } from './domain/pre-sign-up';
import type { Clock, Logger, OtpProvider, UserDirectory } from './domain/ports';
import type { VerifyAnswer } from './domain/verify-answer';

declare const port: unique symbol;
/** A container key that remembers the type bound to it. */
export type Token<T> = symbol & { readonly [port]?: T };

const token = <T>(name: string): Token<T> => Symbol(name) as Token<T>;

export const TOKENS = {
  Policy: token<OtpPolicy>('OtpPolicy'),
  Provider: token<OtpProvider>('OtpProvider'),
  Clock: token<Clock>('Clock'),
  Logger: token<Logger>('Logger'),
  UserDirectory: token<UserDirectory>('UserDirectory'),
  DefineChallenge: token<DefineChallenge>('DefineChallenge'),
  CreateChallenge: token<CreateChallenge>('CreateChallenge'),
  VerifyAnswer: token<VerifyAnswer>('VerifyAnswer'),
  PreSignUp: token<PreSignUp>('PreSignUp'),
  ConfirmPhone: token<ConfirmPhone>('ConfirmPhone'),
} as const;

/** Async because a provider's adapter is loaded on demand. */
export function resolve<T>(container: Container, key: Token<T>): Promise<T> {
  return container.getAsync<T>(key);
}
