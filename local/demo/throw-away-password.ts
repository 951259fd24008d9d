/**
 * SignUp still wants a password, on every tier; nobody ever types this one. 24 random bytes in base64 plus one
 * character of each class meet the deployed pool's policy (infra/password-policy.ts), and Cognito's default.
 */
export function throwAwayPassword(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(24));
  return `${btoa(String.fromCharCode(...bytes))}aA1!`;
}
