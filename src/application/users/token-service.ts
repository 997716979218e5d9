import type { AuthenticatedUser } from './user';

/** Bearer tokens that say who the caller is and with which role, until they expire. */
export interface TokenService {
  issue(user: AuthenticatedUser): Promise<string>;
  /** Null for a token that is malformed, forged, tampered with, expired or not ours. */
  verify(token: string): Promise<AuthenticatedUser | null>;
}
