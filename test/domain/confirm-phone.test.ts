import { describe, expect, it } from 'vitest';
import { MemoryCodeLedger } from '../support/memory-ledger';
import { FakePhoneInspector, KOREAN_MOBILE } from '../support/fake-phone-inspector';
import { ConfirmPhone, type SignedInUser } from '../../src/domain/confirm-phone';
import { DirectoryError } from '../../src/domain/errors';
import type { PhoneNumber } from '../../src/domain/phone';
import { DEFAULT_POLICY } from '../../src/domain/policy';
import { PHONE } from '../support/events';
import { FakeClock, noDeadline, RecordingDirectory } from '../support/fakes';

const user = (phoneNumberVerified: string | undefined, phone: { phoneNumber?: string } = { phoneNumber: PHONE }): SignedInUser => ({
  poolId: 'ap-northeast-2_Pool',
  userName: 'user-1',
  region: 'ap-northeast-2',
  phoneNumber: phone.phoneNumber,
  phoneNumberVerified,
});

/** A ledger in which a code for `phone` was answered right by `by` (user-1) at the clock's time. */
async function provenLedger(clock: FakeClock, phone = PHONE, by = { poolId: 'ap-northeast-2_Pool', userName: 'user-1' }) {
  const ledger = new MemoryCodeLedger(DEFAULT_POLICY);
  await ledger.claimSend(phone as PhoneNumber, { codeId: 'c1', proof: 'p' }, clock.now());
  await ledger.checkAnswer(phone as PhoneNumber, 'c1', 'p', by, clock.now());
  return ledger;
}

/** Every number is its own standard spelling, but `+8201012345678`, which is PHONE's other spelling. */
const phones = new FakePhoneInspector({ '+8201012345678': { ...KOREAN_MOBILE, canonical: PHONE as PhoneNumber } });

describe('ConfirmPhone', () => {
  it.each([undefined, 'false'])('marks the phone verified when a code for it was just answered right (phone_number_verified %j)', async (verified) => {
    // Prepare
    const directory = new RecordingDirectory();
    const clock = new FakeClock();
    const ledger = await provenLedger(clock);

    // Act
    const result = await new ConfirmPhone(directory, ledger, clock, phones).afterSignIn(user(verified), noDeadline());

    // Assess
    expect(result).toEqual({ outcome: 'marked-verified' });
    expect(directory.marked).toEqual([{ poolId: 'ap-northeast-2_Pool', userName: 'user-1', region: 'ap-northeast-2' }]);
  });

  it('does not mark after a sign-in without a code (a password sign-in), nor for another number, nor long after', async () => {
    // Prepare
    const directory = new RecordingDirectory();
    const clock = new FakeClock();
    const confirm = (ledger: MemoryCodeLedger) => new ConfirmPhone(directory, ledger, clock, phones).afterSignIn(user('false'), noDeadline());

    // Act
    const password = await confirm(new MemoryCodeLedger(DEFAULT_POLICY));
    const otherNumber = await confirm(await provenLedger(clock, '+821099998888'));
    const proven = await provenLedger(clock);
    clock.advance(6 * 60);
    const stale = await confirm(proven);

    // Assess
    expect([password, otherNumber, stale]).toEqual([{ outcome: 'not-proven' }, { outcome: 'not-proven' }, { outcome: 'not-proven' }]);
    expect(directory.marked).toEqual([]);
  });

  it('finds the proof of a user whose phone_number is stored in another spelling, by its standard one', async () => {
    // Prepare: the code was keyed by the standard spelling (as Create and Verify key it); the user's attribute is +82 0 10…
    const directory = new RecordingDirectory();
    const clock = new FakeClock();
    const ledger = await provenLedger(clock, PHONE);

    // Act
    const result = await new ConfirmPhone(directory, ledger, clock, phones).afterSignIn(user('false', { phoneNumber: '+8201012345678' }), noDeadline());

    // Assess
    expect(result).toEqual({ outcome: 'marked-verified' });
  });

  it('does not mark for another user of the pool a number a code proved for its owner', async () => {
    // Prepare: the owner answered a code for PHONE just now; user-1 lists the same number.
    const directory = new RecordingDirectory();
    const clock = new FakeClock();
    const ledger = await provenLedger(clock, PHONE, { poolId: 'ap-northeast-2_Pool', userName: 'the-owner' });

    // Act
    const result = await new ConfirmPhone(directory, ledger, clock, phones).afterSignIn(user('false'), noDeadline());

    // Assess
    expect(result).toEqual({ outcome: 'not-proven' });
    expect(directory.marked).toEqual([]);
  });

  it('makes no call for a user already verified or without a phone', async () => {
    const directory = new RecordingDirectory();
    const clock = new FakeClock();
    const ledger = await provenLedger(clock);

    expect(await new ConfirmPhone(directory, ledger, clock, phones).afterSignIn(user('true'), noDeadline())).toEqual({ outcome: 'already-verified' });
    expect(await new ConfirmPhone(directory, ledger, clock, phones).afterSignIn(user('false', {}), noDeadline())).toEqual({ outcome: 'no-phone' });
    expect(directory.marked).toEqual([]);
  });

  it('returns a failure as a value, so the sign-in still succeeds', async () => {
    const directory = new RecordingDirectory();
    directory.failing = true;
    const clock = new FakeClock();

    const result = await new ConfirmPhone(directory, await provenLedger(clock), clock, phones).afterSignIn(user('false'), noDeadline());

    expect(result).toEqual({ outcome: 'mark-failed', error: expect.any(DirectoryError) });
  });
});
