import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';

/** What a Redis test suite gets: a fresh key prefix of its own and an admin connection. */
export interface RedisTestEnv {
  /** REDIS_URL as the environment gives it. */
  readonly baseUrl: string;
  /** Fresh per suite, e.g. `chronocart-test-<uuid>:`; every key and channel starts with it. */
  readonly keyPrefix: string;
  /** REDIS_URL carrying this suite's prefix, for the app (see redisTarget). */
  readonly appUrl: string;
  /** A connection for the test's own checks (CLIENT LIST, PEXPIRETIME, …). */
  readonly admin: Redis;
  /** A fresh prefix for one test that needs isolation from the rest of its suite. */
  freshPrefix(): string;
}

const newPrefix = () => `chronocart-test-${randomUUID()}:`;

export function withKeyPrefix(url: string, keyPrefix: string): string {
  const parsed = new URL(url);
  parsed.searchParams.set('keyPrefix', keyPrefix);
  return parsed.toString();
}

/**
 * `describe` for suites that need a real Redis. With REDIS_URL set they run, and an unreachable
 * Redis fails them. Without it they are skipped with a note, except in CI (CI=true), where a
 * missing REDIS_URL is a failure: CI must never pass by skipping them.
 */
export function describeWithRedis(name: string, body: (env: RedisTestEnv) => void): void {
  const baseUrl = process.env.REDIS_URL;
  if (!baseUrl) {
    if (process.env.CI === 'true') {
      describe(name, () => {
        it('runs against Redis', () => {
          throw new Error('CI=true but REDIS_URL is not set: the Redis tests must run in CI');
        });
      });
    } else {
      console.warn(`${name}: skipped, REDIS_URL is not set (REDIS_URL=redis://127.0.0.1:6379)`);
      describe.skip(`${name} [skipped: set REDIS_URL=redis://127.0.0.1:6379 to run]`, () => {
        it('runs against a real Redis', () => undefined);
      });
    }
    return;
  }

  describe(name, () => {
    const prefixes: string[] = [];
    let admin: Redis | null = null;
    const env: RedisTestEnv = {
      baseUrl,
      keyPrefix: newPrefix(),
      get appUrl() {
        return withKeyPrefix(baseUrl, this.keyPrefix);
      },
      get admin() {
        if (!admin) throw new Error('the admin connection exists once beforeAll has run');
        return admin;
      },
      freshPrefix() {
        const prefix = newPrefix();
        prefixes.push(prefix);
        return prefix;
      },
    };
    prefixes.push(env.keyPrefix);

    beforeAll(async () => {
      admin = new Redis(baseUrl, {
        lazyConnect: true,
        maxRetriesPerRequest: 0,
        retryStrategy: () => null,
      });
      try {
        await admin.connect();
        await admin.ping();
      } catch (error) {
        admin.disconnect();
        admin = null;
        throw new Error(`REDIS_URL=${baseUrl} is not reachable: ${String(error)}`);
      }
    });
    afterAll(async () => {
      if (!admin) return;
      for (const prefix of prefixes) await deleteKeys(admin, prefix);
      await admin.quit();
    });

    body(env);
  });
}

/** Removes every key under `prefix` (never FLUSHALL: other suites share the server). */
export async function deleteKeys(redis: Redis, prefix: string): Promise<void> {
  const match = `${prefix.replace(/[*?[\]\\]/g, '\\$&')}*`;
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', match, 'COUNT', 500);
    cursor = next;
    if (keys.length > 0) await redis.unlink(...keys);
  } while (cursor !== '0');
}

/** The ids of the connections whose CLIENT SETNAME is `name`. */
export async function clientIds(redis: Redis, name: string): Promise<string[]> {
  const list = (await redis.client('LIST')) as string;
  return list
    .split('\n')
    .filter((line) => line.includes(` name=${name} `))
    .flatMap((line) => /(?:^|\s)id=(\d+)/.exec(line)?.[1] ?? []);
}

/** Kills the connections named `name` (e.g. one process's subscriber); returns how many. */
export async function killClients(redis: Redis, name: string): Promise<number> {
  const ids = await clientIds(redis, name);
  for (const id of ids) await redis.client('KILL', 'ID', id);
  return ids.length;
}
