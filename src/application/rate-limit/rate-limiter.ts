import { AppError } from '../app-error';

/** How many points a key may spend per window; one limiter instance enforces one policy. */
export interface RateLimitPolicy {
  /** Keeps the keys of different policies apart in a shared store (e.g. `login-email`). */
  keyPrefix: string;
  points: number;
  durationSeconds: number;
}

/**
 * A budget of points per key over a fixed window. Implementations over a shared store (Redis)
 * enforce it across processes; the in-process one only within its process.
 */
export interface RateLimiter {
  /**
   * Spends `points` (default 1) of the key's budget.
   * @throws AppError('RATE_LIMITED', …, { retryAfterSeconds }) when the budget does not cover them
   */
  consume(key: string, points?: number): Promise<void>;
  /**
   * Spends nothing; throws as `consume` would when the key has no points left. For budgets that
   * count failures only, checked before the attempt and spent after it fails.
   */
  assertNotExhausted(key: string): Promise<void>;
  /** Forgets what the key has spent. */
  reset(key: string): Promise<void>;
}

export function rateLimited(retryAfterSeconds: number): AppError {
  const seconds = Math.max(1, Math.ceil(retryAfterSeconds));
  return new AppError('RATE_LIMITED', `Too many attempts; try again in ${seconds} seconds`, {
    retryAfterSeconds: seconds,
  });
}
