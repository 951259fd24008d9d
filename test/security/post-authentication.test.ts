import { describe, expect, it } from 'vitest';
import type { OtpProvider } from '../../src/domain/ports';
import { buildApp } from '../support/app';
import { SignIn } from '../support/cognito-flow';
import { lambdaContext, PHONE, postAuthenticationEvent } from '../support/events';
import { KeepingProvider, RecordingDelivery, RecordingDirectory } from '../support/fakes';

/** Issue 11, part 2: PostAuthentication marks phone_number_verified only after a correct code for that exact number. */
const PHONE_B = '+821087654321';

/** The code the provider holds or sent for `phone`. */
const codeFor = (provider: OtpProvider, phone: string): string =>
  provider instanceof RecordingDelivery
    ? (provider.sent.findLast((sms) => sms.phone === phone)?.code ?? '')
    : ((provider as KeepingProvider).codes.get(phone) ?? '');

describe.each([
  { name: 'codes made here', provider: (): OtpProvider => new RecordingDelivery() },
  { name: 'codes kept by the provider', provider: (): OtpProvider => new KeepingProvider() },
])('PostAuthentication, with $name', ({ provider: makeProvider }) => {
  async function app() {
    const provider = makeProvider();
    const directory = new RecordingDirectory();
    const built = await buildApp({ OTP_PROVIDER: 'fake' }, { provider, directory });
    /** A sign-in by code for `phone`, its number not yet verified. */
    const signInByCode = async (phone: string, userName?: string) => {
      const signIn = new SignIn(built.handler, { phone, ...(userName && { userName }) });
      signIn.attributes.phone_number_verified = 'false';
      await signIn.start();
      return { signIn, step: await signIn.answer(codeFor(provider, phone)) };
    };
    /** What a password sign-in of a pool with other app clients runs: PostAuthentication alone. */
    const passwordSignIn = (phone: string) => built.handler(postAuthenticationEvent('false', phone), lambdaContext());
    return { ...built, directory, provider, signInByCode, passwordSignIn };
  }

  it('marks the number verified after a correct code for it', async () => {
    // Prepare
    const { directory, signInByCode } = await app();

    // Act
    const { step } = await signInByCode(PHONE);

    // Assess
    expect(step).toBe('tokens');
    expect(directory.marked).toHaveLength(1);
  });

  it('does not mark after a sign-in without a code (a password sign-in)', async () => {
    // Prepare
    const { directory, passwordSignIn } = await app();

    // Act
    await passwordSignIn(PHONE);

    // Assess
    expect(directory.marked).toEqual([]);
  });

  it('does not mark after a code was only sent, or answered wrongly, and then a password sign-in', async () => {
    // Prepare
    const { directory, passwordSignIn, handler } = await app();
    const signIn = new SignIn(handler, { phone: PHONE });
    signIn.attributes.phone_number_verified = 'false';
    await signIn.start();
    await signIn.answer('000000');

    // Act
    await passwordSignIn(PHONE);

    // Assess
    expect(directory.marked).toEqual([]);
  });

  it('does not mark number B after a code for number A', async () => {
    // Prepare: a sign-in by code proves A; then the user's phone_number is B, unverified.
    const { directory, signInByCode, passwordSignIn } = await app();
    await signInByCode(PHONE);
    directory.marked.length = 0;

    // Act
    await passwordSignIn(PHONE_B);

    // Assess
    expect(directory.marked).toEqual([]);
  });

  it('does not mark on a password sign-in long after the code proved the number', async () => {
    // Prepare
    const { directory, signInByCode, passwordSignIn, clock } = await app();
    await signInByCode(PHONE);
    directory.marked.length = 0;
    clock.advance(3600);

    // Act
    await passwordSignIn(PHONE);

    // Assess
    expect(directory.marked).toEqual([]);
  });

  // The ledger binds a spend to a keyed hash of the user who answered (pool id + user name): the owner's proof marks no other account.
  it('does not mark, for another user, a number a code proved for its owner moments ago', async () => {
    // Prepare: the number's owner signs in by code; another account of the pool lists the same number, unverified.
    const { directory, signInByCode, passwordSignIn } = await app();
    await signInByCode(PHONE, 'the-owner');
    directory.marked.length = 0;

    // Act: the other account (USER_NAME) signs in by password within the proof window.
    await passwordSignIn(PHONE);

    // Assess
    expect(directory.marked).toEqual([]);
  });

  it('still marks the owner, on a sign-in by code, when another account listed the number first', async () => {
    // Prepare: another account signed in by code for the same number moments ago.
    const { directory, signInByCode, clock } = await app();
    await signInByCode(PHONE, 'another-account');
    directory.marked.length = 0;
    clock.advance(61);

    // Act: the owner (USER_NAME) signs in by code for it.
    const { step } = await signInByCode(PHONE);

    // Assess
    expect(step).toBe('tokens');
    expect(directory.marked).toHaveLength(1);
  });
});
