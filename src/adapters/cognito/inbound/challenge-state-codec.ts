import type { ChallengeState, Delivery, Refusal } from '../../../domain/session';

/**
 * The challenge state as Cognito carries it: one string in `challengeMetadata` (the only field that survives
 * from one round to the next) and in `privateChallengeParameters` (for this round's Verify).
 * `OTP2:<codeId>:<issuedAt>:<attemptsLeft>:<resendAt>:<resends>:<delivery>[:<refusal>][:@<holder>]`; the prefix versions the
 * format; a state without a holder (the primary's, or one made before failover) reads as it always did. It holds no code and no proof: the ledger keeps the proof, so a state copied elsewhere proves nothing.
 */
const FORMAT =
  /^OTP2:([A-Za-z0-9-]{0,64}):(\d{1,15}):(\d{1,2}):(\d{1,15}):(\d{1,2}):(sent|reused|refused)(?::(resend-wait|phone-daily-cap|country|range|budget|code-spent))?(?::@([a-z]{1,16}))?$/;

export function encodeState(state: ChallengeState): string {
  const fields = [state.codeId, state.issuedAt, state.attemptsLeft, state.resendAt, state.resends, state.delivery];
  return `OTP2:${fields.join(':')}${state.refusal ? `:${state.refusal}` : ''}${state.holder ? `:@${state.holder}` : ''}`;
}

/** The state, or `undefined` when the value is missing or not in the format: the domain refuses to go on without it. */
export function decodeState(value: unknown): ChallengeState | undefined {
  const match = typeof value === 'string' ? FORMAT.exec(value) : null;
  if (!match) return undefined;
  const [, codeId = '', issuedAt, attemptsLeft, resendAt, resends, delivery, refusal, holder] = match;
  return {
    codeId,
    issuedAt: Number(issuedAt),
    attemptsLeft: Number(attemptsLeft),
    resendAt: Number(resendAt),
    resends: Number(resends),
    delivery: delivery as Delivery,
    ...(refusal && { refusal: refusal as Refusal }),
    ...(holder && { holder }),
  };
}
