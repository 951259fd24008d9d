import { parsePhone, standardFormHint } from './phone';
import { canonicalPhone, DEFAULT_TEXTED_KINDS, phoneRefusal, type PhoneInspector, type PhoneKind, type PhoneRefusal } from './phone-inspection';
import type { AppClientRef, Deadline, UserDirectory } from './ports';

/** Who is creating the user: the user themself, an administrator, or a federated identity provider. */
export type SignUpOrigin = 'self' | 'admin' | 'external';

export interface SignUpRequest {
  readonly origin: SignUpOrigin;
  /** `phone_number` from the new user's attributes, unvalidated. */
  readonly phoneNumber: string | undefined;
  /** The app client the user signs up through; absent when the event names none. */
  readonly client: AppClientRef | undefined;
}

export type SignUpDecision =
  /** The code at sign-in proves the phone, so no separate confirmation step; the phone is not verified yet. */
  | { readonly kind: 'confirm-unverified' }
  /** Not this function's sign-up: the pool's own rules apply (no auto-confirm, no phone required). */
  | { readonly kind: 'unchanged' }
  /** The sign-up must fail; the router turns this into the trigger's error, in words a user can act on. */
  | {
      readonly kind: 'refused';
      readonly reason: SignUpRefusal;
      readonly allowedCountries: readonly string[];
      /** For `not-canonical`: how to write the number, masked (it reaches the client and Lambda's log of the error). */
      readonly standardForm?: string;
      readonly cause?: unknown;
    };

/** `not-canonical`: a valid number in a spelling other than its standard E.164 one (`+82 0 10…`, `+82 081 10…`). */
export type SignUpRefusal = PhoneRefusal | 'not-canonical' | 'lookup-failed';

/**
 * Pure: a self sign-up through a code-only client needs a phone that may get a code, written in its standard form,
 * and is confirmed at once. A trigger cannot rewrite the attribute, so another spelling of a number is refused with
 * words that say how to write it: one handset, one account.
 */
export function decideSignUp(
  request: SignUpRequest,
  codeOnlyClient: boolean,
  phones: PhoneInspector,
  allowedCountries: readonly string[],
  textedKinds: readonly PhoneKind[] = DEFAULT_TEXTED_KINDS,
): SignUpDecision {
  if (request.origin !== 'self' || !codeOnlyClient) return { kind: 'unchanged' };
  const typed = parsePhone(request.phoneNumber);
  if (!typed) return { kind: 'refused', reason: 'invalid', allowedCountries };
  const { phone, inspection } = canonicalPhone(typed, phones);
  const refusal = phoneRefusal(inspection, allowedCountries, textedKinds);
  if (refusal) return { kind: 'refused', reason: refusal, allowedCountries };
  if (phone !== typed) {
    return { kind: 'refused', reason: 'not-canonical', allowedCountries, standardForm: standardFormHint(typed, phone, inspection.callingCode) };
  }
  return { kind: 'confirm-unverified' };
}

/** Enough for every app client of a few pools; past it the cache starts again rather than grow. */
const MAX_CACHED_CLIENTS = 64;

/**
 * The PreSignUp trigger's service. It acts only on sign-ups through an app client that signs in by code only: a
 * pool passed in with password clients keeps its own confirmation for those. Which clients those are is asked of the
 * directory once per client per instance (the function cannot be told its client's id: function → client → pool →
 * function would be a cycle). A failed lookup refuses the sign-up: it never auto-confirms on a guess.
 */
export class PreSignUp {
  private readonly codeOnly = new Map<string, boolean>();

  constructor(
    private readonly directory: UserDirectory,
    private readonly phones: PhoneInspector,
    private readonly allowedCountries: readonly string[],
    /** OTP_ALLOWED_NUMBER_TYPES: the number types that may sign up. */
    private readonly textedKinds: readonly PhoneKind[] = DEFAULT_TEXTED_KINDS,
  ) {}

  async decide(request: SignUpRequest, deadline: Deadline): Promise<SignUpDecision> {
    if (request.origin !== 'self' || !request.client) return { kind: 'unchanged' };
    let codeOnlyClient: boolean;
    try {
      codeOnlyClient = await this.isCodeOnly(request.client, deadline);
    } catch (cause) {
      return { kind: 'refused', reason: 'lookup-failed', allowedCountries: this.allowedCountries, cause };
    }
    return decideSignUp(request, codeOnlyClient, this.phones, this.allowedCountries, this.textedKinds);
  }

  private async isCodeOnly(client: AppClientRef, deadline: Deadline): Promise<boolean> {
    const key = `${client.region}/${client.poolId}/${client.clientId}`;
    const known = this.codeOnly.get(key);
    if (known !== undefined) return known;
    const codeOnly = await this.directory.signsInByCodeOnly(client, deadline);
    if (this.codeOnly.size >= MAX_CACHED_CLIENTS) this.codeOnly.clear();
    this.codeOnly.set(key, codeOnly);
    return codeOnly;
  }
}
