import type { PreSignUpTriggerEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../support/app';
import { SignIn } from '../support/cognito-flow';
import { lambdaContext, preSignUpEvent } from '../support/events';
import { RecordingLogger } from '../support/fakes';
import { newOutbox, readOutbox } from '../support/outbox';

/**
 * Issue 21, item 5: valid Korean numbers that take no SMS used to be signed up and "texted". By default only the
 * types libphonenumber calls mobile (or fixed-or-mobile) are; OTP_ALLOWED_NUMBER_TYPES widens that.
 */
const BOUNDED = { timeout: 20_000 };
const NOT_MOBILE = [
  { what: 'a Seoul landline (02)', phone: '+82212345678' },
  { what: 'a Gyeonggi landline (031)', phone: '+823112345678' },
  { what: 'a VoIP number (070)', phone: '+827012345678' },
  { what: 'a personal number (0505)', phone: '+825051234567' },
  { what: 'a UAN (1588)', phone: '+8215881234' },
  { what: 'a UAN (1644)', phone: '+8216441234' },
];
const WIDENED = 'mobile,fixed-or-mobile,fixed-line,voip,personal,uan';
const NOT_MOBILE_WORDS =
  'that number is not a mobile number (a landline, internet phone, personal or company number) and gets no text message here: use a mobile number';

async function app(env: Record<string, string> = {}) {
  const outbox = await newOutbox();
  const logger = new RecordingLogger();
  return { outbox, ...(await buildApp({ OTP_PROVIDER: 'fake', FAKE_SMS_OUTBOX: outbox, ...env }, { logger })), logger };
}

describe('Korean numbers that are not mobile, with the default number types', () => {
  it.each(NOT_MOBILE)('refuses $what at sign-up in words, and texts nothing to it on Create', BOUNDED, async ({ phone }) => {
    // Prepare: an imported user already holds the number (PreSignUp never saw it).
    const { handler, outbox, logger } = await app();
    const signIn = new SignIn(handler, { phone, userName: 'imported' });

    // Act
    const signUp = handler(preSignUpEvent('PreSignUp_SignUp', phone), lambdaContext());
    await signIn.start();

    // Assess: contract B has no refusal of its own for the type, so Create says `country` (see docs/security.md).
    await expect(signUp).rejects.toThrow(NOT_MOBILE_WORDS);
    expect(logger.lines.find((line) => line.fields.trigger === 'PreSignUp_SignUp')?.fields).toMatchObject({ outcome: 'refused:not-mobile' });
    expect(signIn.publicParameters).toMatchObject({ delivery: 'refused', refusal: 'country', attemptsLeft: '0' });
    expect(await readOutbox(outbox)).toEqual([]);
  });

  it('gives an unknown user who types such a number the parameters a known user gets', BOUNDED, async () => {
    // Prepare
    const known = await app();
    const unknown = await app();

    // Act
    const knownSignIns = NOT_MOBILE.map(({ phone }) => new SignIn(known.handler, { phone, userName: 'imported' }));
    const unknownSignIns = NOT_MOBILE.map(({ phone }) => new SignIn(unknown.handler, { userNotFound: true, userName: phone }));
    for (const signIn of [...knownSignIns, ...unknownSignIns]) await signIn.start();

    // Assess
    expect(unknownSignIns.map((signIn) => signIn.publicParameters)).toEqual(knownSignIns.map((signIn) => signIn.publicParameters));
  });
});

describe(`Korean numbers that are not mobile, with OTP_ALLOWED_NUMBER_TYPES=${WIDENED}`, () => {
  it.each(NOT_MOBILE)('signs $what up and texts it', BOUNDED, async ({ phone }) => {
    // Prepare
    const { handler, outbox } = await app({ OTP_ALLOWED_NUMBER_TYPES: WIDENED });
    const signIn = new SignIn(handler, { phone });

    // Act
    const { response } = (await handler(preSignUpEvent('PreSignUp_SignUp', phone), lambdaContext())) as PreSignUpTriggerEvent;
    await signIn.start();

    // Assess: confirmed at sign-up, then texted at its own number.
    const texted = (await readOutbox(outbox)).map((sms) => sms.phone);
    expect({ confirmed: response.autoConfirmUser, delivery: signIn.publicParameters.delivery, texted }).toEqual({
      confirmed: true,
      delivery: 'sent',
      texted: [phone],
    });
  });

  it('still never texts a premium-rate or toll-free number: the setting does not offer those types', BOUNDED, async () => {
    // Act and assess
    await expect(app({ OTP_ALLOWED_NUMBER_TYPES: `${WIDENED},toll-free` })).rejects.toThrow(/OTP_ALLOWED_NUMBER_TYPES is ".*": "toll-free" is not one of/);
  });
});
