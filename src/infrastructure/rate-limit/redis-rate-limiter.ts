import { type Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis } from 'rate-limiter-flexible';
import type { RateLimiter, RateLimitPolicy } from '../../application/rate-limit/rate-limiter';
import { FlexibleRateLimiter } from './flexible-rate-limiter';

/**
 * Counts in Redis, so every instance spends from one budget per key (an atomic Lua increment,
 * rate-limiter-flexible's own). While Redis is away each process counts on its own in memory
 * (the library's insurance limiter): limits then hold per process rather than refusing everyone
 * or no one, and the shared count takes over again when Redis is back.
 */
export function createRedisRateLimiter(
  redis: Redis,
  policy: RateLimitPolicy,
  keyPrefix: string,
): RateLimiter {
  const options = {
    keyPrefix: `${keyPrefix}rate:${policy.keyPrefix}`,
    points: policy.points,
    duration: policy.durationSeconds,
  };
  return new FlexibleRateLimiter(
    new RateLimiterRedis({
      ...options,
      storeClient: redis,
      rejectIfRedisNotReady: true,
      insuranceLimiter: new RateLimiterMemory(options),
    }),
  );
}
