import { AppError } from '../app-error';
import { MAX_CART_LINES, MAX_LINE_QUANTITY, toCart, type Cart, type CheckoutLine } from './cart';
import type { CartStore, StoredCart } from './cart-store';
import type { CatalogProduct, LookupProducts } from './product-catalog';

export interface CartServiceDeps {
  store: CartStore;
  lookupProducts: LookupProducts;
}

/**
 * The signed-in user's cart. Every read prices its lines as the catalogue prices them now, and so
 * does checkout: the cart shows what the order will cost, and never decides it.
 */
export class CartService {
  constructor(private readonly deps: CartServiceDeps) {}

  /** Lines of products no longer for sale keep their last price; checkout refuses them. */
  async getCart(userId: string): Promise<Cart> {
    const stored = await this.deps.store.get(userId);
    if (stored.items.length === 0) return toCart(stored);
    const products = await this.deps.lookupProducts(stored.items.map((line) => line.productId));
    return toCart({
      ...stored,
      items: stored.items.map((line) => ({
        ...line,
        unitPrice: products.get(line.productId)?.price ?? line.unitPrice,
      })),
    });
  }

  /**
   * Adds units to the product's line (creating it) at the catalogue's current price.
   * NOT_FOUND for an unknown or discontinued product; BAD_USER_INPUT for a quantity outside
   * 1..1000, a line that would exceed 1000 units, or a full cart.
   */
  async addToCart(userId: string, productId: string, quantity: number): Promise<Cart> {
    assertQuantity(quantity, 1);
    const product = await this.productForSale(productId);
    const cart = await this.deps.store.get(userId);
    const current = cart.items.find((line) => line.productId === productId)?.quantity ?? 0;
    if (current + quantity > MAX_LINE_QUANTITY) {
      throw new AppError(
        'BAD_USER_INPUT',
        `At most ${MAX_LINE_QUANTITY} of one product fit in a cart (${current} already there)`,
        { field: 'quantity', max: MAX_LINE_QUANTITY, inCart: current },
      );
    }
    return this.writeLine(userId, cart, product, current + quantity);
  }

  /** Sets the line's quantity; 0 removes it. Errors as for `addToCart`. */
  async updateCartItem(userId: string, productId: string, quantity: number): Promise<Cart> {
    assertQuantity(quantity, 0);
    if (quantity === 0) return this.removeFromCart(userId, productId);
    const product = await this.productForSale(productId);
    return this.writeLine(userId, await this.deps.store.get(userId), product, quantity);
  }

  /** Removing a product that is not in the cart changes nothing. */
  async removeFromCart(userId: string, productId: string): Promise<Cart> {
    await this.deps.store.removeItem(userId, productId);
    return this.getCart(userId);
  }

  /**
   * A paid checkout's units leave the cart: each line loses what the order bought of it, and goes
   * when nothing is left; lines added after the checkout stay, so nothing the customer has not
   * paid for disappears.
   */
  async removeOrdered(
    userId: string,
    lines: readonly { productId: string; quantity: number }[],
  ): Promise<void> {
    const { items } = await this.deps.store.get(userId);
    for (const { productId, quantity } of lines) {
      const line = items.find((item) => item.productId === productId);
      if (!line) continue;
      if (line.quantity <= quantity) await this.deps.store.removeItem(userId, productId);
      else
        await this.deps.store.setItem(userId, productId, line.quantity - quantity, line.unitPrice);
    }
  }

  async clearCart(userId: string): Promise<Cart> {
    await this.deps.store.clear(userId);
    return this.getCart(userId);
  }

  /**
   * The cart's lines priced by the catalogue now, for an order. BAD_USER_INPUT when the cart is
   * empty or holds products no longer for sale (named in `details.productIds`).
   */
  async checkoutLines(userId: string): Promise<CheckoutLine[]> {
    const { items } = await this.deps.store.get(userId);
    if (items.length === 0) throw new AppError('BAD_USER_INPUT', 'Cart is empty');
    const products = await this.deps.lookupProducts(items.map((line) => line.productId));
    const lines: CheckoutLine[] = [];
    const gone: string[] = [];
    for (const { productId, quantity } of items) {
      const product = products.get(productId);
      if (product === undefined) gone.push(productId);
      else
        lines.push({
          productId,
          sku: product.sku,
          name: product.name,
          quantity,
          unitPrice: product.price,
        });
    }
    if (gone.length > 0) {
      throw new AppError(
        'BAD_USER_INPUT',
        'Some products in the cart are no longer available; remove them and try again',
        { productIds: gone },
      );
    }
    return lines;
  }

  private async writeLine(
    userId: string,
    cart: StoredCart,
    product: CatalogProduct,
    quantity: number,
  ): Promise<Cart> {
    const isNewLine = !cart.items.some((line) => line.productId === product.id);
    if (isNewLine && cart.items.length >= MAX_CART_LINES) {
      throw new AppError('BAD_USER_INPUT', `A cart holds at most ${MAX_CART_LINES} products`, {
        maxLines: MAX_CART_LINES,
      });
    }
    await this.deps.store.setItem(userId, product.id, quantity, product.price);
    return this.getCart(userId);
  }

  private async productForSale(productId: string): Promise<CatalogProduct> {
    const product = (await this.deps.lookupProducts([productId])).get(productId);
    if (product === undefined) {
      throw new AppError('NOT_FOUND', 'Product not found', { productId });
    }
    return product;
  }
}

function assertQuantity(quantity: number, min: 0 | 1): void {
  if (!Number.isInteger(quantity) || quantity < min || quantity > MAX_LINE_QUANTITY) {
    throw new AppError(
      'BAD_USER_INPUT',
      `Quantity must be a whole number from ${min} to ${MAX_LINE_QUANTITY}`,
      { field: 'quantity', min, max: MAX_LINE_QUANTITY },
    );
  }
}
