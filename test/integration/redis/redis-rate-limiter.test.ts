import { type Redis } from 'ioredis';
import { AppError } from '../../../src/application/app-error';
import { type RateLimiter } from '../../../src/application/rate-limit/rate-limiter';
import { createRedisRateLimiter } from '../../../src/infrastructure/rate-limit/redis-rate-limiter';
import {
  closeRedis,
  connectRedis,
  whenReady,
} from '../../../src/infrastructure/redis/redis-connection';
import { describeWithRedis } from './support/redis-test-env';
import { startTcpProxy } from './support/tcp-proxy';
import { waitFor } from './support/wait-for';

const POLICY = { keyPrefix: 'test-policy', points: 3, durationSeconds: 60 };

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describeWithRedis('Redis rate limiter', (env) => {
  const connections: Redis[] = [];
  /** A limiter as one instance of the app builds it, on its own connection. */
  const instance = async (url = env.baseUrl): Promise<[RateLimiter, Redis]> => {
    const redis = connectRedis({ url, keyPrefix: env.keyPrefix }, 'commands');
    redis.on('error', () => undefined);
    connections.push(redis);
    await whenReady(redis, 5_000);
    return [createRedisRateLimiter(redis, POLICY, env.keyPrefix), redis];
  };
  afterAll(async () => {
    await Promise.all(connections.map((c) => closeRedis(c)));
  });

  it('instances spend from one budget per key; the overdraft is RATE_LIMITED with a retry-after', async () => {
    const [[a], [b]] = await Promise.all([instance(), instance()]);
    await a.consume('alice');
    await b.consume('alice');
    await a.consume('alice');
    const refused = await rejection(b.consume('alice'));
    expect(refused.code).toBe('RATE_LIMITED');
    const retryAfter = refused.details?.['retryAfterSeconds'] as number;
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    await expect(a.assertNotExhausted('alice')).rejects.toMatchObject({ code: 'RATE_LIMITED' });
    // Another key has a budget of its own.
    await expect(b.consume('bob')).resolves.toBeUndefined();

    await a.reset('alice');
    await expect(b.assertNotExhausted('alice')).resolves.toBeUndefined();
    expect(await env.admin.get(`${env.keyPrefix}rate:test-policy:bob`)).toBe('1');
  });

  it('while Redis is away an instance counts in memory instead of failing', async () => {
    const proxy = await startTcpProxy(env.baseUrl);
    const [limiter, redis] = await instance(proxy.url);
    proxy.cut();
    await waitFor('the lost connection to be noticed', () => redis.status !== 'ready');
    for (let i = 0; i < POLICY.points; i++) await limiter.consume('carol');
    expect((await rejection(limiter.consume('carol'))).code).toBe('RATE_LIMITED');
    proxy.restore();
    await whenReady(redis, 5_000);
    await closeRedis(redis);
    await proxy.close();
  });
});
