import { GetTokensFromRefreshTokenCommand } from '@aws-sdk/client-cognito-identity-provider';
import { mkdir } from 'node:fs/promises';
import { type Browser, type BrowserContextOptions, chromium, type Page, type Request } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { lastCode, readOutbox, wrongCode } from '../support/outbox';
import { startTestPlayground, type TestPlayground } from '../support/playground';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SCREENSHOT = 'test-results/playground-signed-in.png';
const TARGET = 'AWSCognitoIdentityProviderService.';

/** The Cognito operation a request from the page calls, and its JSON body. */
function cognitoCall(request: Request): { operation: string; body: Record<string, unknown> } | undefined {
  const target = request.headers()['x-amz-target'];
  if (request.method() !== 'POST' || !target?.startsWith(TARGET)) return undefined;
  return { operation: target.slice(TARGET.length), body: JSON.parse(request.postData() ?? '{}') as Record<string, unknown> };
}

describe('the demo page, driven in chromium', () => {
  let browser: Browser;
  let pg: TestPlayground;
  let page: Page;
  let pageErrors: string[];

  beforeAll(async () => {
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  });
  afterAll(() => browser?.close());

  beforeEach(async () => {
    pageErrors = [];
    pg = await startTestPlayground({ demo: true });
    page = await openPage();
  });

  async function openPage(options: BrowserContextOptions = {}): Promise<Page> {
    const opened = await browser.newPage({ viewport: { width: 900, height: 1100 }, locale: 'en-US', ...options });
    opened.on('pageerror', (error) => pageErrors.push(error.message));
    await opened.goto(`${pg.config.endpoint}/`);
    return opened;
  }
  afterEach(async () => {
    // A rewriting route may still be fetching the last answer (e.g. after a resend click): let it go quietly.
    await page.unrouteAll({ behavior: 'ignoreErrors' });
    await page.close();
    await pg.close();
    expect(pageErrors).toEqual([]);
  });

  /** What the page says now: its visible status or alert, whichever is shown. */
  const said = async () => (await page.locator('[role=status]:visible, [role=alert]:visible').allTextContents()).join(' | ');
  const focused = () => page.evaluate(() => document.activeElement?.id);

  async function sendCode(phone: string): Promise<void> {
    await page.getByLabel('Phone number').fill(phone);
    await page.getByRole('button', { name: 'Send code' }).click();
    await page.getByLabel('Code').waitFor();
  }

  async function verify(code: string): Promise<void> {
    await page.getByLabel('Code').fill(code);
    await page.getByRole('button', { name: 'Verify' }).click();
  }

  it('signs a new number up and in: phone, a wrong code, the code from the outbox, signed in', async () => {
    // Prepare
    await sendCode('+82 10-5550-1234');
    const code = await lastCode(pg.outbox);

    // Act
    await verify(wrongCode(code));
    await expect.poll(() => said()).toBe('That code is not right. 2 attempts left.');
    await verify(code);
    await page.getByText('Signed in as +821055501234').waitFor();

    // Assess
    expect(await page.locator('#code-hint').textContent()).toBe('We sent a 6-digit code to +82 10-5550-1234. In this playground, read it in the terminal.');
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
    const error = page.locator('#phone-error');
    await expect.poll(() => said()).toBe('That is not a valid phone number for the chosen country. Check the digits, or type + and the country code.');
    expect(await error.getAttribute('role')).toBe('alert');
    expect(await phone.getAttribute('aria-invalid')).toBe('true');
    expect((await phone.getAttribute('aria-describedby'))?.split(' ')).toContain('phone-error');
    expect(await focused()).toBe('phone');
    expect(calls).toEqual([]);
    expect(await readOutbox(pg.outbox)).toEqual([]);
  });

  it('reads a Korean national number in South Korea, the default country, as +8210…', async () => {
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
    await page.getByText('Signed in as +821055501234').waitFor();
    expect(signUps).toHaveLength(1);
    expect(signUps[0]).toMatchObject({ Username: '+821055501234', UserAttributes: [{ Name: 'phone_number', Value: '+821055501234' }] });
    expect((await readOutbox(pg.outbox)).map((sms) => sms.phone)).toEqual(['+821055501234']);
    expect(await focused()).toBe('signed-in-as');
  });

  it('ties a wrong code to the code field, focuses it, and sets maxlength to the code length', async () => {
    // Prepare
    await sendCode('+821055501234');
    const code = page.getByLabel('Code');

    // Act
    await verify(wrongCode(await lastCode(pg.outbox)));

    // Assess
    await expect.poll(() => page.locator('#code-error').textContent()).toBe('That code is not right. 2 attempts left.');
    expect(await page.locator('#code-error').getAttribute('role')).toBe('alert');
    expect(await code.getAttribute('aria-invalid')).toBe('true');
    expect((await code.getAttribute('aria-describedby'))?.split(' ')).toContain('code-error');
    expect(await focused()).toBe('code');
    expect(await code.getAttribute('maxlength')).toBe('6');
  });

  it('speaks Korean in a Korean-language browser', async () => {
    // Prepare
    await page.close();
    page = await openPage({ locale: 'ko-KR' });

    // Act
    await page.getByLabel('휴대폰 번호').fill('010-5550-1234');
    await page.getByRole('button', { name: '인증번호 받기' }).click();
    await page.getByLabel('인증번호', { exact: true }).waitFor();

    // Assess
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('ko');
    await expect.poll(() => said()).toBe('인증번호를 보냈습니다.');
    expect(await page.locator('#code-hint').textContent()).toContain('6자리 인증번호를 보냈습니다');
    expect(await page.getByRole('heading').textContent()).toBe('휴대폰 번호로 로그인');
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
    await expect.poll(() => said()).toBe('선택한 국가의 올바른 전화번호가 아닙니다. 숫자를 확인하거나 + 와 국가번호를 붙여 입력하세요.');
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

  describe('resend, with the challenge parameters of contract B rewritten on the way (runs without the backend)', () => {
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

    it('hides the resend button when the backend sends no resendInSeconds', async () => {
      // Prepare
      await challengeParameters({ resendInSeconds: undefined, delivery: undefined });

      // Act
      await sendCode('+821055501234');

      // Assess
      await expect.poll(() => said()).toBe('Code sent.');
      expect(await page.locator('#resend').isVisible()).toBe(false);
    });

    it('counts down from resendInSeconds, then asks for a new code with clientMetadata action=resend', async () => {
      // Prepare
      await challengeParameters({ resendInSeconds: '2', delivery: 'sent' });
      await sendCode('+821055501234');
      const resend = page.locator('#resend');

      // Act
      await expect.poll(() => resend.textContent()).toMatch(/^Resend code \([12] s\)$/);
      expect(await resend.isDisabled()).toBe(true);
      await expect.poll(() => resend.textContent(), { timeout: 5000 }).toBe('Resend code');
      const asked = page.waitForRequest((request) => cognitoCall(request)?.operation === 'RespondToAuthChallenge');
      await resend.click();

      // Assess
      const call = cognitoCall(await asked)!;
      expect(call.body).toMatchObject({ ChallengeResponses: { ANSWER: 'resend' }, ClientMetadata: { action: 'resend' } });
    });

    it('says a reused code still works', async () => {
      // Prepare
      await challengeParameters({ resendInSeconds: '30', delivery: 'reused' });

      // Act
      await sendCode('+821055501234');

      // Assess
      await expect.poll(() => said()).toBe('We already sent a code; it still works. Type it below.');
      expect(await page.locator('#resend').textContent()).toMatch(/^Resend code \((29|30) s\)$/);
    });

    it('says why a send was refused', async () => {
      // Prepare
      await challengeParameters({ resendInSeconds: '42', delivery: 'refused', refusal: 'resend-wait' });

      // Act
      await sendCode('+821055501234');

      // Assess
      await expect.poll(() => said()).toMatch(/^No new code yet: try again in (41|42) s\.$/);
      expect(await page.locator('#alert').getAttribute('role')).toBe('alert');
    });
  });

  describe('refusals from the real backend, shown on the page', () => {
    it('refuses a number from a country not allowed at sign-up, in words, and sends nothing', async () => {
      // Prepare
      const calls: string[] = [];
      page.on('request', (request) => void (cognitoCall(request) && calls.push(cognitoCall(request)!.operation)));

      // Act
      await page.getByLabel('Phone number').fill('+81 90-1234-5678');
      await page.getByRole('button', { name: 'Send code' }).click();

      // Assess
      await expect.poll(() => said()).toContain('phone numbers from that country cannot sign up here: use a mobile number from an allowed country (KR)');
      expect(calls).toContain('SignUp');
      expect(calls).not.toContain('InitiateAuth');
      expect(await readOutbox(pg.outbox)).toEqual([]);
      expect(await page.getByLabel('Phone number').isVisible()).toBe(true);
    });

    it('says when to try again once a dead code meets the resend wait, and sends nothing', async () => {
      // Prepare: the code dies after three wrong answers, well within the 30 s wait
      await sendCode('+821055501234');
      const wrong = wrongCode(await lastCode(pg.outbox));
      for (const left of ['2 attempts', '1 attempt']) {
        await verify(wrong);
        await expect.poll(() => said()).toBe(`That code is not right. ${left} left.`);
      }
      await verify(wrong);
      await expect.poll(() => said()).toBe('No attempts left. Send a new code to try again.');

      // Act
      await page.getByRole('button', { name: 'Send code' }).click();

      // Assess
      await expect.poll(() => said()).toMatch(/^No new code yet: try again in \d+ s\.$/);
      expect(await page.locator('#alert').getAttribute('role')).toBe('alert');
      expect(await readOutbox(pg.outbox)).toHaveLength(1);
    });
  });

  // Contract B end to end: OTP_RESEND_INTERVAL_SECONDS is set low so that the countdown ends within the test.
  describe('resend through the real backend', () => {
    beforeEach(async () => {
      await page.close();
      await pg.close();
      pg = await startTestPlayground({ demo: true, env: { OTP_RESEND_INTERVAL_SECONDS: '2' } });
      page = await openPage();
    });

    it('counts down, then sends a new code that signs in while the first no longer does', async () => {
      // Prepare
      await sendCode('+821055501234');
      const first = await lastCode(pg.outbox);
      const resend = page.locator('#resend');
      await expect.poll(() => resend.textContent()).toMatch(/^Resend code \(\d s\)$/);

      // Act
      await expect.poll(() => resend.isEnabled(), { timeout: 10_000 }).toBe(true);
      await resend.click();
      await expect.poll(() => said()).toBe('We sent a new code. The previous one no longer works.');
      const second = await lastCode(pg.outbox);
      await verify(second);

      // Assess
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
