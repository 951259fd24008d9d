import { normalizeAnswer, isWellFormed } from './answer';
import { ChallengeStateError, InvalidPhoneError } from './errors';
import { parsePhone, maskPhone, UNKNOWN_MASKED_PHONE } from './phone';
import type { OtpPolicy } from './policy';
import type { PhoneInspector } from './phone-inspection';
import type { Clock, Deadline, OtpProvider } from './ports';
import type { ChallengeState } from './session';

export interface VerifyInput {
  readonly userId: string;
  readonly phoneNumber: string | undefined;
  readonly userNotFound: boolean;
  readonly answer: string;
  /** The state Create made for this round; absent when none came back or it could not be read. */
  readonly state: ChallengeState | undefined;
}

export type Verdict = 'correct' | 'wrong' | 'malformed' | 'expired' | 'user-not-found';

export interface Verification {
  readonly verdict: Verdict;
  readonly maskedPhone: string;
}

export function isExpired(issuedAt: number, now: number, ttlSeconds: number): boolean {
  return now - issuedAt > ttlSeconds * 1000;
}

/**
 * Checks an answer. A provider failure is thrown (a `ProviderError`), never turned
 * into `correct`; it is not turned into `wrong` either, since that would burn one of
 * the user's attempts for an outage they cannot fix.
 */
export class VerifyAnswer {
  constructor(
    private readonly policy: OtpPolicy,
    private readonly provider: OtpProvider,
    private readonly clock: Clock,
    private readonly phones: PhoneInspector,
  ) {}

  async verify(input: VerifyInput, deadline: Deadline): Promise<Verification> {
    if (input.userNotFound) return { verdict: 'user-not-found', maskedPhone: UNKNOWN_MASKED_PHONE };
    const phone = parsePhone(input.phoneNumber);
    if (!phone) throw new InvalidPhoneError();
    const maskedPhone = maskPhone(phone, this.phones.inspect(phone).callingCode);
    const verdict = (v: Verdict): Verification => ({ verdict: v, maskedPhone });

    if (!input.state) throw new ChallengeStateError('challenge state is missing or corrupt');
    const { issuedAt, proof } = input.state;
    const code = normalizeAnswer(input.answer);
    if (!isWellFormed(code, this.policy.codeLength)) return verdict('malformed');
    if (isExpired(issuedAt, this.clock.now(), this.policy.codeTtlSeconds)) return verdict('expired');

    const correct = await this.provider.checkCode({ userId: input.userId, phone, issuedAt, code, proof }, deadline);
    return verdict(correct ? 'correct' : 'wrong');
  }
}
