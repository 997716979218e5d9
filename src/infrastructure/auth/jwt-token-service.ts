import type { TokenService } from '../../application/users/token-service';
import type { AuthenticatedUser, Role } from '../../application/users/user';
import { errors, jwtVerify, SignJWT } from 'jose';

export interface JwtOptions {
  /** HMAC key; at least 32 characters (configuration checks JWT_SECRET). */
  secret: string;
  /** Lifetime of issued tokens; 24 hours unless told. */
  expiresInSeconds?: number;
  /** Injected so that expiry can be tested without waiting. */
  now?: () => Date;
}

const ISSUER = 'chronocart';
const ALGORITHM = 'HS256';
const DEFAULT_EXPIRY_SECONDS = 24 * 60 * 60;
const ROLES: readonly string[] = ['CUSTOMER', 'ADMIN'] satisfies Role[];
/** Verified tokens remembered; a busy client sends the same token with every request. */
const VERIFIED_CACHE_SIZE = 10_000;

/** HS256 JWTs: `sub` the user id, `role`, issuer `chronocart`. */
export class JwtTokenService implements TokenService {
  private readonly key: Uint8Array;
  private readonly expiresInSeconds: number;
  private readonly now: () => Date;
  /** A valid token stays valid until it expires (tokens are not revocable), so its check is kept. */
  private readonly verified = new Map<string, { user: AuthenticatedUser; expiresAtMs: number }>();

  constructor(options: JwtOptions) {
    if (options.secret.length < 32)
      throw new Error('the JWT secret must be at least 32 characters');
    this.key = new TextEncoder().encode(options.secret);
    this.expiresInSeconds = options.expiresInSeconds ?? DEFAULT_EXPIRY_SECONDS;
    this.now = options.now ?? (() => new Date());
  }

  async issue(user: AuthenticatedUser): Promise<string> {
    const issuedAt = Math.floor(this.now().getTime() / 1000);
    return new SignJWT({ role: user.role })
      .setProtectedHeader({ alg: ALGORITHM, typ: 'JWT' })
      .setSubject(user.userId)
      .setIssuer(ISSUER)
      .setIssuedAt(issuedAt)
      .setExpirationTime(issuedAt + this.expiresInSeconds)
      .sign(this.key);
  }

  async verify(token: string): Promise<AuthenticatedUser | null> {
    const known = this.verified.get(token);
    if (known && this.now().getTime() < known.expiresAtMs) return known.user;
    if (known) this.verified.delete(token);
    try {
      const { payload } = await jwtVerify(token, this.key, {
        // Pinned, so a token cannot pick its own algorithm (alg: none, or a public-key confusion).
        algorithms: [ALGORITHM],
        issuer: ISSUER,
        requiredClaims: ['sub', 'exp', 'iat'],
        currentDate: this.now(),
      });
      const role = payload['role'];
      if (typeof payload.sub !== 'string' || typeof role !== 'string' || !ROLES.includes(role)) {
        return null;
      }
      const user = { userId: payload.sub, role: role as Role };
      this.remember(token, user, (payload.exp ?? 0) * 1000);
      return user;
    } catch (error) {
      if (error instanceof errors.JOSEError) return null;
      throw error;
    }
  }

  private remember(token: string, user: AuthenticatedUser, expiresAtMs: number): void {
    if (this.verified.size >= VERIFIED_CACHE_SIZE) {
      const oldest = this.verified.keys().next().value;
      if (oldest !== undefined) this.verified.delete(oldest);
    }
    this.verified.set(token, { user, expiresAtMs });
  }
}
