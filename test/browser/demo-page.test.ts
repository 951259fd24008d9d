import { GetTokensFromRefreshTokenCommand } from '@aws-sdk/client-cognito-identity-provider';
import { mkdir } from 'node:fs/promises';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Env } from '../../src/adapters/runtime/config';
import { cognitoCall, focusedPart, launchChromium, openDemo, said as saidOn } from '../support/browser';
import { lastCode, readOutbox, wrongCode } from '../support/outbox';
import type { TestPlayground } from '../support/playground';

const SCREENSHOT = 'test-results/playground-signed-in.png';

describe('the demo page (SmsSignIn from cognito-sms-otp/react), driven in chromium', () => {
  let browser: Browser;
  let pg: TestPlayground;
  let page: Page;
  let demo: Awaited<ReturnType<typeof openDemo>>;

  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(() => browser?.close());

  async function open(options: { env?: Env; context?: BrowserContextOptions } = {}): Promise<void> {
    demo = await openDemo(browser, options);
    ({ pg, page } = demo);
  }
  beforeEach(() => open());
  afterEach(async () => {
    await demo.close();
    expect(demo.errors).toEqual([]);
  });

  const said = () => saidOn(page);

  async function sendCode(phone: string): Promise<void> {
    await page.getByLabel('Phone number').fill(phone);
    await page.getByRole('button', { name: 'Send code' }).click();
    await page.getByLabel('Code').waitFor();
  }

  async function verify(code: string): Promise<void> {
    await page.getByLabel('Code').fill(code);
    await page.getByRole('button', { name: 'Verify' }).click();
  }

  it('signs a new number up and in: phone, a wrong code, the code from the outbox, signed in as typed', async () => {
    // Prepare
    await sendCode('+82 10-5550-1234');
    const code = await lastCode(pg.outbox);

    // Act
    await expect.poll(() => said()).toBe('We sent a 6-digit code to +82 10-5550-1234.');
    await verify(wrongCode(code));
    await expect.poll(() => said()).toBe('That code is not right. 2 attempts left.');
    await verify(code);
    await page.getByText('Signed in as +82 10-5550-1234').waitFor();

    // Assess
    const claims = page.locator('#claims');
    await expect.poll(() => claims.locator('tr', { hasText: 'phone_number_verified' }).textContent()).toContain('true');
    await expect.poll(() => claims.locator('tr', { hasText: 'token_use' }).textContent()).toContain('"id"');
    expect(await readOutbox(pg.outbox)).toHaveLength(1);
    await mkdir('test-results', { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
  });

  it('signs out through Amplify, which revokes the refresh token at the pool', async () => {
    // Prepare
    await sendCode('+821055501234');
    await verify(await lastCode(pg.outbox));
    await page.getByText('Signed in as +821055501234').waitFor();
    const refreshToken = await page.evaluate(() => Object.entries(localStorage).find(([key]) => key.endsWith('.refreshToken'))?.[1]);

    // Act
    await page.getByRole('button', { name: 'Sign out' }).click();

    // Assess
    await expect.poll(() => said()).toBe('Signed out.');
    await expect(pg.client.send(new GetTokensFromRefreshTokenCommand({ ClientId: pg.clientId, RefreshToken: refreshToken }))).rejects.toMatchObject({
      message: 'Refresh Token has been revoked',
    });
    await page.reload();
    await page.getByLabel('Phone number').waitFor();
  });

  it('shows a kept session as signed in, the number as people write it, not +8210…', async () => {
    // Prepare
    await sendCode('+821055501234');
    await verify(await lastCode(pg.outbox));
    await page.getByText('Signed in as +821055501234').waitFor();

    // Act
    await page.reload();

    // Assess
    await page.getByText('Signed in as 010-5550-1234').waitFor();
  });

  it('says so when no attempts are left', async () => {
    // Prepare
    await sendCode('+821055501234');
    const wrong = wrongCode(await lastCode(pg.outbox));

    // Act
    for (const left of ['2 attempts', '1 attempt']) {
      await verify(wrong);
      await expect.poll(() => said()).toBe(`That code is not right. ${left} left.`);
    }
    await verify(wrong);

    // Assess
    await expect.poll(() => said()).toBe('No attempts left. Send a new code to try again.');
    expect(await page.getByLabel('Phone number').isVisible()).toBe(true);
  });

  it('says so when the sign-in session has expired', async () => {
    // Prepare
    await sendCode('+821055501234');
    const code = await lastCode(pg.outbox);
    pg.clock.advance(3 * 60 + 1);

    // Act
    await verify(code);

    // Assess
    await expect.poll(() => said()).toBe('This sign-in took too long and has expired. Send a new code.');
  });

  it('refuses an invalid number in words tied to the field, focuses it, and sends nothing', async () => {
    // Prepare
    const calls: string[] = [];
    page.on('request', (request) => void (cognitoCall(request) && calls.push(cognitoCall(request)!.operation)));
    const phone = page.getByLabel('Phone number');

    // Act
    await phone.fill('010-5550');
    await page.getByRole('button', { name: 'Send code' }).click();

    // Assess
    const error = page.locator('[data-part=field-error]');
    await expect.poll(() => said()).toBe('That is not a valid phone number for the chosen country. Check the digits, or type + and the country code.');
    expect(await error.getAttribute('role')).toBe('alert');
    expect(await phone.getAttribute('aria-invalid')).toBe('true');
    expect((await phone.getAttribute('aria-describedby'))?.split(' ')).toContain(await error.getAttribute('id'));
    expect(await focusedPart(page)).toBe('phone-input');
    expect(calls).toEqual([]);
    expect(await readOutbox(pg.outbox)).toEqual([]);
  });

  it('reads a Korean national number in South Korea, the default country, as +8210…, and shows it as typed', async () => {
    // Prepare
    const signUps: Record<string, unknown>[] = [];
    page.on('request', (request) => {
      const call = cognitoCall(request);
      if (call?.operation === 'SignUp') signUps.push(call.body);
    });
    expect(await page.getByLabel('Country').inputValue()).toBe('KR');

    // Act
    await sendCode('010-5550-1234');
    await verify(await lastCode(pg.outbox));

    // Assess
    await page.getByText('Signed in as 010-5550-1234').waitFor();
    expect(signUps).toHaveLength(1);
    expect(signUps[0]).toMatchObject({ Username: '+821055501234', UserAttributes: [{ Name: 'phone_number', Value: '+821055501234' }] });
    expect((await readOutbox(pg.outbox)).map((sms) => sms.phone)).toEqual(['+821055501234']);
    expect(await focusedPart(page)).toBe('signed-in');
  });

  it('ties a wrong code to the code field and keeps it there, selected', async () => {
    // Prepare
    await sendCode('+821055501234');
    const code = page.getByLabel('Code');
    const wrong = wrongCode(await lastCode(pg.outbox));

    // Act
    await verify(wrong);

    // Assess
    const error = page.locator('[data-part=field-error]');
    await expect.poll(() => error.textContent()).toBe('That code is not right. 2 attempts left.');
    expect(await error.getAttribute('role')).toBe('alert');
    expect(await code.getAttribute('aria-invalid')).toBe('true');
    expect((await code.getAttribute('aria-describedby'))?.split(' ')).toContain(await error.getAttribute('id'));
    expect(await focusedPart(page)).toBe('code-input');
    expect(await code.inputValue()).toBe(wrong);
    expect(await code.evaluate((input: HTMLInputElement) => [input.selectionStart, input.selectionEnd])).toEqual([0, 6]);
  });

  it('switches language on request, the words already shown included', async () => {
    // Prepare
    await page.getByLabel('Phone number').fill('12');
    await page.getByRole('button', { name: 'Send code' }).click();
    await expect.poll(() => said()).toContain('not a valid phone number');

    // Act
    await page.getByRole('button', { name: '한국어' }).click();

    // Assess
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('ko');
    await expect.poll(() => said()).toBe('선택한 국가의 올바른 전화번호가 아닙니다. 번호를 확인하거나 +와 국가번호를 붙여 입력해 주세요.');
    expect(await page.getByLabel('국가').locator('option:checked').textContent()).toBe('대한민국 (+82)');
    await page.getByRole('button', { name: 'English' }).click();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    await page.getByRole('button', { name: 'Send code' }).waitFor();
  });

  it('serves a favicon', async () => {
    // Act
    const response = await page.request.get(`${pg.config.endpoint}/favicon.svg`);

    // Assess
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toBe('image/svg+xml');
    expect(await page.locator('link[rel=icon]').getAttribute('href')).toBe('/favicon.svg');
  });

  describe('with the challenge parameters of contract B rewritten on the way', () => {
    /** Sets these public challenge parameters on every challenge the pool answers with. */
    async function challengeParameters(parameters: Record<string, string | undefined>): Promise<void> {
      await page.route(`${pg.config.endpoint}/`, async (route) => {
        const response = await route.fetch();
        const body = (await response.json()) as { ChallengeParameters?: Record<string, string | undefined> };
        if (body.ChallengeParameters)
          body.ChallengeParameters = JSON.parse(JSON.stringify({ ...body.ChallengeParameters, ...parameters })) as Record<string, string>;
        await route.fulfill({ response, json: body });
      });
    }

    it('hides the resend button and the timer when an older backend sends neither resendInSeconds nor expiresInSeconds', async () => {
      // Prepare
      await challengeParameters({ resendInSeconds: undefined, expiresInSeconds: undefined, delivery: undefined });

      // Act
      await sendCode('+821055501234');

      // Assess
      await expect.poll(() => said()).toBe('We sent a 6-digit code to +821055501234.');
      expect(await page.locator('[data-part=resend]').count()).toBe(0);
      expect(await page.getByRole('timer').count()).toBe(0);
    });

    it('says a reused code still works, and counts the wait before a resend', async () => {
      // Prepare
      await challengeParameters({ resendInSeconds: '30', delivery: 'reused' });

      // Act
      await sendCode('+821055501234');

      // Assess
      await expect.poll(() => said()).toBe('We already sent a code; it still works. Type it below.');
      expect(await page.locator('[data-part=resend]').textContent()).toMatch(/^Resend code \((29|30) s\)$/);
    });

    it('says the code has expired when its validity runs out, and takes no answer for it', async () => {
      // Prepare
      await challengeParameters({ expiresInSeconds: '2' });
      await sendCode('+821055501234');

      // Act
      await expect.poll(() => page.getByRole('timer').textContent(), { timeout: 5000 }).toBe('Time left 0:00');

      // Assess
      await expect.poll(() => said()).toBe('The code has expired. Ask for a new one.');
      expect(await page.getByRole('button', { name: 'Verify' }).isDisabled()).toBe(true);
    });
  });

  // Contract B end to end: OTP_RESEND_INTERVAL_SECONDS is set low so that the countdown ends within the test.
  describe('resend through the real backend', () => {
    beforeEach(async () => {
      await demo.close();
      await open({ env: { OTP_RESEND_INTERVAL_SECONDS: '2' } });
    });

    it('counts down, then sends a new code with clientMetadata action=resend that signs in while the first no longer does', async () => {
      // Prepare
      await sendCode('+821055501234');
      const first = await lastCode(pg.outbox);
      const resend = page.locator('[data-part=resend]');
      await expect.poll(() => resend.textContent()).toMatch(/^Resend code \(\d s\)$/);
      expect(await resend.isDisabled()).toBe(true);

      // Act
      await expect.poll(() => resend.isEnabled(), { timeout: 10_000 }).toBe(true);
      const asked = page.waitForRequest((request) => cognitoCall(request)?.operation === 'RespondToAuthChallenge');
      await resend.click();
      const call = cognitoCall(await asked)!;
      await expect.poll(() => said()).toBe('We sent a new code. The previous one no longer works.');
      const second = await lastCode(pg.outbox);
      await verify(second);

      // Assess
      expect(call.body).toMatchObject({ ChallengeResponses: { ANSWER: 'resend' }, ClientMetadata: { action: 'resend' } });
      expect(await readOutbox(pg.outbox)).toHaveLength(2);
      expect(second).not.toBe(first);
      await page.getByText('Signed in as +821055501234').waitFor();
    });

    it('says a code already sent still works when a second sign-in comes within the wait, and it does', async () => {
      // Prepare
      await sendCode('+821055501234');
      const first = await lastCode(pg.outbox);
      await page.getByRole('button', { name: 'Use another number' }).click();

      // Act
      await sendCode('+821055501234');

      // Assess
      await expect.poll(() => said()).toBe('We already sent a code; it still works. Type it below.');
      expect(await readOutbox(pg.outbox)).toHaveLength(1);
      await verify(first);
      await page.getByText('Signed in as +821055501234').waitFor();
    });
  });
});
