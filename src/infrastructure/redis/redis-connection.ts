import { Redis, type RedisOptions } from 'ioredis';

/** Where the app's Redis is, and the prefix that keeps its keys and channels apart. */
export interface RedisTarget {
  /** The connection URL as ioredis gets it. */
  url: string;
  /** Starts every key and channel name, e.g. `chronocart:`. */
  keyPrefix: string;
}

export const DEFAULT_KEY_PREFIX = 'chronocart:';

/**
 * Reads REDIS_URL. A `keyPrefix` query parameter (`redis://host:6379/0?keyPrefix=shop-a:`) lets
 * several deployments, or test runs, share one Redis; it is removed before ioredis sees the URL,
 * since ioredis would otherwise apply it to keys but not to pub/sub channels.
 */
export function redisTarget(redisUrl: string): RedisTarget {
  const url = new URL(redisUrl);
  const keyPrefix = url.searchParams.get('keyPrefix') ?? DEFAULT_KEY_PREFIX;
  url.searchParams.delete('keyPrefix');
  return { url: url.toString(), keyPrefix };
}

export type RedisRole = 'commands' | 'subscriber';

/**
 * Requests fail fast while Redis is away (no offline queue, bounded command time) instead of
 * piling up behind an outage, and the connection comes back by itself (unbounded retries).
 */
const FAIL_FAST: RedisOptions = {
  enableOfflineQueue: false,
  commandTimeout: 2_000,
  maxRetriesPerRequest: 1,
  connectTimeout: 5_000,
  retryStrategy: (attempt) => Math.min(100 * attempt, 2_000),
};

/**
 * One connection. The subscriber does not resubscribe by itself: RedisPubSub does it, so that it
 * knows when the channels are live again and can tell its listeners to catch up.
 */
export function connectRedis(target: RedisTarget, role: RedisRole): Redis {
  return new Redis(target.url, {
    ...FAIL_FAST,
    autoResubscribe: role !== 'subscriber',
    // Named so that operators (and tests) can find this process's connections in CLIENT LIST.
    connectionName: redisConnectionName(target, role),
  });
}

export function redisConnectionName(target: RedisTarget, role: RedisRole): string {
  return `${target.keyPrefix}${role}`.replace(/[^\w:.-]/g, '_');
}

/** Resolves true once the connection is ready, false if it is not within `timeoutMs`. */
export function whenReady(client: Redis, timeoutMs: number): Promise<boolean> {
  if (client.status === 'ready') return Promise.resolve(true);
  return new Promise((resolve) => {
    const done = (ready: boolean) => {
      clearTimeout(timer);
      client.off('ready', onReady);
      resolve(ready);
    };
    const onReady = () => done(true);
    const timer = setTimeout(() => done(false), timeoutMs);
    client.on('ready', onReady);
  });
}

/** Closes the connection, politely when it is up and at once when it is not. */
export async function closeRedis(client: Redis): Promise<void> {
  if (client.status === 'end') return;
  if (client.status !== 'ready') {
    client.disconnect();
    return;
  }
  try {
    await client.quit();
  } catch {
    client.disconnect();
  }
}
