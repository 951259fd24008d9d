/** The knobs of the one-time-code flow, validated by the configuration adapter. */
export interface OtpPolicy {
  readonly codeLength: number;
  readonly maxAttempts: number;
  readonly codeTtlSeconds: number;
  /** A new sign-in within this window reuses the code already sent instead of sending another SMS. */
  readonly resendIntervalSeconds: number;
}

export const DEFAULT_POLICY: OtpPolicy = {
  codeLength: 6,
  maxAttempts: 3,
  codeTtlSeconds: 180,
  resendIntervalSeconds: 30,
};
