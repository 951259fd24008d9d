import { ChallengeStateError, InvalidPhoneError } from './errors';
import { maskPhone, parsePhone, type PhoneNumber, UNKNOWN_MASKED_PHONE } from './phone';
import type { OtpPolicy } from './policy';
import type { PhoneInspector } from './phone-inspection';
import type { Clock, Deadline, OtpProvider } from './ports';
import { attemptsLeft, type ChallengeState, type Round } from './session';

export interface CreateInput {
  readonly userId: string;
  /** `phone_number` from the user's attributes, unvalidated. */
  readonly phoneNumber: string | undefined;
  readonly userNotFound: boolean;
  readonly session: readonly Round[];
}

export interface Challenge {
  readonly maskedPhone: string;
  readonly codeLength: number;
  readonly attemptsLeft: number;
  /** What this round's Verify and the next rounds need; the trigger adapter carries it. */
  readonly state: ChallengeState;
  readonly delivery: 'sent' | 'carried-over' | 'recently-sent' | 'none';
}

/** Presents a challenge: sends one SMS per sign-in, and none on retry rounds. */
export class CreateChallenge {
  // Best effort within one warm instance: a Cognito retry or a quick second sign-in
  // reuses the code already on its way instead of paying for another SMS.
  private readonly recentSends = new Map<string, ChallengeState>();

  constructor(
    private readonly policy: OtpPolicy,
    private readonly provider: OtpProvider,
    private readonly clock: Clock,
    private readonly phones: PhoneInspector,
  ) {}

  async create(input: CreateInput, deadline: Deadline): Promise<Challenge> {
    const left = attemptsLeft(input.session, this.policy.maxAttempts);
    if (input.userNotFound) {
      return this.challenge(UNKNOWN_MASKED_PHONE, left, { issuedAt: this.clock.now(), proof: '' }, 'none');
    }
    const phone = parsePhone(input.phoneNumber);
    if (!phone) throw new InvalidPhoneError();
    const masked = maskPhone(phone, this.phones.inspect(phone).callingCode);

    // A retry round keeps the code already sent: its state object goes on as it came.
    const previous = input.session.at(-1);
    if (previous) {
      if (!previous.state) throw new ChallengeStateError('challenge state is missing or corrupt');
      return this.challenge(masked, left, previous.state, 'carried-over');
    }

    const recent = this.recentSend(input.userId, phone);
    if (recent) return this.challenge(masked, left, recent, 'recently-sent');

    const issuedAt = this.clock.now();
    const proof = await this.provider.sendCode({ userId: input.userId, phone, issuedAt }, deadline);
    const state = { issuedAt, proof };
    this.recentSends.set(sendKey(input.userId, phone), state);
    return this.challenge(masked, left, state, 'sent');
  }

  private recentSend(userId: string, phone: PhoneNumber): ChallengeState | undefined {
    const oldest = this.clock.now() - this.policy.resendIntervalSeconds * 1000;
    for (const [key, state] of this.recentSends) {
      if (state.issuedAt <= oldest) this.recentSends.delete(key);
    }
    return this.recentSends.get(sendKey(userId, phone));
  }

  private challenge(maskedPhone: string, left: number, state: ChallengeState, delivery: Challenge['delivery']): Challenge {
    return { maskedPhone, codeLength: this.policy.codeLength, attemptsLeft: left, state, delivery };
  }
}

function sendKey(userId: string, phone: PhoneNumber): string {
  return `${userId}\n${phone}`;
}
