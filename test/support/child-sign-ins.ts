import { maskPhone, parsePhone } from '../../src/domain/phone';
import { SignIn } from './cognito-flow';
import type { HandlerProcess } from './handler-processes';

/** The `n`th (from 1) code of the same length that is not `code`: distinct guesses, as an attacker makes. */
export const otherCode = (code: string, n = 1): string => String((Number(code) + n) % 10 ** code.length).padStart(code.length, '0');

/** The masked form the handler logs for `phone`, to pick one phone's lines out of a child's log. */
export function maskedAs(phone: string): string {
  const parsed = parsePhone(phone);
  if (!parsed) throw new Error(`not a phone number: ${phone}`);
  // The test phones are Korean: +82 is the calling code the handler masks them with.
  return maskPhone(parsed, '82');
}

/**
 * The outcomes every process logged for one trigger and phone, once `expected` lines have arrived (stdout may
 * trail the IPC answer a little); bounded at 2 s.
 */
export async function loggedOutcomes(processes: readonly HandlerProcess[], trigger: string, phone: string, expected: number): Promise<string[]> {
  const masked = maskedAs(phone);
  const collect = () =>
    processes.flatMap((p) => p.logs.filter((line) => line.trigger === trigger && line.maskedPhone === masked).map((line) => String(line.outcome)));
  for (let tries = 0; tries < 100 && collect().length < expected; tries++) await new Promise((resolve) => setTimeout(resolve, 20));
  return collect();
}

/** A sign-in for `phone` on one process; `k` spreads sign-ins over the processes. */
export const signInOn = (processes: readonly HandlerProcess[], k: number, phone: string): SignIn =>
  new SignIn(processes[k % processes.length]!.handler, { phone });

/** One attacker's sign-in: starts, then answers up to `answers` wrong codes while the pool keeps asking. Returns the Verify calls made. */
export async function guessWrong(signIn: SignIn, rightCode: string, answers: number, firstGuess = 1): Promise<number> {
  let verifies = 0;
  if ((await signIn.start()) !== 'challenge') return verifies;
  for (let i = 0; i < answers; i++) {
    verifies++;
    if ((await signIn.answer(otherCode(rightCode, firstGuess + i))) !== 'challenge') break;
  }
  return verifies;
}
