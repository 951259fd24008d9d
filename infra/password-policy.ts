/**
 * The password policy of the pool the stack creates. Sign-up still takes a password; clients send a long
 * random one that nobody ever types. Plain data with no imports, so that the local playground checks the
 * same policy without loading aws-cdk-lib.
 */
export const PASSWORD_POLICY = {
  minLength: 16,
  requireDigits: true,
  requireLowercase: true,
  requireUppercase: true,
  requireSymbols: true,
} as const;
