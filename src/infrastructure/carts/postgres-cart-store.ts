import type pg from 'pg';
import type { CartStore, StoredCart } from '../../application/carts/cart-store';
import { inTransaction } from '../postgres/pool';

export interface PostgresCartStoreOptions {
  /** CART_TTL: how long a cart lives after its last write. */
  ttlMs: number;
  /** Injected so that expiry can be tested without waiting. */
  now?: () => Date;
}

interface CartLineRow {
  expires_at: Date;
  product_id: string | null;
  quantity: number | null;
  unit_price: string | null;
  added_at: Date | null;
}

interface CartRow {
  expires_at: Date;
}

const CLEANUP_BATCH = 1000;

/**
 * Carts in PostgreSQL (migrations/0011_carts.sql) for the embedded setup. Expired carts are
 * invisible at once and deleted later by `deleteExpired`. Writes to one cart lock its row, so
 * concurrent writes to one cart apply one after another.
 */
export class PostgresCartStore implements CartStore {
  private readonly ttlMs: number;
  private readonly now: () => Date;

  constructor(
    private readonly pool: pg.Pool,
    options: PostgresCartStoreOptions,
  ) {
    this.ttlMs = options.ttlMs;
    this.now = options.now ?? (() => new Date());
  }

  async get(userId: string): Promise<StoredCart> {
    const { rows } = await this.pool.query<CartLineRow>(
      `SELECT c.expires_at, i.product_id, i.quantity, i.unit_price, i.added_at
       FROM carts c LEFT JOIN cart_items i ON i.user_id = c.user_id
       WHERE c.user_id = $1 AND c.expires_at > $2
       ORDER BY i.added_at, i.product_id`,
      [userId, this.now()],
    );
    const items = rows.flatMap((row) =>
      row.product_id === null || row.quantity === null || row.added_at === null
        ? []
        : [
            {
              productId: row.product_id,
              quantity: row.quantity,
              unitPrice: Number(row.unit_price),
              addedAt: row.added_at,
            },
          ],
    );
    return { items, expiresAt: items.length === 0 ? null : (rows[0]?.expires_at ?? null) };
  }

  async setItem(
    userId: string,
    productId: string,
    quantity: number,
    unitPrice: number,
  ): Promise<void> {
    const now = this.now();
    await inTransaction(this.pool, async (client) => {
      // Creates the cart or locks the existing one in one statement, so that a cleanup deleting
      // it meanwhile cannot leave the line below without its cart.
      const { rows } = await client.query<CartRow>(
        `INSERT INTO carts (user_id, expires_at) VALUES ($1, $2)
         ON CONFLICT (user_id) DO UPDATE SET expires_at = carts.expires_at
         RETURNING expires_at`,
        [userId, this.expiryFrom(now)],
      );
      if (rows[0] !== undefined && rows[0].expires_at <= now) {
        await client.query(`DELETE FROM cart_items WHERE user_id = $1`, [userId]);
      }
      await client.query(
        `INSERT INTO cart_items (user_id, product_id, quantity, unit_price, added_at)
         VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (user_id, product_id)
         DO UPDATE SET quantity = EXCLUDED.quantity, unit_price = EXCLUDED.unit_price`,
        [userId, productId, quantity, unitPrice, now],
      );
      await this.slideExpiry(client, userId, now);
    });
  }

  async removeItem(userId: string, productId: string): Promise<void> {
    const now = this.now();
    await inTransaction(this.pool, async (client) => {
      const { rows } = await client.query<CartRow>(
        `SELECT expires_at FROM carts WHERE user_id = $1 FOR UPDATE`,
        [userId],
      );
      const cart = rows[0];
      if (cart === undefined) return;
      // An expired cart is gone already for readers; removing from it must not revive the rest.
      if (cart.expires_at <= now) {
        await client.query(`DELETE FROM carts WHERE user_id = $1`, [userId]);
        return;
      }
      await client.query(`DELETE FROM cart_items WHERE user_id = $1 AND product_id = $2`, [
        userId,
        productId,
      ]);
      // An emptied cart goes away rather than living on without lines.
      const { rowCount } = await client.query(
        `DELETE FROM carts c WHERE c.user_id = $1
           AND NOT EXISTS (SELECT 1 FROM cart_items i WHERE i.user_id = c.user_id)`,
        [userId],
      );
      if (rowCount === 0) await this.slideExpiry(client, userId, now);
    });
  }

  async clear(userId: string): Promise<void> {
    await this.pool.query(`DELETE FROM carts WHERE user_id = $1`, [userId]);
  }

  /** Deletes carts expired at `now`, in batches so that no statement holds many locks for long. */
  async deleteExpired(now: Date = this.now()): Promise<number> {
    let deleted = 0;
    for (;;) {
      const { rowCount } = await this.pool.query(
        `DELETE FROM carts WHERE user_id IN (
           SELECT user_id FROM carts WHERE expires_at <= $1 LIMIT ${CLEANUP_BATCH}
           FOR UPDATE SKIP LOCKED)`,
        [now],
      );
      deleted += rowCount ?? 0;
      if ((rowCount ?? 0) < CLEANUP_BATCH) return deleted;
    }
  }

  private async slideExpiry(client: pg.PoolClient, userId: string, now: Date): Promise<void> {
    await client.query(`UPDATE carts SET expires_at = $2 WHERE user_id = $1`, [
      userId,
      this.expiryFrom(now),
    ]);
  }

  private expiryFrom(now: Date): Date {
    return new Date(now.getTime() + this.ttlMs);
  }
}
