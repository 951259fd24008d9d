import { isWellFormed, normalizeAnswer } from './answer';
import { isExpired } from './send-rules';
import type { Answerer, AnswerOutcome, CodeLedger } from './code-ledger';
import { ChallengeStateError } from './errors';
import type { LatencyModel } from './latency';
import type { PhoneNumber } from './phone';
import type { OtpPolicy } from './policy';
import type { PhoneInspector } from './phone-inspection';
import { recipientOf, type RoundUser } from './recipient';
import type { Clock, CodeForge, Deadline } from './ports';
import type { DeliveryService } from './delivery';
import type { Metrics, ProviderName } from './metrics';
import type { ChallengeState } from './session';

/** The user pool and user name Cognito gives: a correct answer is recorded as this user's proof of the number. */
export interface VerifyInput extends RoundUser {
  readonly poolId: string;
  readonly answer: string;
  /** The client asked for a new code instead of answering: nothing is checked and no attempt is spent. */
  readonly resend: boolean;
  /** The state Create made for this round; absent when none came back or it could not be read. */
  readonly state: ChallengeState | undefined;
}

export type Verdict = 'correct' | 'wrong' | 'malformed' | 'expired' | 'dead' | 'no-code' | 'resend' | 'user-not-found';

export interface Verification {
  readonly verdict: Verdict;
  readonly maskedPhone: string;
  /** Why a code is dead, for the log. */
  readonly reason?: Extract<AnswerOutcome, { kind: 'dead' }>['reason'];
}

export interface VerifyDependencies {
  readonly policy: OtpPolicy;
  /** The providers: the state's holder (the primary when absent) checks a code it keeps. */
  readonly delivery: DeliveryService;
  /** Counts a correct answer as `signed-in` for the provider that sent the code. */
  readonly metrics?: Metrics;
  readonly ledger: CodeLedger;
  readonly forge: CodeForge;
  readonly clock: Clock;
  /** How long the provider takes to check a code it keeps; an unknown user's check waits as long. */
  readonly checkLatency: LatencyModel;
  /** What the numbering plan says of a number: its standard spelling, and its calling code for masking. */
  readonly phones: PhoneInspector;
}

/**
 * Checks an answer against the ledger, which counts it for the code across every sign-in and instance. A provider
 * or ledger failure is thrown, never turned into `correct`, nor into `wrong` (that would burn an attempt for an
 * outage the user cannot fix).
 */
export class VerifyAnswer {
  constructor(private readonly deps: VerifyDependencies) {}

  async verify(input: VerifyInput, deadline: Deadline): Promise<Verification> {
    const { known, phone, masked: maskedPhone } = recipientOf(input, this.deps.phones, this.deps.forge);
    const verdict = (v: Verdict, reason?: Verification['reason']): Verification => ({ verdict: v, maskedPhone, ...(reason && { reason }) });

    if (input.resend) return verdict('resend');
    if (!input.state) throw new ChallengeStateError('challenge state is missing or corrupt');
    const { codeId, issuedAt } = input.state;
    if (codeId === '') return verdict('no-code');
    const code = normalizeAnswer(input.answer, this.deps.policy.codeLength);
    if (code === undefined || !isWellFormed(code, this.deps.policy.codeLength)) return verdict('malformed');
    const now = this.deps.clock.now();
    if (isExpired(issuedAt, now, this.deps.policy.codeTtlSeconds)) return verdict('expired');

    const holder = input.state.holder ?? this.deps.delivery.primary.name;
    const outcome = await this.check(holder, known, phone, codeId, code, { poolId: input.poolId, userName: input.userName }, now, deadline);
    if (outcome.kind === 'dead') return verdict(outcome.reason === 'expired' ? 'expired' : 'dead', outcome.reason);
    if (!known) return verdict('user-not-found');
    if (outcome.kind === 'correct') this.deps.metrics?.delivery({ kind: 'signed-in', provider: holder });
    return verdict(outcome.kind);
  }

  private async check(
    holder: ProviderName,
    known: boolean,
    phone: PhoneNumber,
    codeId: string,
    code: string,
    by: Answerer,
    now: number,
    deadline: Deadline,
  ): Promise<AnswerOutcome> {
    const { ledger, forge } = this.deps;
    const provider = this.deps.delivery.provider(holder);
    if (provider.kind === 'made-here') {
      // An unknown user's stand-in holds a random proof: every answer is counted, and wrong.
      return ledger.checkAnswer(phone, codeId, forge.proof(phone, codeId, code), by, now, deadline);
    }
    const reserved = await ledger.reserveAttempt(phone, codeId, now, deadline);
    if (reserved.kind === 'dead') return reserved;
    if (!known) {
      await this.deps.checkLatency.imitate(deadline);
      return { kind: 'wrong', attemptsLeft: reserved.attemptsLeft };
    }
    const checked = await this.deps.checkLatency.measure(() => provider.checkCode(phone, code, deadline));
    if (checked === 'dead') return { kind: 'dead', reason: 'expired' };
    if (checked === 'wrong') return { kind: 'wrong', attemptsLeft: reserved.attemptsLeft };
    // The provider may approve a code more than once (or several checks at once): only the one spend that wins signs in.
    const spent = await ledger.markSpent(phone, codeId, by, now, deadline);
    return spent.kind === 'spent' ? { kind: 'correct' } : spent;
  }
}
