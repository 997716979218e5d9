import { randomUUID } from 'node:crypto';
import { type Redis } from 'ioredis';
import { RedisCartStore } from '../../../src/infrastructure/carts/redis-cart-store';
import {
  closeRedis,
  connectRedis,
  whenReady,
} from '../../../src/infrastructure/redis/redis-connection';
import { RedisUnavailable } from '../../../src/infrastructure/redis/redis-unavailable';
import { deleteKeys, describeWithRedis } from '../redis/support/redis-test-env';
import { startTcpProxy } from '../redis/support/tcp-proxy';
import { waitFor } from '../redis/support/wait-for';
import { describeCartStoreContract } from './cart-store.contract';

async function connect(url: string, keyPrefix: string): Promise<Redis> {
  const redis = connectRedis({ url, keyPrefix }, 'commands');
  redis.on('error', () => undefined);
  await whenReady(redis, 5_000);
  return redis;
}

describeWithRedis('Redis cart store', (env) => {
  /*
   * The suite moves its own clock (a 2030 date, by hours). Redis's TTL runs on the server's
   * clock, so the store judges expiry by the injected clock and sets PEXPIREAT to the expiry
   * that clock gives: the contract holds exactly, and Redis reclaims the keys at that instant.
   */
  describeCartStoreContract('Redis', async (options) => {
    const keyPrefix = env.freshPrefix();
    const redis = await connect(env.baseUrl, keyPrefix);
    return {
      store: new RedisCartStore(redis, { ...options, keyPrefix }),
      async teardown() {
        await deleteKeys(env.admin, keyPrefix);
        await closeRedis(redis);
      },
    };
  });

  describe('in Redis', () => {
    const TTL_MS = 60 * 60 * 1000;
    let redis: Redis;
    let keyPrefix: string;
    beforeAll(async () => {
      keyPrefix = env.freshPrefix();
      redis = await connect(env.baseUrl, keyPrefix);
    });
    afterAll(() => closeRedis(redis));

    it('is one hash per user that Redis expires when the cart does, slid by every write', async () => {
      let nowMs = Date.now();
      const store = new RedisCartStore(redis, {
        ttlMs: TTL_MS,
        keyPrefix,
        now: () => new Date(nowMs),
      });
      const user = randomUUID();
      const key = `${keyPrefix}cart:${user}`;
      await store.setItem(user, 'p-1', 2, 1250);
      expect(await env.admin.type(key)).toBe('hash');
      expect(await env.admin.pexpiretime(key)).toBe(nowMs + TTL_MS);

      nowMs += 60_000;
      await store.setItem(user, 'p-2', 1, 99);
      expect(await env.admin.pexpiretime(key)).toBe(nowMs + TTL_MS);
      expect((await store.get(user)).expiresAt).toEqual(new Date(nowMs + TTL_MS));

      await store.clear(user);
      expect(await env.admin.exists(key)).toBe(0);
    });

    it('a cart written through one connection is read through another (another instance)', async () => {
      const other = await connect(env.baseUrl, keyPrefix);
      const [a, b] = [
        new RedisCartStore(redis, { ttlMs: TTL_MS, keyPrefix }),
        new RedisCartStore(other, { ttlMs: TTL_MS, keyPrefix }),
      ];
      const user = randomUUID();
      await a.setItem(user, 'p-1', 3, 500);
      expect((await b.get(user)).items).toEqual([
        expect.objectContaining({ productId: 'p-1', quantity: 3, unitPrice: 500 }),
      ]);
      await closeRedis(other);
    });

    it('while Redis is away, cart operations fail with RedisUnavailable, and work again after', async () => {
      const proxy = await startTcpProxy(env.baseUrl);
      const viaProxy = await connect(proxy.url, keyPrefix);
      const store = new RedisCartStore(viaProxy, { ttlMs: TTL_MS, keyPrefix });
      const user = randomUUID();
      await store.setItem(user, 'p-1', 1, 100);

      proxy.cut();
      await waitFor('the lost connection to be noticed', () => viaProxy.status !== 'ready');
      await expect(store.get(user)).rejects.toThrow(RedisUnavailable);
      await expect(store.setItem(user, 'p-2', 1, 100)).rejects.toThrow(
        /Redis is unavailable for carts/,
      );

      proxy.restore();
      await waitFor('the reconnect', () => viaProxy.status === 'ready');
      expect((await store.get(user)).items.map((line) => line.productId)).toEqual(['p-1']);
      await closeRedis(viaProxy);
      await proxy.close();
    });
  });
});
