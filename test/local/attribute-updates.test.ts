import { describe, expect, it } from 'vitest';
import { AttributeUpdates, type CognitoSms } from '../../local/pool/attribute-updates';
import { UserStore } from '../../local/pool/user-store';

const [PHONE_A, PHONE_B] = ['+821055504001', '+821055504002'];
const DAY_MS = 24 * 60 * 60 * 1000;

function thrown(run: () => void): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  return undefined;
}

function world(keepOriginal = true) {
  let now = 1_700_000_000_000;
  const users = new UserStore(() => now);
  const sent: CognitoSms[] = [];
  const updates = new AttributeUpdates(
    users,
    () => now,
    (sms) => sent.push(sms),
    keepOriginal,
  );
  const user = users.draft(PHONE_A, [], 'CONFIRMED', 'client');
  users.add(user);
  users.setAttributes(user, new Map([['phone_number_verified', 'true']]));
  return { users, updates, user, sent, advance: (ms: number) => (now += ms) };
}

describe("the local pool's attribute updates (keepOriginal)", () => {
  it('refuses a code 24 hours old, keeps the change held back, and a new code for it works', () => {
    // Prepare
    const { updates, user, sent, advance } = world();
    updates.update(user, [{ Name: 'phone_number', Value: PHONE_B }], 'client');
    advance(DAY_MS);

    // Act
    const expired = thrown(() => updates.verify(user, 'phone_number', sent[0]!.code));
    const whileExpired = user.attributes.get('phone_number');
    updates.resend(user, 'phone_number');
    updates.verify(user, 'phone_number', sent[1]!.code);

    // Assess
    expect(expired).toMatchObject({ name: 'ExpiredCodeException' });
    expect(whileExpired).toBe(PHONE_A);
    expect(sent).toEqual([
      { phone: PHONE_B, code: expect.stringMatching(/^\d{6}$/), attribute: 'phone_number' },
      { phone: PHONE_B, code: expect.stringMatching(/^\d{6}$/), attribute: 'phone_number' },
    ]);
    expect(user.attributes.get('phone_number')).toBe(PHONE_B);
  });

  it('sends a new code to the number held back, which replaces the first', () => {
    // Prepare
    const { updates, user, sent } = world();
    updates.update(user, [{ Name: 'phone_number', Value: PHONE_B }], 'client');

    // Act
    const delivery = updates.resend(user, 'phone_number');
    updates.verify(user, 'phone_number', sent[1]!.code);

    // Assess
    expect(delivery).toEqual({ Destination: '+********4002', DeliveryMedium: 'SMS', AttributeName: 'phone_number' });
    expect(sent.map((sms) => sms.phone)).toEqual([PHONE_B, PHONE_B]);
    expect(Object.fromEntries(user.attributes)).toMatchObject({ phone_number: PHONE_B, phone_number_verified: 'true' });
  });

  it('verifies only phone_number, and refuses a number another user signs in with', () => {
    // Prepare
    const { users, updates, user } = world();
    users.add(users.draft(PHONE_B, [], 'CONFIRMED', 'client'));

    // Act
    const email = () => updates.resend(user, 'email');
    const taken = () => updates.update(user, [{ Name: 'phone_number', Value: PHONE_B }], 'client');

    // Assess
    expect(email).toThrow(expect.objectContaining({ name: 'InvalidParameterException' }));
    expect(taken).toThrow(expect.objectContaining({ name: 'UsernameExistsException' }));
  });

  it('without keepOriginal, replaces the number at once, unverified, and texts nothing', () => {
    // Prepare
    const { updates, user, sent } = world(false);

    // Act
    const deliveries = updates.update(user, [{ Name: 'phone_number', Value: PHONE_B }], 'client');

    // Assess
    expect(deliveries).toEqual([]);
    expect(sent).toEqual([]);
    expect(Object.fromEntries(user.attributes)).toMatchObject({ phone_number: PHONE_B, phone_number_verified: 'false' });
  });
});
