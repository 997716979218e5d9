import type pg from 'pg';
import { type CartStore } from '../application/carts/cart-store';
import type { RateLimiter, RateLimitPolicy } from '../application/rate-limit/rate-limiter';
import { type ProductView } from '../graphql/views';
import { FencedCache } from '../infrastructure/cache/fenced-cache';
import { invalidateOnProductChanges } from '../infrastructure/cache/product-cache-invalidation';
import { PostgresCartStore } from '../infrastructure/carts/postgres-cart-store';
import { RedisCartStore } from '../infrastructure/carts/redis-cart-store';
import { type Config } from '../infrastructure/config/config';
import { type HealthCheck } from '../infrastructure/http/http-server';
import { type Logger } from '../infrastructure/logging/logger';
import { InProcessPubSub } from '../infrastructure/pubsub/in-process-pubsub';
import { type PubSub } from '../infrastructure/pubsub/pubsub';
import { RedisPubSub } from '../infrastructure/pubsub/redis-pubsub';
import { createMemoryRateLimiter } from '../infrastructure/rate-limit/memory-rate-limiter';
import { createRedisRateLimiter } from '../infrastructure/rate-limit/redis-rate-limiter';
import {
  closeRedis,
  connectRedis,
  redisTarget,
  whenReady,
} from '../infrastructure/redis/redis-connection';
import { checkRedis, logRedisConnection } from '../infrastructure/redis/redis-health';
import { productsProjection } from '../projections/products/products.projection';
import { type Topics } from '../projections/topics';

/** The adapters that differ between the embedded default and the production shape. */
export interface Adapters {
  pubsub: PubSub<Topics>;
  cartStore: CartStore;
  /** Deletes expired carts where the store does not expire them by itself (PostgreSQL). */
  sweepExpiredCarts(): Promise<number>;
  rateLimiter(policy: RateLimitPolicy): RateLimiter;
  /** Null when no product notifications reach this process (an API replica without Redis). */
  productCache: FencedCache<ProductView> | null;
  readiness: HealthCheck[];
  /** Stops the pub/sub and closes the connections; after the projectors have stopped. */
  close(): Promise<void>;
}

const PRODUCT_CACHE = { maxEntries: 10_000, ttlMs: 60_000 };
/** How long start waits for Redis before serving without it (it then connects when it can). */
const REDIS_START_WAIT_MS = 5_000;

/**
 * REDIS_URL set: pub/sub, carts (with their sliding TTL) and rate limits live in Redis and are
 * shared by every instance. Unset: the in-process pub/sub, the PostgreSQL cart store and
 * in-memory limits of the embedded default. The product cache is in-process either way (a hit
 * costs no network round trip); what Redis adds is the invalidations from other processes.
 */
export async function createAdapters(
  config: Config,
  pool: pg.Pool,
  logger: Logger,
): Promise<Adapters> {
  const adapters = config.redisUrl
    ? await redisAdapters(config, config.redisUrl, logger)
    : embeddedAdapters(config, pool);
  // Without Redis, product notifications exist only where the projectors run.
  if (!config.redisUrl && config.processRole === 'api') return adapters;
  const productCache = new FencedCache<ProductView>(PRODUCT_CACHE);
  const stopInvalidating = await invalidateOnProductChanges(
    productCache,
    adapters.pubsub,
    productsProjection.name,
  );
  return {
    ...adapters,
    productCache,
    async close() {
      await stopInvalidating();
      await adapters.close();
    },
  };
}

function embeddedAdapters(config: Config, pool: pg.Pool): Adapters {
  const pubsub = new InProcessPubSub<Topics>();
  const cartStore = new PostgresCartStore(pool, { ttlMs: config.cartTtlMs });
  return {
    pubsub,
    cartStore,
    sweepExpiredCarts: () => cartStore.deleteExpired(),
    rateLimiter: createMemoryRateLimiter,
    productCache: null,
    readiness: [],
    close: () => pubsub.close(),
  };
}

async function redisAdapters(config: Config, url: string, logger: Logger): Promise<Adapters> {
  const target = redisTarget(url);
  const commands = connectRedis(target, 'commands');
  const subscriber = connectRedis(target, 'subscriber');
  logRedisConnection(commands, 'commands', logger);
  logRedisConnection(subscriber, 'subscriber', logger);
  const ready = await Promise.all(
    [commands, subscriber].map((c) => whenReady(c, REDIS_START_WAIT_MS)),
  );
  if (!ready.every(Boolean)) {
    logger.warn('Redis is not reachable yet: carts and live updates wait for it; /readyz says so');
  }
  const pubsub = new RedisPubSub<Topics>({
    publisher: commands,
    subscriber,
    keyPrefix: target.keyPrefix,
    onError: (err: unknown) => logger.warn({ err }, 'redis pub/sub'),
  });
  return {
    pubsub,
    // Redis drops an expired cart by itself (PEXPIREAT).
    sweepExpiredCarts: () => Promise.resolve(0),
    cartStore: new RedisCartStore(commands, {
      ttlMs: config.cartTtlMs,
      keyPrefix: target.keyPrefix,
    }),
    rateLimiter: (policy) => createRedisRateLimiter(commands, policy, target.keyPrefix),
    productCache: null,
    readiness: [{ name: 'redis', check: () => checkRedis(commands, subscriber) }],
    async close() {
      await pubsub.close();
      await Promise.all([closeRedis(commands), closeRedis(subscriber)]);
    },
  };
}
