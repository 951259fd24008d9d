import { parsePhone } from './phone';
import type { Deadline } from './ports';
import { phoneRefusal, type PhoneInspector, type PhoneRefusal } from './phone-inspection';

/** Who is creating the user: the user themself, an administrator, or a federated identity provider. */
export type SignUpOrigin = 'self' | 'admin' | 'external';

export interface SignUpRequest {
  readonly origin: SignUpOrigin;
  /** `phone_number` from the new user's attributes, unvalidated. */
  readonly phoneNumber: string | undefined;
}

export type SignUpDecision =
  /** The code at sign-in proves the phone, so no separate confirmation step; the phone is not verified yet. */
  | { readonly kind: 'confirm-unverified' }
  | { readonly kind: 'unchanged' }
  /** The sign-up must fail; the router turns this into the trigger's error, in words a user can act on. */
  | { readonly kind: 'refused'; readonly reason: SignUpRefusal; readonly allowedCountries: readonly string[] };

export type SignUpRefusal = PhoneRefusal | 'lookup-failed';

/** Pure: a self sign-up needs a phone that may get a code, and is confirmed at once; others pass through. */
export function decideSignUp(request: SignUpRequest, phones: PhoneInspector, allowedCountries: readonly string[]): SignUpDecision {
  if (request.origin !== 'self') return { kind: 'unchanged' };
  const phone = parsePhone(request.phoneNumber);
  const refusal = phone ? phoneRefusal(phones.inspect(phone), allowedCountries) : 'invalid';
  return refusal ? { kind: 'refused', reason: refusal, allowedCountries } : { kind: 'confirm-unverified' };
}

/** The PreSignUp trigger's service, bound like the others so the router calls one service per case. */
export class PreSignUp {
  constructor(
    private readonly phones: PhoneInspector,
    private readonly allowedCountries: readonly string[],
  ) {}

  // eslint-disable-next-line @typescript-eslint/no-unused-vars -- the app client lookup (issue 11.2) will use it
  async decide(request: SignUpRequest, deadline: Deadline): Promise<SignUpDecision> {
    return decideSignUp(request, this.phones, this.allowedCountries);
  }
}
