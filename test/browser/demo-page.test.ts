import { GetTokensFromRefreshTokenCommand } from '@aws-sdk/client-cognito-identity-provider';
import { mkdir } from 'node:fs/promises';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { lastCode, readOutbox, wrongCode } from '../support/outbox';
import { startTestPlayground, type TestPlayground } from '../support/playground';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SCREENSHOT = 'test-results/playground-signed-in.png';

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
    page = await browser.newPage({ viewport: { width: 900, height: 1100 } });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(`${pg.config.endpoint}/`);
  });
  afterEach(async () => {
    await page.close();
    await pg.close();
    expect(pageErrors).toEqual([]);
  });

  const status = () => page.getByRole('status');

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
    await expect.poll(() => status().textContent()).toBe('That code is not right. 2 attempts left.');
    await verify(code);
    await page.getByText('Signed in as +821055501234').waitFor();

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
    await expect.poll(() => status().textContent()).toBe('Signed out.');
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
      await expect.poll(() => status().textContent()).toBe(`That code is not right. ${left} left.`);
    }
    await verify(wrong);

    // Assess
    await expect.poll(() => status().textContent()).toBe('No attempts left. Send a new code to try again.');
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
    await expect.poll(() => status().textContent()).toBe('This sign-in took too long and has expired. Send a new code.');
  });

  it('says so when the phone number has no country code, and sends nothing', async () => {
    // Act
    await page.getByLabel('Phone number').fill('010-5550-1234');
    await page.getByRole('button', { name: 'Send code' }).click();

    // Assess
    await expect.poll(() => status().textContent()).toContain('not in international format');
    expect(await readOutbox(pg.outbox)).toEqual([]);
  });
});
