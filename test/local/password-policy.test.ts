import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { PASSWORD_POLICY } from '../../infra/password-policy';
import { throwAwayPassword } from '../../src/client/throw-away-password';
import { checkPassword } from '../../local/pool/password';
import { signUpWith, startTestPlayground } from '../support/playground';

const PHONE = '+821055501234';
const SAMPLES = 200;

/** The `throwAwayPassword` of docs/client.md, run as an app would run it. */
async function documentedThrowAwayPassword(): Promise<() => string> {
  const doc = await readFile(new URL('../../docs/client.md', import.meta.url), 'utf8');
  const source = /function throwAwayPassword\(\): string \{[\s\S]*?\n\}/.exec(doc)?.[0];
  if (!source) throw new Error('docs/client.md shows no throwAwayPassword');
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

  it('takes every password the demo page and docs/client.md make', async () => {
    // Prepare
    const documented = await documentedThrowAwayPassword();

    // Act
    const made = Array.from({ length: SAMPLES }, (_, i) => (i % 2 ? throwAwayPassword() : documented()));

    // Assess
    for (const password of made) expect(() => checkPassword(password), password).not.toThrow();
  });
});
