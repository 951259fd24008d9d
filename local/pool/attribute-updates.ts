import { randomInt, timingSafeEqual } from 'node:crypto';
import { CognitoError, invalidParameter } from './cognito-error';
import { type AttributeType, type AttributeWriter, checkAttributes, type PoolUser, type UserStore } from './user-store';

/** Cognito's verification codes last 24 hours. */
const CODE_TTL_MS = 24 * 60 * 60 * 1000;

/**
 * A message Cognito itself sends, not the project's handler: the code that proves a phone number (on AWS, through
 * Amazon SNS with the pool's SMS role). The playground shows it in the terminal (local/sms-printer.ts).
 */
export interface CognitoSms {
  readonly phone: string;
  readonly code: string;
  readonly attribute: 'phone_number';
}

export type CognitoSmsListener = (sms: CognitoSms) => void;

/** `CodeDeliveryDetailsType`, as UpdateUserAttributes and GetUserAttributeVerificationCode answer. */
export interface CodeDeliveryDetails {
  readonly Destination: string;
  readonly DeliveryMedium: 'SMS';
  readonly AttributeName: 'phone_number';
}

/** The number a code was sent to, until it is verified: the new one of a change held back, or the current one. */
interface Pending {
  readonly phone: string;
  readonly code: string;
  readonly expiresAt: number;
}

/**
 * The pool's attribute updates, as a pool with `AttributesRequireVerificationBeforeUpdate: [phone_number]` (CDK
 * `keepOriginal: { phone: true }`) makes them: a new `phone_number` is held back, the old one stays in place (so
 * sign-in codes keep going to the proven number) and Cognito texts a code to the new one; the new number takes
 * effect with `phone_number_verified=true` when that code is verified, or when an administrator's
 * AdminUpdateUserAttributes sets `phone_number_verified=true` in the same call. Other attributes change at once.
 */
export class AttributeUpdates {
  private readonly pending = new Map<string, Pending>();

  constructor(
    private readonly users: UserStore,
    private readonly now: () => number,
    private readonly onSms: CognitoSmsListener,
    /** false: a pool without keepOriginal (one passed to the construct as is), where a new number replaces the old at once, unverified. */
    private readonly keepOriginal = true,
  ) {}

  /** UpdateUserAttributes (the user's own, `client`) and AdminUpdateUserAttributes (`admin`). */
  update(user: PoolUser, attributes: readonly AttributeType[], writer: AttributeWriter): CodeDeliveryDetails[] {
    const given = checkAttributes(attributes, writer);
    const phone = given.get('phone_number');
    given.delete('phone_number');
    const verifiedNow = writer === 'admin' && given.get('phone_number_verified') === 'true';
    if (phone === undefined || phone === user.attributes.get('phone_number')) {
      this.users.setAttributes(user, given);
      return [];
    }
    this.users.checkPhoneFree(phone, user);
    if (verifiedNow || !this.keepOriginal) {
      this.users.setAttributes(user, new Map([...given, ['phone_number', phone]]));
      this.pending.delete(user.username);
      return [];
    }
    this.users.setAttributes(user, given);
    return [this.sendCode(user, phone)];
  }

  /** GetUserAttributeVerificationCode: a new code to the number waiting to be verified, else to the current one. */
  resend(user: PoolUser, attribute: string): CodeDeliveryDetails {
    checkVerifiable(attribute);
    const phone = this.pending.get(user.username)?.phone ?? user.attributes.get('phone_number');
    if (!phone) throw invalidParameter('No phone number exists for the user.');
    return this.sendCode(user, phone);
  }

  /** VerifyUserAttribute: the right code puts its number in `phone_number`, verified. */
  verify(user: PoolUser, attribute: string, code: string): void {
    checkVerifiable(attribute);
    const pending = this.pending.get(user.username);
    // An expired code leaves the change held back: GetUserAttributeVerificationCode sends a new one to the same number.
    if (!pending || pending.expiresAt <= this.now()) throw new CognitoError('ExpiredCodeException', 'Invalid code provided, please request a code again.');
    if (!sameCode(code, pending.code)) throw new CognitoError('CodeMismatchException', 'Invalid verification code provided, please try again.');
    this.users.setAttributes(
      user,
      new Map([
        ['phone_number', pending.phone],
        ['phone_number_verified', 'true'],
      ]),
    );
    this.pending.delete(user.username);
  }

  private sendCode(user: PoolUser, phone: string): CodeDeliveryDetails {
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    // One code per user: a new one replaces the last, as a change to yet another number replaces the one held back.
    this.pending.set(user.username, { phone, code, expiresAt: this.now() + CODE_TTL_MS });
    this.onSms({ phone, code, attribute: 'phone_number' });
    return { Destination: maskPhone(phone), DeliveryMedium: 'SMS', AttributeName: 'phone_number' };
  }
}

function checkVerifiable(attribute: string): void {
  if (attribute !== 'phone_number') throw invalidParameter(`The local user pool verifies phone_number only, not ${attribute}.`);
}

function sameCode(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** As Cognito shows a destination: the last four digits. */
function maskPhone(phone: string): string {
  return `+${'*'.repeat(Math.max(phone.length - 5, 0))}${phone.slice(-4)}`;
}
