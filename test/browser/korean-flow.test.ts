import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Env } from '../../src/adapters/runtime/config';
import { focusedPart, launchChromium, openDemo, said as saidOn } from '../support/browser';
import { lastCode, readOutbox, wrongCode } from '../support/outbox';
import type { TestPlayground } from '../support/playground';

/** A phone's width: the page must not wrap its language switch nor scroll sideways there. */
const PHONE_VIEWPORT = { width: 390, height: 844 };
/** Names the Korean page may show in Latin letters: the products it is about, and the ID token Korean calls so too. */
const NAMES = /\b(cognito-sms-otp|Cognito|Lambda|SNS|npm start|ID)\b/g;

/**
 * English in what the Korean page shows: any Latin word left in its visible text once the product names, the
 * language switch (marked lang=en, it names English on purpose), the pool ids in the footer and the token claims
 * (data, not words) are set aside.
 */
async function englishShown(page: Page): Promise<string[]> {
  const text = await page.evaluate(() => {
    const aside = [...document.querySelectorAll('footer, #claims, [lang=en]')];
    const parts: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (!parent || aside.some((element) => element.contains(parent)) || parent.closest('[hidden], script, style, option')) continue;
      parts.push(node.textContent ?? '');
    }
    return `${parts.join(' ')} ${document.title}`;
  });
  return text.replace(NAMES, '').match(/[A-Za-z]{2,}/g) ?? [];
}

