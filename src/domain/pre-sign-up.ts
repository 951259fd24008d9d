import { InvalidPhoneError } from './errors';
import { parsePhone } from './phone';

/** Who is creating the user: the user themself, an administrator, or a federated identity provider. */
export type SignUpOrigin = 'self' | 'admin' | 'external';

export type SignUpDecision =
  /** The code at sign-in proves the phone, so no separate confirmation step; the phone is not verified yet. */
  { readonly kind: 'confirm-unverified' } | { readonly kind: 'unchanged' };

/** Pure: a self sign-up needs a valid phone and is confirmed at once; others pass through. */
export function decideSignUp(origin: SignUpOrigin, phoneNumber: string | undefined): SignUpDecision {
  if (origin !== 'self') return { kind: 'unchanged' };
  if (!parsePhone(phoneNumber)) throw new InvalidPhoneError();
  return { kind: 'confirm-unverified' };
}
