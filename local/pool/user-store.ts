import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import { parsePhone } from '../../src/domain/phone';
import { CognitoError, invalidParameter, notAuthorized } from './cognito-error';

export type UserStatus = 'UNCONFIRMED' | 'CONFIRMED' | 'FORCE_CHANGE_PASSWORD';

export interface PoolUser {
  /** Cognito's own user name: a UUID, since the pool signs users in by phone_number. */
  readonly username: string;
  readonly attributes: Map<string, string>;
  status: UserStatus;
  readonly createdAt: number;
  updatedAt: number;
}

export interface AttributeType {
  readonly Name: string;
  readonly Value?: string;
}

// Cognito's standard attributes; anything else must be a declared `custom:` one.
const STANDARD_ATTRIBUTES = new Set(
  'address birthdate email email_verified family_name gender given_name locale middle_name name nickname phone_number phone_number_verified picture preferred_username profile updated_at website zoneinfo'.split(
    ' ',
  ),
);

export const PHONE_REQUIRED = 'Username should be a phone number.';

/**
 * Who writes attributes: an app client (SignUp) may not set `*_verified`, which only an
 * administrator's IAM-signed call (Admin*) or a trigger's answer may set, as in Cognito.
 */
export type AttributeWriter = 'client' | 'admin';

/**
 * The pool's users, in memory. Like a pool made with `UsernameAttributes: [phone_number]`,
 * a user is found by phone number (what people type) or by user name (what triggers see).
 */
export class UserStore {
  private readonly users = new Map<string, PoolUser>();
  private readonly pseudonymKey = randomBytes(32);

  constructor(private readonly now: () => number) {}

  /** A new user, checked but not yet added: PreSignUp sees it first. */
  draft(phoneNumber: string, attributes: readonly AttributeType[], status: UserStatus, writer: AttributeWriter): PoolUser {
    const phone = parsePhone(phoneNumber);
    if (!phone) throw invalidParameter(PHONE_REQUIRED);
    this.checkPhoneFree(phone);
    const given = checkAttributes(attributes, writer);
    const sub = randomUUID();
    const user: PoolUser = {
      username: sub,
      attributes: new Map([...given, ['sub', sub], ['phone_number', phone]]),
      status,
      createdAt: this.now(),
      updatedAt: this.now(),
    };
    if (!user.attributes.has('phone_number_verified')) user.attributes.set('phone_number_verified', 'false');
    return user;
  }

  add(user: PoolUser): void {
    this.checkPhoneFree(user.attributes.get('phone_number') ?? '', user);
    this.users.set(user.username, user);
  }

  /** Refuses a number another user signs in with. */
  checkPhoneFree(phone: string, user?: PoolUser): void {
    const owner = this.find(phone);
    if (owner && owner !== user) throw new CognitoError('UsernameExistsException', 'An account with the given phone_number already exists.');
  }

  /** By user name or by phone number, as Cognito resolves the `USERNAME` a client sends. */
  find(identifier: string): PoolUser | undefined {
    const byName = this.users.get(identifier);
    if (byName) return byName;
    for (const user of this.users.values()) {
      if (user.attributes.get('phone_number') === identifier) return user;
    }
    return undefined;
  }

  /**
   * The user name an unknown phone number is given in trigger events and `ChallengeParameters.USERNAME`:
   * UUID-shaped and stable, like a real user's, so answers do not tell who has an account.
   */
  pseudonym(identifier: string): string {
    const hex = createHmac('sha256', this.pseudonymKey).update(identifier).digest('hex');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
  }

  get(identifier: string): PoolUser {
    const user = this.find(identifier);
    if (!user) throw new CognitoError('UserNotFoundException', 'User does not exist.');
    return user;
  }

  /**
   * Writes attributes already checked (checkAttributes) and already past the pool's update rules
   * (attribute-updates.ts): a new number is unverified unless the same write says otherwise, as in Cognito.
   */
  setAttributes(user: PoolUser, given: ReadonlyMap<string, string>): void {
    const attributes = new Map(given);
    const phone = attributes.get('phone_number');
    if (phone !== undefined) {
      this.checkPhoneFree(phone, user);
      if (phone !== user.attributes.get('phone_number') && !attributes.has('phone_number_verified')) attributes.set('phone_number_verified', 'false');
    }
    for (const [name, value] of attributes) user.attributes.set(name, value);
    user.updatedAt = this.now();
  }
}

export function checkAttributes(attributes: readonly AttributeType[], writer: AttributeWriter): Map<string, string> {
  const checked = new Map<string, string>();
  for (const { Name, Value } of attributes) {
    if (Name === 'sub') throw invalidParameter('Cannot modify an immutable attribute: sub');
    if (!STANDARD_ATTRIBUTES.has(Name) && !Name.startsWith('custom:')) {
      throw invalidParameter(`Attributes did not conform to the schema: ${Name}: Attribute does not exist in the schema.`);
    }
    if (writer === 'client' && Name.endsWith('_verified')) throw notAuthorized('A client attempted to write unauthorized attribute');
    const value = Value ?? '';
    if (Name === 'phone_number' && !parsePhone(value)) throw invalidParameter('Invalid phone number format.');
    if (Name.endsWith('_verified') && value !== 'true' && value !== 'false') {
      throw invalidParameter(`Invalid value for ${Name}: it accepts true or false.`);
    }
    checked.set(Name, value);
  }
  return checked;
}

/** Cognito lists attributes as `[{Name, Value}]`. */
export function listAttributes(user: PoolUser): AttributeType[] {
  return [...user.attributes].map(([Name, Value]) => ({ Name, Value }));
}
