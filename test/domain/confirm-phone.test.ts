import { describe, expect, it } from 'vitest';
import { ConfirmPhone, type SignedInUser } from '../../src/domain/confirm-phone';
import { DirectoryError } from '../../src/domain/errors';
import { PHONE } from '../support/events';
import { noDeadline, RecordingDirectory } from '../support/fakes';

const user = (phoneNumberVerified: string | undefined, phone: { phoneNumber?: string } = { phoneNumber: PHONE }): SignedInUser => ({
  poolId: 'ap-northeast-2_Pool',
  userName: 'user-1',
  region: 'ap-northeast-2',
  phoneNumber: phone.phoneNumber,
  phoneNumberVerified,
});

describe('ConfirmPhone', () => {
  it.each([undefined, 'false'])('marks the phone verified when phone_number_verified is %j', async (verified) => {
    const directory = new RecordingDirectory();

    const result = await new ConfirmPhone(directory).afterSignIn(user(verified), noDeadline());

    expect(result).toEqual({ outcome: 'marked-verified' });
    expect(directory.marked).toEqual([{ poolId: 'ap-northeast-2_Pool', userName: 'user-1', region: 'ap-northeast-2' }]);
  });

  it('makes no call for a user already verified', async () => {
    const directory = new RecordingDirectory();

    expect(await new ConfirmPhone(directory).afterSignIn(user('true'), noDeadline())).toEqual({ outcome: 'already-verified' });
    expect(directory.marked).toEqual([]);
  });

  it('makes no call for a user without a phone', async () => {
    const directory = new RecordingDirectory();

    expect(await new ConfirmPhone(directory).afterSignIn(user('false', {}), noDeadline())).toEqual({ outcome: 'no-phone' });
    expect(directory.marked).toEqual([]);
  });

  it('returns a failure as a value, so the sign-in still succeeds', async () => {
    const directory = new RecordingDirectory();
    directory.failing = true;

    const result = await new ConfirmPhone(directory).afterSignIn(user('false'), noDeadline());

    expect(result).toEqual({ outcome: 'mark-failed', error: expect.any(DirectoryError) });
  });
});
