import type { CodeLedger } from './code-ledger';
import { parsePhone } from './phone';
import { canonicalPhone, type PhoneInspector } from './phone-inspection';
import type { Clock, Deadline, UserDirectory, UserRef } from './ports';

export interface SignedInUser extends UserRef {
  readonly phoneNumber: string | undefined;
  readonly phoneNumberVerified: string | undefined;
}

export type PhoneConfirmation =
  { readonly outcome: 'already-verified' | 'no-phone' | 'not-proven' | 'marked-verified' } | { readonly outcome: 'mark-failed'; readonly error: unknown };

/** How recently a code for the number must have signed someone in for this sign-in to count as the proof. */
export const PROOF_WINDOW_MS = 5 * 60_000;

/**
 * After a sign-in, marks the phone verified, but only when a correct code for that exact number signed this very
 * user in moments ago (the ledger says when, and for whom): a password sign-in proves no phone. Best effort, because a failing
 * PostAuthentication trigger makes Cognito refuse the sign-in; a failure is absorbed, logged and counted.
 */
export class ConfirmPhone {
  constructor(
    private readonly directory: UserDirectory,
    private readonly ledger: CodeLedger,
    private readonly clock: Clock,
    /** The ledger keys a number by its standard spelling, so the proof is looked up by it too. */
    private readonly phones: PhoneInspector,
  ) {}

  async afterSignIn(user: SignedInUser, deadline: Deadline): Promise<PhoneConfirmation> {
    if (user.phoneNumberVerified === 'true') return { outcome: 'already-verified' };
    const given = parsePhone(user.phoneNumber);
    if (!given) return { outcome: 'no-phone' };
    const { phone } = canonicalPhone(given, this.phones);
    try {
      // Bound to this user: another account listing the same number proves nothing by the owner's sign-in.
      const provenAt = await this.ledger.provenAt(phone, { poolId: user.poolId, userName: user.userName }, deadline);
      const now = this.clock.now();
      if (provenAt === undefined || provenAt > now + 60_000 || now - provenAt > PROOF_WINDOW_MS) return { outcome: 'not-proven' };
      await this.directory.markPhoneVerified({ poolId: user.poolId, userName: user.userName, region: user.region }, deadline);
      return { outcome: 'marked-verified' };
    } catch (error) {
      return { outcome: 'mark-failed', error };
    }
  }
}
