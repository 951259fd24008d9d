import { randomBytes, randomUUID } from 'node:crypto';
import { type CryptoKey, errors, exportJWK, generateKeyPair, type JWK, type JWTPayload, jwtVerify, SignJWT } from 'jose';
import { notAuthorized } from './cognito-error';
import type { PoolUser } from './user-store';

export interface AuthenticationResult {
  readonly AccessToken: string;
  readonly IdToken: string;
  readonly RefreshToken?: string;
  readonly ExpiresIn: number;
  readonly TokenType: 'Bearer';
}

/** One sign-in's tokens share these; a refresh keeps them, so revoking one refresh token ends them all. */
interface Grant {
  readonly username: string;
  readonly clientId: string;
  readonly originJti: string;
  readonly authTime: number;
  readonly expiresAt: number;
}

const TOKEN_SECONDS = 3600;
const REFRESH_DAYS = 30;
const ACCESS_SCOPE = 'aws.cognito.signin.user.admin';

/** Cognito puts `*_verified` attributes in the ID token as booleans and the rest as strings. */
function idClaims(user: PoolUser): JWTPayload {
  const claims: JWTPayload = {};
  for (const [name, value] of user.attributes) {
    claims[name] = name.endsWith('_verified') ? value === 'true' : value;
  }
  return claims;
}

/**
 * Signs ID and access tokens as Cognito does: RS256, a key made at start and published
 * as a JWKS, and the claims real tokens carry. Refresh tokens are opaque, as Cognito's are to clients.
 */
export class TokenIssuer {
  private readonly refreshTokens = new Map<string, Grant>();
  /** Revoked sign-ins (`origin_jti`), each kept until the last token it could have made has expired. */
  private readonly revoked = new Map<string, number>();

  private constructor(
    private readonly key: CryptoKey,
    private readonly publicKey: CryptoKey,
    readonly jwks: { keys: JWK[] },
    private readonly kid: string,
    readonly issuer: string,
    private readonly now: () => number,
  ) {}

  static async create(issuer: string, now: () => number): Promise<TokenIssuer> {
    const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
    const kid = randomBytes(16).toString('base64url');
    const jwk = { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' };
    return new TokenIssuer(privateKey, publicKey, { keys: [jwk] }, kid, issuer, now);
  }

  async signIn(user: PoolUser, clientId: string): Promise<AuthenticationResult> {
    this.dropExpired();
    const seconds = Math.floor(this.now() / 1000);
    const grant: Grant = {
      username: user.username,
      clientId,
      originJti: randomUUID(),
      authTime: seconds,
      expiresAt: this.now() + REFRESH_DAYS * 86_400_000,
    };
    const refreshToken = randomBytes(64).toString('base64url');
    this.refreshTokens.set(refreshToken, grant);
    return { ...(await this.tokens(user, grant)), RefreshToken: refreshToken };
  }

  /** New ID and access tokens for the sign-in behind a refresh token, if it is still good; `userNamed` reads the user as it is now. */
  async refresh(refreshToken: string, clientId: string, userNamed: (username: string) => PoolUser): Promise<AuthenticationResult> {
    const grant = this.refreshTokens.get(refreshToken);
    if (!grant || grant.clientId !== clientId || grant.expiresAt <= this.now()) throw notAuthorized('Invalid Refresh Token');
    if (this.revoked.has(grant.originJti)) throw notAuthorized('Refresh Token has been revoked');
    return this.tokens(userNamed(grant.username), grant);
  }

  /** Ends the sign-in behind a refresh token: its access tokens stop working too. */
  revoke(refreshToken: string, clientId: string): void {
    this.dropExpired();
    const grant = this.refreshTokens.get(refreshToken);
    if (!grant) return; // Cognito answers a revoke of an unknown token with success.
    if (grant.clientId !== clientId) throw notAuthorized('Invalid Refresh Token');
    // An access token made by the last refresh may outlive its refresh token by up to its own validity.
    this.revoked.set(grant.originJti, grant.expiresAt + TOKEN_SECONDS * 1000);
  }

  /** How many refresh tokens and revocations the issuer holds: expired ones are let go as new ones come. */
  get held(): { refreshTokens: number; revocations: number } {
    return { refreshTokens: this.refreshTokens.size, revocations: this.revoked.size };
  }

  /** Checks an access token as Cognito does for the user's own operations (GetUser, …). */
  async verifyAccessToken(token: string): Promise<{ username: string }> {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, this.publicKey, {
        issuer: this.issuer,
        algorithms: ['RS256'],
        currentDate: new Date(this.now()),
      }));
    } catch (error) {
      throw notAuthorized(error instanceof errors.JWTExpired ? 'Access Token has expired' : 'Invalid Access Token');
    }
    if (payload.token_use !== 'access' || typeof payload.username !== 'string' || typeof payload.client_id !== 'string') {
      throw notAuthorized('Invalid Access Token');
    }
    if (this.revoked.has(String(payload.origin_jti))) throw notAuthorized('Access Token has been revoked');
    return { username: payload.username };
  }

  private dropExpired(): void {
    const now = this.now();
    for (const [token, { expiresAt }] of this.refreshTokens) if (expiresAt <= now) this.refreshTokens.delete(token);
    for (const [originJti, forgetAt] of this.revoked) if (forgetAt <= now) this.revoked.delete(originJti);
  }

  private async tokens(user: PoolUser, grant: Grant): Promise<AuthenticationResult> {
    const common = { sub: user.username, origin_jti: grant.originJti, event_id: randomUUID(), auth_time: grant.authTime };
    const [IdToken, AccessToken] = await Promise.all([
      this.sign({
        ...idClaims(user),
        ...common,
        'cognito:username': user.username,
        aud: grant.clientId,
        token_use: 'id',
      }),
      this.sign({ ...common, client_id: grant.clientId, token_use: 'access', scope: ACCESS_SCOPE, username: user.username }),
    ]);
    return { AccessToken, IdToken, ExpiresIn: TOKEN_SECONDS, TokenType: 'Bearer' };
  }

  private sign(claims: JWTPayload): Promise<string> {
    const seconds = Math.floor(this.now() / 1000);
    return new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid: this.kid })
      .setIssuer(this.issuer)
      .setIssuedAt(seconds)
      .setExpirationTime(seconds + TOKEN_SECONDS)
      .setJti(randomUUID())
      .sign(this.key);
  }
}
