import { isWellFormed, normalizeAnswer } from './answer';
import { isExpired } from './send-rules';
import type { Answerer, AnswerOutcome, CodeLedger } from './code-ledger';
import { ChallengeStateError, InvalidPhoneError } from './errors';
import type { LatencyModel } from './latency';
import { maskPhone, parsePhone, type PhoneNumber } from './phone';
import type { OtpPolicy } from './policy';
import { canonicalPhone, type PhoneInspector } from './phone-inspection';
import type { Clock, CodeForge, Deadline, OtpProvider } from './ports';
import type { ChallengeState } from './session';

export interface VerifyInput {
  /** The user pool and user name Cognito gives: a correct answer is recorded as this user's proof of the number. */
  readonly poolId: string;
  readonly userName: string;
  readonly phoneNumber: string | undefined;
  readonly userNotFound: boolean;
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
  readonly provider: OtpProvider;
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
    const { forge } = this.deps;
    const known = !input.userNotFound;
    let phone: PhoneNumber;
    let maskedPhone: string;
    if (known) {
      const parsed = parsePhone(input.phoneNumber);
      if (!parsed) throw new InvalidPhoneError();
      // Keyed as Create keyed it: by the number's standard spelling.
      [phone, maskedPhone] = this.standard(parsed);
    } else {
      // Signing in by phone number, the user name is the number typed: one stand-in for all its spellings, as in Create.
      const typed = parsePhone(input.userName);
      const [standard, masked] = typed ? this.standard(typed) : [undefined, undefined];
      ({ ledgerPhone: phone, maskedPhone } = forge.standIn(standard ?? input.userName));
      if (masked) maskedPhone = masked;
    }
    const verdict = (v: Verdict, reason?: Verification['reason']): Verification => ({ verdict: v, maskedPhone, ...(reason && { reason }) });

    if (input.resend) return verdict('resend');
    if (!input.state) throw new ChallengeStateError('challenge state is missing or corrupt');
    const { codeId, issuedAt } = input.state;
    if (codeId === '') return verdict('no-code');
    const code = normalizeAnswer(input.answer, this.deps.policy.codeLength);
    if (code === undefined || !isWellFormed(code, this.deps.policy.codeLength)) return verdict('malformed');
    const now = this.deps.clock.now();
    if (isExpired(issuedAt, now, this.deps.policy.codeTtlSeconds)) return verdict('expired');

    const outcome = await this.check(known, phone, codeId, code, { poolId: input.poolId, userName: input.userName }, now, deadline);
    if (outcome.kind === 'dead') return verdict(outcome.reason === 'expired' ? 'expired' : 'dead', outcome.reason);
    if (!known) return verdict('user-not-found');
    return verdict(outcome.kind);
  }

  /** The number's standard spelling (`canonicalPhone`) and its masked form. */
  private standard(phone: PhoneNumber): [PhoneNumber, string] {
    const canonical = canonicalPhone(phone, this.deps.phones);
    return [canonical.phone, maskPhone(canonical.phone, canonical.inspection.callingCode)];
  }

  private async check(known: boolean, phone: PhoneNumber, codeId: string, code: string, by: Answerer, now: number, deadline: Deadline): Promise<AnswerOutcome> {
    const { provider, ledger, forge } = this.deps;
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
