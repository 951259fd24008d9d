import { randomBytes } from 'node:crypto';
import type { Challenge, SessionRound } from './challenge-rounds';
import { notAuthorized } from './cognito-error';

/** What Cognito remembers of one custom-auth sign-in. */
export interface SignIn {
  readonly clientId: string;
  /** Cognito's user name (for an unknown user, a stable pseudonym). */
  readonly username: string;
  readonly userNotFound: boolean;
  readonly rounds: readonly SessionRound[];
}

/** A sign-in waiting for the answer to the challenge CreateAuthChallenge made. */
export interface PendingChallenge extends SignIn {
  readonly challenge: Challenge;
}

/** Cognito's default auth-session validity for an app client. */
export const DEFAULT_SESSION_MINUTES = 3;

/**
 * The `Session` strings of sign-ins in progress. Each round gets a new one; each is
 * accepted once, and only until it expires.
 */
export class AuthSessions {
  private readonly open = new Map<string, { state: PendingChallenge; expiresAt: number }>();

  constructor(
    private readonly now: () => number,
    private readonly validityMinutes = DEFAULT_SESSION_MINUTES,
  ) {}

  issue(state: PendingChallenge): string {
    this.dropExpired();
    const session = randomBytes(96).toString('base64url');
    this.open.set(session, { state, expiresAt: this.now() + this.validityMinutes * 60_000 });
    return session;
  }

  /**
   * Takes a session out, if `belongs` accepts its sign-in: a second use of the same string is refused.
   * A call that does not belong (another client, another user) is refused and leaves the session as it
   * was, so that a stray answer cannot end someone else's sign-in.
   */
  redeem(session: string, belongs: (state: PendingChallenge) => boolean): PendingChallenge {
    this.dropExpired();
    const entry = this.open.get(session);
    if (!entry) throw notAuthorized('Invalid session for the user.');
    if (entry.expiresAt <= this.now()) {
      this.open.delete(session);
      throw notAuthorized('Invalid session for the user, session is expired.');
    }
    if (!belongs(entry.state)) throw notAuthorized('Invalid session for the user.');
    this.open.delete(session);
    return entry.state;
  }

  /** How many sessions are held: expired ones are let go on the next issue or redeem. */
  get size(): number {
    return this.open.size;
  }

  private dropExpired(): void {
    // Expired entries are kept briefly so that their use still says "expired"; then they go.
    const forgetBefore = this.now() - this.validityMinutes * 60_000;
    for (const [session, { expiresAt }] of this.open) {
      if (expiresAt <= forgetBefore) this.open.delete(session);
    }
  }
}
