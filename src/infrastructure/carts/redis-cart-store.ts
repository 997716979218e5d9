import { type Redis } from 'ioredis';
import type { CartStore, StoredCart, StoredCartLine } from '../../application/carts/cart-store';
import { removeCartItem, setCartItem } from '../redis/cart-scripts';
import { withRedis } from '../redis/redis-unavailable';

export interface RedisCartStoreOptions {
  /** CART_TTL: how long a cart lives after its last write. */
  ttlMs: number;
  /** Cart keys are `<keyPrefix>cart:<userId>`. */
  keyPrefix: string;
  /**
   * The store's clock, injected so that expiry can be tested without waiting. Expiry is judged
   * by it, and keys are set to vanish at the same instant (PEXPIREAT), so Redis reclaims them.
   */
  now?: () => Date;
}

const EMPTY: StoredCart = { items: [], expiresAt: null };

/**
 * Carts in Redis, one hash per user with a sliding expiry (see cart-scripts.ts for the layout).
 * Shared by every instance; when Redis is away, cart operations fail with RedisUnavailable.
 */
export class RedisCartStore implements CartStore {
  private readonly now: () => Date;

  constructor(
    private readonly redis: Redis,
    private readonly options: RedisCartStoreOptions,
  ) {
    this.now = options.now ?? (() => new Date());
  }

  async get(userId: string): Promise<StoredCart> {
    const fields = await withRedis('carts', () => this.redis.hgetall(this.key(userId)));
    const expiresAt = Number(fields['expiresAt']);
    // A cart past its expiry is gone for readers even if Redis has not reclaimed it yet.
    if (!Number.isFinite(expiresAt) || expiresAt <= this.now().getTime()) return EMPTY;
    const items = cartLines(fields);
    return items.length === 0 ? EMPTY : { items, expiresAt: new Date(expiresAt) };
  }

  async setItem(
    userId: string,
    productId: string,
    quantity: number,
    unitPrice: number,
  ): Promise<void> {
    const now = this.now().getTime();
    await withRedis('carts', () =>
      setCartItem.run(
        this.redis,
        [this.key(userId)],
        [now, now + this.options.ttlMs, productId, quantity, unitPrice],
      ),
    );
  }

  async removeItem(userId: string, productId: string): Promise<void> {
    const now = this.now().getTime();
    await withRedis('carts', () =>
      removeCartItem.run(
        this.redis,
        [this.key(userId)],
        [now, now + this.options.ttlMs, productId],
      ),
    );
  }

  async clear(userId: string): Promise<void> {
    await withRedis('carts', () => this.redis.del(this.key(userId)));
  }

  private key(userId: string): string {
    return `${this.options.keyPrefix}cart:${userId}`;
  }
}

/** The lines of a cart hash, oldest first (then by product id, as the PostgreSQL store does). */
function cartLines(fields: Record<string, string>): StoredCartLine[] {
  const lines: StoredCartLine[] = [];
  for (const [field, value] of Object.entries(fields)) {
    if (!field.startsWith('q:')) continue;
    const productId = field.slice(2);
    const unitPrice = fields[`p:${productId}`];
    const addedAt = fields[`a:${productId}`];
    if (unitPrice === undefined || addedAt === undefined) continue;
    lines.push({
      productId,
      quantity: Number(value),
      unitPrice: Number(unitPrice),
      addedAt: new Date(Number(addedAt)),
    });
  }
  return lines.sort(
    (a, b) =>
      a.addedAt.getTime() - b.addedAt.getTime() ||
      (a.productId < b.productId ? -1 : a.productId > b.productId ? 1 : 0),
  );
}
