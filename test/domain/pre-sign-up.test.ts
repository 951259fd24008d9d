import { describe, expect, it } from 'vitest';
import { FakePhoneInspector, KOREAN_MOBILE } from '../support/fake-phone-inspector';
import { decideSignUp, PreSignUp } from '../../src/domain/pre-sign-up';
import { noDeadline, RecordingDirectory } from '../support/fakes';
import { PHONE } from '../support/events';
import type { PhoneNumber } from '../../src/domain/phone';

const phones = new FakePhoneInspector({
  '+14155550123': { country: 'US', callingCode: '1', kind: 'fixed-or-mobile', valid: true },
  '+826012345678': { ...KOREAN_MOBILE, kind: 'premium-rate' },
  '+8210123': { ...KOREAN_MOBILE, valid: false },
  '+8201012345678': { ...KOREAN_MOBILE, canonical: PHONE as PhoneNumber },
  '+8207012340000': { ...KOREAN_MOBILE, kind: 'voip', canonical: '+827012340000' as PhoneNumber },
  '+827012340000': { ...KOREAN_MOBILE, kind: 'voip' },
  '+827012345678': { ...KOREAN_MOBILE, kind: 'voip' },
  '+82212345678': { ...KOREAN_MOBILE, kind: 'fixed-line' },
});

const client = { poolId: 'ap-northeast-2_TestPool1', clientId: 'code-client', region: 'ap-northeast-2' };

describe('decideSignUp', () => {
  it('leaves a self sign-up through a client that is not code-only as the pool would have it', () => {
    expect(decideSignUp({ origin: 'self', phoneNumber: undefined, client }, false, phones, ['KR'])).toEqual({ kind: 'unchanged' });
    expect(decideSignUp({ origin: 'self', phoneNumber: '+14155550123', client }, false, phones, ['KR'])).toEqual({ kind: 'unchanged' });
  });

  it('confirms a self sign-up with a valid phone at once, leaving the phone unverified', () => {
    expect(decideSignUp({ origin: 'self', phoneNumber: PHONE, client }, true, phones, ['KR'])).toEqual({ kind: 'confirm-unverified' });
  });

  it.each([undefined, '', '01012345678', '+82 10 1234 5678', 'not a phone', '+8210123'])('refuses a self sign-up whose phone is %j as invalid', (phone) => {
    expect(decideSignUp({ origin: 'self', phoneNumber: phone, client }, true, phones, ['KR'])).toEqual({
      kind: 'refused',
      reason: 'invalid',
      allowedCountries: ['KR'],
    });
  });

  it('refuses a number from a country not allowed, and accepts it once allowed', () => {
    expect(decideSignUp({ origin: 'self', phoneNumber: '+14155550123', client }, true, phones, ['KR'])).toMatchObject({ kind: 'refused', reason: 'country' });
    expect(decideSignUp({ origin: 'self', phoneNumber: '+14155550123', client }, true, phones, ['KR', 'US'])).toEqual({ kind: 'confirm-unverified' });
  });

  it('refuses a number that cannot receive a code', () => {
    expect(decideSignUp({ origin: 'self', phoneNumber: '+826012345678', client }, true, phones, ['KR'])).toMatchObject({
      kind: 'refused',
      reason: 'number-type',
    });
  });

  it('refuses another spelling of a valid number, with words that say how to write it and hold none of its digits', () => {
    // Act
    const decision = decideSignUp({ origin: 'self', phoneNumber: '+8201012345678', client }, true, phones, ['KR']);

    // Assess
    expect(decision).toEqual({ kind: 'refused', reason: 'not-canonical', allowedCountries: ['KR'], standardForm: 'leave out "0" after +82 (+82 ******5678)' });
  });

  it.each(['+827012345678', '+82212345678'])('refuses %s (not a mobile) by default as not-mobile, and accepts it once its type is allowed', (phone) => {
    expect(decideSignUp({ origin: 'self', phoneNumber: phone, client }, true, phones, ['KR'])).toMatchObject({ kind: 'refused', reason: 'not-mobile' });
    expect(decideSignUp({ origin: 'self', phoneNumber: phone, client }, true, phones, ['KR'], ['mobile', 'voip', 'fixed-line'])).toEqual({
      kind: 'confirm-unverified',
    });
  });

  it('refuses the type of a number before its spelling: the words that help first', () => {
    expect(decideSignUp({ origin: 'self', phoneNumber: '+8207012340000', client }, true, phones, ['KR'])).toMatchObject({ reason: 'not-mobile' });
  });

  it.each(['admin', 'external'] as const)('leaves %s-created users as they are', (origin) => {
    expect(decideSignUp({ origin, phoneNumber: PHONE, client: undefined }, true, phones, ['KR'])).toEqual({ kind: 'unchanged' });
    expect(decideSignUp({ origin, phoneNumber: undefined, client: undefined }, true, phones, ['KR'])).toEqual({ kind: 'unchanged' });
  });
});

describe('PreSignUp', () => {
  it('asks the directory once per client, then remembers', async () => {
    // Prepare
    const directory = new RecordingDirectory();
    directory.passwordClients.add('password-client');
    const service = new PreSignUp(directory, phones, ['KR']);

    // Act
    const first = await service.decide({ origin: 'self', phoneNumber: PHONE, client }, noDeadline());
    const second = await service.decide({ origin: 'self', phoneNumber: PHONE, client }, noDeadline());
    const other = await service.decide({ origin: 'self', phoneNumber: undefined, client: { ...client, clientId: 'password-client' } }, noDeadline());

    // Assess
    expect([first, second, other]).toEqual([{ kind: 'confirm-unverified' }, { kind: 'confirm-unverified' }, { kind: 'unchanged' }]);
    expect(directory.clientLookups.map((c) => c.clientId)).toEqual(['code-client', 'password-client']);
  });

  it('refuses when the lookup fails, and asks again next time', async () => {
    // Prepare
    const directory = new RecordingDirectory();
    directory.lookupFailing = true;
    const service = new PreSignUp(directory, phones, ['KR']);

    // Act
    const refused = await service.decide({ origin: 'self', phoneNumber: PHONE, client }, noDeadline());
    directory.lookupFailing = false;
    const later = await service.decide({ origin: 'self', phoneNumber: PHONE, client }, noDeadline());

    // Assess
    expect(refused).toMatchObject({ kind: 'refused', reason: 'lookup-failed' });
    expect(later).toEqual({ kind: 'confirm-unverified' });
  });

  it('asks nothing for an administrator’s sign-up', async () => {
    // Prepare
    const directory = new RecordingDirectory();

    // Act
    const decision = await new PreSignUp(directory, phones, ['KR']).decide({ origin: 'admin', phoneNumber: undefined, client: undefined }, noDeadline());

    // Assess
    expect(decision).toEqual({ kind: 'unchanged' });
    expect(directory.clientLookups).toEqual([]);
  });
});
