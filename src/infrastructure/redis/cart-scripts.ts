import { RedisScript } from './redis-script';

/**
 * A cart is one hash: `expiresAt` (epoch ms) and, per line, `q:<productId>` (quantity),
 * `p:<productId>` (unit price) and `a:<productId>` (added at, epoch ms). Each write runs as one
 * script, so concurrent writes to a cart apply one after another and none is lost.
 *
 * `now` comes from the caller, not from Redis: expiry is judged by the store's clock.
 */

/** KEYS: cart. ARGV: now, expiresAt, productId, quantity, unitPrice. */
export const setCartItem = new RedisScript(
  `local expires = tonumber(redis.call('HGET', KEYS[1], 'expiresAt'))
if expires and expires <= tonumber(ARGV[1]) then redis.call('DEL', KEYS[1]) end
redis.call('HSETNX', KEYS[1], 'a:' .. ARGV[3], ARGV[1])
redis.call('HSET', KEYS[1], 'q:' .. ARGV[3], ARGV[4], 'p:' .. ARGV[3], ARGV[5], 'expiresAt', ARGV[2])
redis.call('PEXPIREAT', KEYS[1], ARGV[2])
return 1`,
  1,
);

/** KEYS: cart. ARGV: now, expiresAt, productId. An emptied or expired cart is deleted. */
export const removeCartItem = new RedisScript(
  `local expires = tonumber(redis.call('HGET', KEYS[1], 'expiresAt'))
if not expires then return 0 end
if expires <= tonumber(ARGV[1]) then
  redis.call('DEL', KEYS[1])
  return 0
end
redis.call('HDEL', KEYS[1], 'q:' .. ARGV[3], 'p:' .. ARGV[3], 'a:' .. ARGV[3])
if redis.call('HLEN', KEYS[1]) <= 1 then
  redis.call('DEL', KEYS[1])
  return 1
end
redis.call('HSET', KEYS[1], 'expiresAt', ARGV[2])
redis.call('PEXPIREAT', KEYS[1], ARGV[2])
return 1`,
  1,
);
