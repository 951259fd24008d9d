import { describe, expect, it } from 'vitest';
import { buildApp } from '../support/app';
import { SignIn } from '../support/cognito-flow';
import { lastCode, newOutbox, readOutbox } from '../support/outbox';

/** Issue 11, part 6: a phone keyboard may type full-width or another script's digits; they are the same code. */
const SCRIPTS: Record<string, number> = {
  'full-width': 0xff10,
  'Arabic-Indic': 0x0660,
  'Extended Arabic-Indic': 0x06f0,
  Devanagari: 0x0966,
  Bengali: 0x09e6,
  Thai: 0x0e50,
};

const inScript = (code: string, zero: number): string => [...code].map((digit) => String.fromCodePoint(zero + Number(digit))).join('');

describe('answers typed in another script', () => {
  it.each(Object.entries(SCRIPTS))('signs in with the right code in %s digits, at the first attempt', async (_script, zero) => {
    // Prepare
    const outbox = await newOutbox();
    const { handler } = await buildApp({ OTP_PROVIDER: 'fake', FAKE_SMS_OUTBOX: outbox });
    const signIn = new SignIn(handler);
    await signIn.start();
    const typed = inScript(await lastCode(outbox), zero);

    // Act
    const step = await signIn.answer(typed);

    // Assess
    expect(typed).not.toMatch(/[0-9]/);
    expect(step).toBe('tokens');
    expect(await readOutbox(outbox)).toHaveLength(1);
  });

  it('counts a wrong code in full-width digits as one wrong attempt, like any wrong code', async () => {
    // Prepare
    const outbox = await newOutbox();
    const { handler } = await buildApp({ OTP_PROVIDER: 'fake', FAKE_SMS_OUTBOX: outbox });
    const signIn = new SignIn(handler);
    await signIn.start();
    const code = await lastCode(outbox);
    const wrong = code === '000000' ? '１１１１１１' : '０００００００'.slice(0, 6);

    // Act
    const afterWrong = await signIn.answer(wrong);
    const afterRight = await signIn.answer(inScript(code, 0xff10));

    // Assess
    expect(afterWrong).toBe('challenge');
    expect(signIn.publicParameters.attemptsLeft).toBe('2');
    expect(afterRight).toBe('tokens');
  });
});
