import { describe, expect, it } from 'vitest';
import { AuthSessions, type PendingChallenge } from '../../local/pool/auth-sessions';
import { TokenIssuer } from '../../local/pool/token-issuer';
import type { PoolUser } from '../../local/pool/user-store';
import { FakeClock } from '../support/fakes';

const DAY = 86_400;
const CLIENT = 'localplayground00000client';

const user = (username: string): PoolUser => ({ username, attributes: new Map([['sub', username]]), status: 'CONFIRMED', createdAt: 0, updatedAt: 0 });

const pending: PendingChallenge = {
  clientId: CLIENT,
  username: 'u',
  userNotFound: false,
  rounds: [],
  challenge: { publicParameters: {}, privateParameters: {}, metadata: undefined },
};

describe('a long-running playground lets go of what has expired', () => {
  it('drops refresh tokens and revocations once every token they could stand for has expired', async () => {
    // Prepare
    const clock = new FakeClock();
    const issuer = await TokenIssuer.create('http://127.0.0.1:8787/pool', () => clock.now());
    const first = await issuer.signIn(user('a'), CLIENT);
    await issuer.signIn(user('b'), CLIENT);
    issuer.revoke(first.RefreshToken!, CLIENT);
    const before = issuer.held;
    clock.advance(30 * DAY + 3600);

    // Act
    await issuer.signIn(user('c'), CLIENT);

    // Assess
    expect(before).toEqual({ refreshTokens: 2, revocations: 1 });
    expect(issuer.held).toEqual({ refreshTokens: 1, revocations: 0 });
  });

  it('keeps a revocation while an access token of its sign-in may still be valid', async () => {
    // Prepare
    const clock = new FakeClock();
    const issuer = await TokenIssuer.create('http://127.0.0.1:8787/pool', () => clock.now());
    const signedIn = await issuer.signIn(user('a'), CLIENT);
    clock.advance(30 * DAY - 60);
    const refreshed = await issuer.refresh(signedIn.RefreshToken!, CLIENT, user);
    issuer.revoke(signedIn.RefreshToken!, CLIENT);
    clock.advance(120);

    // Act
    await issuer.signIn(user('b'), CLIENT);

    // Assess
    await expect(issuer.verifyAccessToken(refreshed.AccessToken)).rejects.toMatchObject({ message: 'Access Token has been revoked' });
  });

  it('drops sessions past their expiry window when one is redeemed', () => {
    // Prepare
    const clock = new FakeClock();
    const sessions = new AuthSessions(() => clock.now(), 3);
    sessions.issue(pending);
    const kept = sessions.issue(pending);
    clock.advance(6 * 60);

    // Act
    const redeemed = () => sessions.redeem(kept, () => true);

    // Assess
    expect(redeemed).toThrow(/^Invalid session for the user\.$/);
    expect(sessions.size).toBe(0);
  });
});
