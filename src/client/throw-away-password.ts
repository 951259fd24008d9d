/**
 * SignUp still wants a password, on every tier; nobody ever types this one. 24 random bytes in base64 plus one
 * character of each class meet the deployed pool's policy (infra/password-policy.ts), and Cognito's default.
 * The app client allows only custom auth and refresh, so there is no password sign-in to guess it against.
 */
export function throwAwayPassword(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(24));
  return `${btoa(String.fromCharCode(...bytes))}aA1!`;
}
