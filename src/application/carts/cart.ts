import type { StoredCart } from './cart-store';

/** At most this many units of one product in a cart, summed over every add. */
export const MAX_LINE_QUANTITY = 1000;
/** At most this many different products in one cart. */
export const MAX_CART_LINES = 100;

export interface CartItem {
  productId: string;
  quantity: number;
  /** The catalogue's price now (the last known one for a product no longer for sale). */
  unitPrice: number;
  subtotal: number;
  addedAt: Date;
}

export interface Cart {
  items: CartItem[];
  total: number;
  /** Units over all lines. */
  itemCount: number;
  expiresAt: Date | null;
}

/** A cart line priced for an order as the catalogue prices it now. */
export interface CheckoutLine {
  productId: string;
  sku: string;
  name: string;
  quantity: number;
  unitPrice: number;
}

export function toCart(stored: StoredCart): Cart {
  const items = stored.items.map((line) => ({
    ...line,
    subtotal: line.quantity * line.unitPrice,
  }));
  return {
    items,
    total: items.reduce((sum, item) => sum + item.subtotal, 0),
    itemCount: items.reduce((sum, item) => sum + item.quantity, 0),
    expiresAt: items.length === 0 ? null : stored.expiresAt,
  };
}
