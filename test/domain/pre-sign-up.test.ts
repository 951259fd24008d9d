import { describe, expect, it } from 'vitest';
import { InvalidPhoneError } from '../../src/domain/errors';
import { decideSignUp } from '../../src/domain/pre-sign-up';
import { PHONE } from '../support/events';

describe('decideSignUp', () => {
  it('confirms a self sign-up with a valid phone at once, leaving the phone unverified', () => {
    expect(decideSignUp({ origin: 'self', phoneNumber: PHONE })).toEqual({ kind: 'confirm-unverified' });
  });

  it.each([undefined, '', '01012345678', '+82 10 1234 5678', 'not a phone'])('rejects a self sign-up whose phone is %j', (phone) => {
    expect(() => decideSignUp({ origin: 'self', phoneNumber: phone })).toThrow(InvalidPhoneError);
    expect(() => decideSignUp({ origin: 'self', phoneNumber: phone })).toThrow('user has no valid phone_number');
  });

  it.each(['admin', 'external'] as const)('leaves %s-created users as they are', (origin) => {
    expect(decideSignUp({ origin, phoneNumber: PHONE })).toEqual({ kind: 'unchanged' });
    expect(decideSignUp({ origin, phoneNumber: undefined })).toEqual({ kind: 'unchanged' });
  });
});
