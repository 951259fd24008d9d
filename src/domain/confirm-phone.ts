import type { Deadline, UserDirectory, UserRef } from './ports';

export interface SignedInUser extends UserRef {
  readonly phoneNumber: string | undefined;
  readonly phoneNumberVerified: string | undefined;
}

export type PhoneConfirmation =
  { readonly outcome: 'already-verified' | 'no-phone' | 'marked-verified' } | { readonly outcome: 'mark-failed'; readonly error: unknown };

/**
 * After a sign-in by code, the phone has been proven: mark it verified. Best effort,
 * because a failing PostAuthentication trigger makes Cognito refuse the sign-in.
 */
export class ConfirmPhone {
  constructor(private readonly directory: UserDirectory) {}

  async afterSignIn(user: SignedInUser, deadline: Deadline): Promise<PhoneConfirmation> {
    if (user.phoneNumberVerified === 'true') return { outcome: 'already-verified' };
    if (!user.phoneNumber) return { outcome: 'no-phone' };
    try {
      await this.directory.markPhoneVerified({ poolId: user.poolId, userName: user.userName, region: user.region }, deadline);
      return { outcome: 'marked-verified' };
    } catch (error) {
      return { outcome: 'mark-failed', error };
    }
  }
}
