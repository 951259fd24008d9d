/** The knobs of the one-time-code flow, validated by the configuration adapter. */
export interface OtpPolicy {
  readonly codeLength: number;
  /** Answers per code, across every sign-in; after this many wrong ones even the right one is refused. */
  readonly maxAttempts: number;
  readonly codeTtlSeconds: number;
  /** The wait after the first send of the day; a new sign-in within it continues with the code already sent. */
  readonly resendIntervalSeconds: number;
  /** The longest wait between two sends to one phone. */
  readonly maxResendWaitSeconds: number;
  /** A hard daily cap per phone; 0 for none (the default: a cap can lock the owner out until midnight UTC). */
  readonly maxSendsPerPhonePerDay: number;
  /** Resends a user may ask for within one sign-in. */
  readonly maxResendsPerSignIn: number;
}

export const DEFAULT_POLICY: OtpPolicy = {
  codeLength: 6,
  maxAttempts: 3,
  codeTtlSeconds: 180,
  resendIntervalSeconds: 30,
  maxResendWaitSeconds: 1800,
  maxSendsPerPhonePerDay: 0,
  maxResendsPerSignIn: 3,
};

/** The rounds one sign-in may take in all: each is an answer or a resend request. */
export const maxRounds = (policy: Pick<OtpPolicy, 'maxAttempts' | 'maxResendsPerSignIn'>): number => policy.maxAttempts + policy.maxResendsPerSignIn;
