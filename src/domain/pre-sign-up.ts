import { InvalidPhoneError } from './errors';
import { parsePhone } from './phone';

/** Who is creating the user: the user themself, an administrator, or a federated identity provider. */
export type SignUpOrigin = 'self' | 'admin' | 'external';

export interface SignUpRequest {
  readonly origin: SignUpOrigin;
  /** `phone_number` from the new user's attributes, unvalidated. */
  readonly phoneNumber: string | undefined;
}

export type SignUpDecision =
  /** The code at sign-in proves the phone, so no separate confirmation step; the phone is not verified yet. */
  { readonly kind: 'confirm-unverified' } | { readonly kind: 'unchanged' };

/** Pure: a self sign-up needs a valid phone and is confirmed at once; others pass through. */
export function decideSignUp(request: SignUpRequest): SignUpDecision {
  if (request.origin !== 'self') return { kind: 'unchanged' };
  if (!parsePhone(request.phoneNumber)) throw new InvalidPhoneError();
  return { kind: 'confirm-unverified' };
}

/** The PreSignUp trigger's service, bound like the others so the router calls one service per case. */
export class PreSignUp {
  decide(request: SignUpRequest): SignUpDecision {
    return decideSignUp(request);
  }
}
