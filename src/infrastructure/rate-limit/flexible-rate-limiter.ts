import { RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { rateLimited, type RateLimiter } from '../../application/rate-limit/rate-limiter';

/**
 * The port over any rate-limiter-flexible limiter, so that each store (memory, Redis) is only a
 * factory that builds its limiter.
 */
export class FlexibleRateLimiter implements RateLimiter {
  constructor(private readonly limiter: RateLimiterAbstract) {}

  async consume(key: string, points = 1): Promise<void> {
    try {
      await this.limiter.consume(key, points);
    } catch (rejection) {
      // The library rejects with a RateLimiterRes when over budget, with an Error when its store fails.
      if (rejection instanceof RateLimiterRes) throw rateLimited(rejection.msBeforeNext / 1000);
      throw rejection;
    }
  }

  async assertNotExhausted(key: string): Promise<void> {
    const spent = await this.limiter.get(key);
    if (spent !== null && spent.consumedPoints >= this.limiter.points) {
      throw rateLimited(spent.msBeforeNext / 1000);
    }
  }

  async reset(key: string): Promise<void> {
    await this.limiter.delete(key);
  }
}
