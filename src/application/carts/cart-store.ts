/** One line of a stored cart. Money in minor units. */
export interface StoredCartLine {
  productId: string;
  quantity: number;
  unitPrice: number;
  /** When the line was first put in the cart (kept when its quantity or price changes). */
  addedAt: Date;
}

export interface StoredCart {
  /** Oldest line first (by `addedAt`, then product id). */
  items: StoredCartLine[];
  /** When the cart expires unless written again; null for an empty cart. */
  expiresAt: Date | null;
}

/**
 * Each user's cart, kept for a time-to-live (CART_TTL) that every write slides forward. The whole
 * cart expires at once: lines have no expiry of their own.
 *
 * The contract every adapter keeps (test/integration/carts/cart-store.contract.ts):
 * - Expiry is judged by the store's clock: a cart whose `expiresAt` is at or before now reads as
 *   empty, and a write to it starts a new cart rather than bringing its old lines back.
 * - Each write (`setItem`, `removeItem`) sets `expiresAt` to now + TTL, unless it leaves the cart
 *   empty; an empty cart has no expiry.
 * - Writes to a user's cart never touch another user's.
 * - Operations on a missing line or cart are no-ops, not errors.
 */
export interface CartStore {
  get(userId: string): Promise<StoredCart>;
  /** Creates or replaces the line: `quantity` (≥ 1) and `unitPrice` are the new values. */
  setItem(userId: string, productId: string, quantity: number, unitPrice: number): Promise<void>;
  removeItem(userId: string, productId: string): Promise<void>;
  clear(userId: string): Promise<void>;
}
