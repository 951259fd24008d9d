/**
 * The public challenge parameters (contract B) as typed values. Cognito carries them as strings, and an older
 * backend may not send `resendInSeconds`, `delivery` or `refusal` at all: what is missing stays undefined, so a
 * page can hide what the backend does not offer instead of showing a wrong number.
 */
import type { Delivery, Refusal } from '../domain/session';

export type { Delivery, Refusal };

/**
 * No phone number, not even masked: the pool's answer must not tell whether the account exists, so the page shows
 * the number the user typed.
 */
export interface Challenge {
  readonly codeLength?: number;
  readonly attemptsLeft?: number;
  /** 0 when a resend is possible now; undefined when the backend does not offer resend. */
  readonly resendInSeconds?: number;
  /** How long the code still works (0 when none was sent); undefined when the backend does not say. */
  readonly expiresInSeconds?: number;
  readonly delivery?: Delivery;
  /** Set when `delivery` is `refused`: the rule that refused the send. */
  readonly refusal?: Refusal | (string & {});
}

const DELIVERIES: readonly string[] = ['sent', 'reused', 'refused'];

export function readChallenge(parameters: Readonly<Record<string, string | undefined>> | undefined): Challenge {
  const p = parameters ?? {};
  return {
    codeLength: count(p.codeLength, 1),
    attemptsLeft: count(p.attemptsLeft, 0),
    resendInSeconds: count(p.resendInSeconds, 0),
    expiresInSeconds: count(p.expiresInSeconds, 0),
    delivery: p.delivery && DELIVERIES.includes(p.delivery) ? (p.delivery as Delivery) : undefined,
    refusal: p.delivery === 'refused' && p.refusal ? p.refusal : undefined,
  };
}

/** A whole number at least `min`, or undefined: a malformed parameter is treated as absent, never as 0. */
function count(text: string | undefined, min: number): number | undefined {
  if (text === undefined || !/^\d{1,9}$/.test(text)) return undefined;
  const value = Number(text);
  return value >= min ? value : undefined;
}
