import type { RateLimiter, RateLimitPolicy } from '../rate-limit/rate-limiter';

/** Failed logins allowed per window before further attempts are refused. */
export const LOGIN_THROTTLE_POLICIES = {
  perEmail: { keyPrefix: 'login-fail-email', points: 10, durationSeconds: 15 * 60 },
  perIp: { keyPrefix: 'login-fail-ip', points: 50, durationSeconds: 15 * 60 },
} as const satisfies Record<string, RateLimitPolicy>;

/**
 * Counts failed logins per account (guessing one password) and per client address (trying many
 * accounts). Only failures count, so people who type their password right are never held up.
 */
export class LoginThrottle {
  constructor(private readonly limiters: { perEmail: RateLimiter; perIp: RateLimiter }) {}

  /** @throws AppError RATE_LIMITED while either budget is spent */
  async assertAllowed(email: string, ip: string): Promise<void> {
    await this.limiters.perEmail.assertNotExhausted(email);
    await this.limiters.perIp.assertNotExhausted(ip);
  }

  async recordFailure(email: string, ip: string): Promise<void> {
    await Promise.all([this.limiters.perEmail.consume(email), this.limiters.perIp.consume(ip)]);
  }

  /**
   * Clears the account's count. The address's count stays: otherwise an attacker could reset it
   * by signing in to an account of their own between guesses.
   */
  async recordSuccess(email: string): Promise<void> {
    await this.limiters.perEmail.reset(email);
  }
}
