import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { PASSWORD_POLICY } from '../../infra/password-policy';
import { throwAwayPassword } from '../../src/client/throw-away-password';
import { checkPassword } from '../../local/pool/password';
import { signUpWith, startTestPlayground } from '../support/playground';

const PHONE = '+821055501234';
const SAMPLES = 200;

/** The README's `throwAwayPassword`, run as an app would run it. */
async function readmeThrowAwayPassword(): Promise<() => string> {
  const readme = await readFile(new URL('../../README.md', import.meta.url), 'utf8');
  const source = /function throwAwayPassword\(\): string \{[\s\S]*?\n\}/.exec(readme)?.[0];
  if (!source) throw new Error('README shows no throwAwayPassword');
  return new Function(`${source.replace('(): string', '()')}; return throwAwayPassword;`)() as () => string;
}

describe('the password policy, one for the deployed pool and the playground', () => {
  it("is the deployed pool's: a password Cognito's default (8 characters) takes is refused for being short", async () => {
    // Prepare
    const pg = await startTestPlayground();

    try {
      // Act
      const signedUp = signUpWith(pg, PHONE, 'Short-passw0rd!');

      // Assess
      expect('Short-passw0rd!'.length).toBeLessThan(PASSWORD_POLICY.minLength);
      await expect(signedUp).rejects.toMatchObject({
        name: 'InvalidPasswordException',
        message: 'Password did not conform with policy: Password not long enough',
      });
    } finally {
      await pg.close();
    }
  });

  it.each([
    ['Sixteen-chars-ok', 'Password must have numeric characters'],
    ['sixteen-chars-0k', 'Password must have uppercase characters'],
    ['SIXTEEN-CHARS-0K', 'Password must have lowercase characters'],
    ['Sixteenchars00ok', 'Password must have symbol characters'],
    ['Sixteenchars00ok€', 'Password must have symbol characters'],
  ])('refuses %s: %s', (password, rule) => {
    expect(() => checkPassword(password)).toThrow(`Password did not conform with policy: ${rule}`);
  });

  it('takes every password the demo page and the README make', async () => {
    // Prepare
    const readme = await readmeThrowAwayPassword();

    // Act
    const made = Array.from({ length: SAMPLES }, (_, i) => (i % 2 ? throwAwayPassword() : readme()));

    // Assess
    for (const password of made) expect(() => checkPassword(password), password).not.toThrow();
  });
});
