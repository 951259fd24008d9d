import { InvalidPhoneError } from './errors';
import { maskPhone, parsePhone, type PhoneNumber } from './phone';
import { canonicalPhone, type PhoneInspector } from './phone-inspection';
import type { CodeForge } from './ports';

/** Who a round is for: a known user's phone, or an unknown user's stand-in (never texted). */
export type Recipient =
  | { readonly known: true; readonly phone: PhoneNumber; readonly masked: string }
  /** `typed`: the number an unknown user signed in with, when the user name is one; refused as a known user's would be. */
  | { readonly known: false; readonly phone: PhoneNumber; readonly masked: string; readonly typed: PhoneNumber | undefined };

export interface RoundUser {
  /** The user name Cognito gives, for an unknown user too: a stand-in number is derived from it. */
  readonly userName: string;
  /** `phone_number` from the user's attributes, unvalidated. */
  readonly phoneNumber: string | undefined;
  readonly userNotFound: boolean;
}

/**
 * The round's recipient, in the number's standard spelling (`canonicalPhone`), so that Create and Verify key the
 * ledger, the range, the budget and the provider by one handset once. Signing in by phone number, an unknown user's
 * user name is the number typed: one stand-in for all its spellings, as a known user has one ledger record.
 */
export function recipientOf(user: RoundUser, phones: PhoneInspector, forge: CodeForge): Recipient {
  if (user.userNotFound) {
    const typed = parsePhone(user.userName);
    const canonical = typed ? canonicalPhone(typed, phones) : undefined;
    const standIn = forge.standIn(canonical ? canonical.phone : user.userName);
    const masked = canonical ? maskPhone(canonical.phone, canonical.inspection.callingCode) : standIn.maskedPhone;
    return { known: false, phone: standIn.ledgerPhone, masked, typed: canonical?.phone };
  }
  const given = parsePhone(user.phoneNumber);
  if (!given) throw new InvalidPhoneError();
  const { phone, inspection } = canonicalPhone(given, phones);
  return { known: true, phone, masked: maskPhone(phone, inspection.callingCode) };
}