describe('the Korean flow through SmsSignIn, against the npm start playground, on a 390 px phone', () => {
  let browser: Browser;
  let pg: TestPlayground;
  let page: Page;
  let demo: Awaited<ReturnType<typeof openDemo>>;
  const seen: string[][] = [];

  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(() => browser?.close());
  afterEach(async () => {
    await demo.close();
    const english = seen.splice(0).flat();
    expect(demo.errors).toEqual([]);
    expect(english).toEqual([]);
  });

  async function open(env: Env = {}): Promise<void> {
    demo = await openDemo(browser, { env, context: { locale: 'ko-KR', viewport: PHONE_VIEWPORT } });
    ({ pg, page } = demo);
  }
  const said = () => saidOn(page);
  /** Checks, at this point of the flow, that no English is shown. */
  const noEnglish = async () => void seen.push(await englishShown(page));
  const codeField = () => page.getByLabel('인증번호', { exact: true });

  async function sendCode(phone: string): Promise<void> {
    await page.getByLabel('휴대폰 번호').fill(phone);
    await page.getByRole('button', { name: '인증번호 받기' }).click();
  }

  it('sends a code to the number as typed, counts its validity down, keeps a wrong code, resends, and takes a pasted code with a space', async () => {
    // Prepare
    await open({ OTP_RESEND_INTERVAL_SECONDS: '3' });
    await page.getByLabel('휴대폰 번호').waitFor();
    await noEnglish();

    // Act: the first code
    await sendCode('010-5550-1234');
    await expect.poll(() => said()).toBe('010-5550-1234 번호로 6자리 인증번호를 보냈습니다.');
    const timer = page.getByRole('timer');
    const validity = await timer.textContent();
    await expect.poll(() => timer.textContent(), { timeout: 5000 }).not.toBe(validity);
    const later = await timer.textContent();
    await noEnglish();

    // Act: a wrong code
    const first = await lastCode(pg.outbox);
    await codeField().fill(wrongCode(first));
    await page.getByRole('button', { name: '확인' }).click();
    await expect.poll(() => page.locator('[data-part=field-error]').textContent()).toBe('인증번호가 맞지 않습니다. 2번 더 입력할 수 있습니다.');
    const kept = await codeField().inputValue();
    const selection = await codeField().evaluate((input: HTMLInputElement) => [input.selectionStart, input.selectionEnd]);
    await noEnglish();

    // Act: a resend once its countdown ends
    const resend = page.locator('[data-part=resend]');
    const counting = await resend.textContent();
    await expect.poll(() => resend.isEnabled(), { timeout: 10_000 }).toBe(true);
    await resend.click();
    await expect.poll(() => said()).toBe('인증번호를 다시 보냈습니다. 이전 인증번호는 더 이상 쓸 수 없습니다.');
    const second = await lastCode(pg.outbox);
    await noEnglish();

    // Act: the new code pasted as people copy it from an SMS, `123 456`, over what the field holds
    await codeField().click();
    await codeField().selectText();
    await page.keyboard.insertText(`${second.slice(0, 3)} ${second.slice(3)}`);
    const pasted = await codeField().inputValue();
    await page.getByRole('button', { name: '확인' }).click();
    await page.getByText('010-5550-1234 번호로 로그인했습니다.').waitFor();
    await noEnglish();

    // Assess
    expect(validity).toMatch(/^남은 시간 (3:00|2:5\d)$/);
    expect(later).toMatch(/^남은 시간 2:5\d$/);
    expect(kept).toBe(wrongCode(first));
    expect(selection).toEqual([0, 6]);
    expect(counting).toMatch(/^재전송 \([1-3]초\)$/);
    expect(pasted).toBe(second);
    expect(second).not.toBe(first);
    expect(await readOutbox(pg.outbox)).toHaveLength(2);
  });

  it('says when a code can come after a refused send, claims none was sent, and offers no code field for it', async () => {
    // Prepare: three wrong answers kill the code well within the 30 s wait
    await open();
    await sendCode('010-5550-1234');
    await codeField().waitFor();
    const wrong = wrongCode(await lastCode(pg.outbox));
    for (let attempt = 0; attempt < 3; attempt++) {
      await codeField().fill(wrong);
      await page.getByRole('button', { name: '확인' }).click();
      if (attempt < 2) await expect.poll(() => codeField().inputValue()).toBe(wrong);
    }
    await expect.poll(() => said()).toBe('입력 가능 횟수를 모두 사용했습니다. 인증번호를 다시 받아 주세요.');

    // Act
    await page.getByRole('button', { name: '인증번호 받기' }).click();

    // Assess
    await expect.poll(() => said()).toMatch(/^아직 인증번호를 보낼 수 없습니다\. \d+초 후에 인증번호를 받을 수 있습니다\.$/);
    expect(await page.locator('body').innerText()).not.toContain('보냈습니다');
    expect(await codeField().count()).toBe(0);
    expect(await page.locator('[data-part=resend]').textContent()).toMatch(/^재전송 \(\d+초\)$/);
    expect(await focusedPart(page)).toBe('resend');
    expect(await readOutbox(pg.outbox)).toHaveLength(1);
    await noEnglish();
  });

  it('labels a refused sign-up as one, in Korean, with the allowed country named', async () => {
    // Prepare
    await open();

    // Act
    await sendCode('+81 90-1234-5678');

    // Assess
    await expect.poll(() => said()).toBe('이 국가의 번호로는 가입할 수 없습니다. 대한민국 휴대폰 번호로 가입해 주세요.');
    expect(await page.getByLabel('휴대폰 번호').isVisible()).toBe(true);
    expect(await readOutbox(pg.outbox)).toEqual([]);
    await noEnglish();
  });

  it('keeps the language switch on one line and nothing wider than the phone', async () => {
    // Prepare
    await open();
    const button = page.getByRole('button', { name: 'English' });

    // Act
    const box = await button.boundingBox();
    const lineHeight = await button.evaluate((element) => parseFloat(getComputedStyle(element).lineHeight));
    const width = await page.evaluate(() => document.documentElement.scrollWidth);

    // Assess
    expect(box!.height).toBeLessThan(2 * lineHeight);
    expect(width).toBeLessThanOrEqual(PHONE_VIEWPORT.width);
    await noEnglish();
  });
});
