import { RateLimiterMemory } from 'rate-limiter-flexible';
import type { RateLimiter, RateLimitPolicy } from '../../application/rate-limit/rate-limiter';
import { FlexibleRateLimiter } from './flexible-rate-limiter';

/** Counts in this process only: right for the single-process embedded setup. */
export function createMemoryRateLimiter(policy: RateLimitPolicy): RateLimiter {
  return new FlexibleRateLimiter(
    new RateLimiterMemory({
      keyPrefix: policy.keyPrefix,
      points: policy.points,
      duration: policy.durationSeconds,
    }),
  );
}
