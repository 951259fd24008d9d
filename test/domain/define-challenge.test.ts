import { describe, expect, it } from 'vitest';
import { decideNextStep } from '../../src/domain/define-challenge';
import { otpRound as round } from '../support/fakes';

const policy = { maxAttempts: 3 };
const decide = (session: Parameters<typeof decideNextStep>[0]['session'], userNotFound = false) => decideNextStep({ session, userNotFound }, policy);

describe('decideNextStep', () => {
  it('presents the OTP challenge on an empty session', () => {
    expect(decide([])).toEqual({ kind: 'challenge' });
  });

  it('issues tokens when the last round was answered correctly', () => {
    expect(decide([round(true)])).toEqual({ kind: 'issue-tokens' });
    expect(decide([round(false), round(false), round(true)])).toEqual({ kind: 'issue-tokens' });
  });

  it('presents another challenge after a wrong answer with attempts left', () => {
    expect(decide([round(false)])).toEqual({ kind: 'challenge' });
    expect(decide([round(false), round(false)])).toEqual({ kind: 'challenge' });
  });

  it('fails once the attempts are used up', () => {
    expect(decide([round(false), round(false), round(false)])).toEqual({ kind: 'fail', reason: 'exhausted' });
  });

  it('never issues tokens past the attempt limit, even for a correct last round', () => {
    expect(decide([round(false), round(false), round(false), round(true)])).toEqual({ kind: 'fail', reason: 'exhausted' });
  });

  it('fails a session holding a round of another challenge', () => {
    const foreign = { challenge: 'other', result: true } as const;
    expect(decide([foreign])).toEqual({ kind: 'fail', reason: 'foreign-challenge' });
    expect(decide([foreign, round(true)])).toEqual({ kind: 'fail', reason: 'foreign-challenge' });
  });

  it('walks an unknown user through the same rounds but never issues tokens', () => {
    expect(decide([], true)).toEqual({ kind: 'challenge' });
    expect(decide([round(false)], true)).toEqual({ kind: 'challenge' });
    expect(decide([round(true)], true)).toEqual({ kind: 'fail', reason: 'user-not-found' });
  });

  it('honours the configured limit at both ends of its range', () => {
    expect(decideNextStep({ session: [round(false)], userNotFound: false }, { maxAttempts: 1 })).toEqual({ kind: 'fail', reason: 'exhausted' });
    const nine = Array.from({ length: 9 }, () => round(false));
    expect(decideNextStep({ session: nine, userNotFound: false }, { maxAttempts: 10 })).toEqual({ kind: 'challenge' });
    expect(decideNextStep({ session: [...nine, round(true)], userNotFound: false }, { maxAttempts: 10 })).toEqual({ kind: 'issue-tokens' });
  });
});
