import { randomUUID } from 'node:crypto';
import { AppError, type ErrorCode } from '../../../src/application/app-error';
import { MAX_CART_LINES } from '../../../src/application/carts/cart';
import { CartService } from '../../../src/application/carts/cart-service';
import type { CatalogProduct } from '../../../src/application/carts/product-catalog';
import { PostgresCartStore } from '../../../src/infrastructure/carts/postgres-cart-store';
import { createTestDatabase, type TestDatabase } from '../../support/database';

const TTL_MS = 7 * 24 * 60 * 60 * 1000;

describe('CartService on the PostgreSQL cart store', () => {
  let db: TestDatabase;
  let nowMs = Date.parse('2030-03-01T09:00:00.000Z');
  const catalog = new Map<string, CatalogProduct>();
  const lookups: string[][] = [];
  let carts: CartService;

  beforeAll(async () => {
    db = await createTestDatabase();
    const store = new PostgresCartStore(db.pool, { ttlMs: TTL_MS, now: () => new Date(nowMs) });
    carts = new CartService({
      store,
      lookupProducts: (ids) => {
        lookups.push(ids);
        return Promise.resolve(
          new Map(ids.flatMap((id) => (catalog.has(id) ? [[id, catalog.get(id)!]] : []))),
        );
      },
    });
  });
  afterAll(() => db.drop());

  const product = (price: number): CatalogProduct => {
    const id = randomUUID();
    const p = { id, sku: `SKU-${id.slice(0, 8)}`, name: `Product ${id.slice(0, 4)}`, price };
    catalog.set(id, p);
    return p;
  };
  const user = () => randomUUID();
  /** Lines are listed oldest first; tests that add several move the clock between adds. */
  const tick = () => {
    nowMs += 1000;
  };

  async function expectAppError(promise: Promise<unknown>, code: ErrorCode): Promise<AppError> {
    const error = await promise.then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe(code);
    return error as AppError;
  }

  it('adds at the catalogue price and sums subtotals, total and item count', async () => {
    const u = user();
    const [mug, tee] = [product(1299), product(2500)];
    await carts.addToCart(u, mug.id, 2);
    tick();
    const cart = await carts.addToCart(u, tee.id, 1);

    expect(cart.items).toEqual([
      expect.objectContaining({ productId: mug.id, quantity: 2, unitPrice: 1299, subtotal: 2598 }),
      expect.objectContaining({ productId: tee.id, quantity: 1, unitPrice: 2500, subtotal: 2500 }),
    ]);
    expect(cart.total).toBe(5098);
    expect(cart.itemCount).toBe(3);
    expect(cart.expiresAt).toEqual(new Date(nowMs + TTL_MS));
    expect(cart.items[0]?.addedAt).toEqual(new Date(nowMs - 1000));
    await expect(carts.getCart(u)).resolves.toEqual(cart);
  });

  it('adding the same product again adds to its line at the price of the moment', async () => {
    const u = user();
    const mug = product(1000);
    await carts.addToCart(u, mug.id, 2);
    catalog.set(mug.id, { ...mug, price: 900 });
    const cart = await carts.addToCart(u, mug.id, 3);
    expect(cart.items).toEqual([
      expect.objectContaining({ productId: mug.id, quantity: 5, unitPrice: 900 }),
    ]);
  });

  it.each([0, -1, 1.5, 1001, Number.NaN])('refuses to add a quantity of %p', async (quantity) => {
    const u = user();
    const error = await expectAppError(
      carts.addToCart(u, product(100).id, quantity),
      'BAD_USER_INPUT',
    );
    expect(error.details).toMatchObject({ field: 'quantity' });
    expect((await carts.getCart(u)).items).toEqual([]);
  });

  it('refuses a line of more than 1000 units in total, keeping what was there', async () => {
    const u = user();
    const p = product(100);
    await carts.addToCart(u, p.id, 600);
    await expectAppError(carts.addToCart(u, p.id, 401), 'BAD_USER_INPUT');
    expect((await carts.getCart(u)).items[0]?.quantity).toBe(600);
    await expect(carts.addToCart(u, p.id, 400)).resolves.toMatchObject({ itemCount: 1000 });
  });

  it('NOT_FOUND for an unknown or discontinued product, and nothing added', async () => {
    const u = user();
    await expectAppError(carts.addToCart(u, randomUUID(), 1), 'NOT_FOUND');
    const gone = product(100);
    catalog.delete(gone.id);
    await expectAppError(carts.addToCart(u, gone.id, 1), 'NOT_FOUND');
    await expectAppError(carts.updateCartItem(u, gone.id, 2), 'NOT_FOUND');
    expect((await carts.getCart(u)).items).toEqual([]);
  });

  it('refuses a product beyond the cart size limit', async () => {
    const u = user();
    for (let i = 0; i < MAX_CART_LINES; i++) await carts.addToCart(u, product(1).id, 1);
    await expectAppError(carts.addToCart(u, product(1).id, 1), 'BAD_USER_INPUT');
    const full = await carts.getCart(u);
    expect(full.items).toHaveLength(MAX_CART_LINES);
    // A product already in the full cart can still change.
    await expect(carts.addToCart(u, full.items[0]!.productId, 1)).resolves.toMatchObject({
      itemCount: MAX_CART_LINES + 1,
    });
  });

  it('updateCartItem sets the quantity and re-prices; 0 removes the line', async () => {
    const u = user();
    const [a, b] = [product(100), product(200)];
    await carts.addToCart(u, a.id, 5);
    tick();
    await carts.addToCart(u, b.id, 1);
    catalog.set(a.id, { ...a, price: 150 });

    let cart = await carts.updateCartItem(u, a.id, 2);
    expect(cart.items[0]).toMatchObject({ productId: a.id, quantity: 2, unitPrice: 150 });
    cart = await carts.updateCartItem(u, b.id, 0);
    expect(cart.items.map((i) => i.productId)).toEqual([a.id]);
    await expectAppError(carts.updateCartItem(u, a.id, 1001), 'BAD_USER_INPUT');
    await expectAppError(carts.updateCartItem(u, a.id, -1), 'BAD_USER_INPUT');
  });

  it('removeFromCart and clearCart', async () => {
    const u = user();
    const [a, b] = [product(100), product(200)];
    await carts.addToCart(u, a.id, 1);
    tick();
    await carts.addToCart(u, b.id, 1);
    expect((await carts.removeFromCart(u, a.id)).items.map((i) => i.productId)).toEqual([b.id]);
    expect(await carts.removeFromCart(u, randomUUID())).toMatchObject({ itemCount: 1 });
    await expect(carts.clearCart(u)).resolves.toEqual({
      items: [],
      total: 0,
      itemCount: 0,
      expiresAt: null,
    });
  });

  it('an expired cart is empty to the service too', async () => {
    const u = user();
    await carts.addToCart(u, product(100).id, 1);
    nowMs += TTL_MS;
    await expect(carts.getCart(u)).resolves.toMatchObject({ items: [], itemCount: 0 });
  });

  it('shows every line at the catalogue price of the moment, as checkout will charge it', async () => {
    const u = user();
    const [a, gone] = [product(1000), product(400)];
    await carts.addToCart(u, a.id, 2);
    tick();
    await carts.addToCart(u, gone.id, 1);
    catalog.set(a.id, { ...a, price: 777 });
    catalog.delete(gone.id);
    const cart = await carts.getCart(u);
    expect(cart.items).toEqual([
      expect.objectContaining({ productId: a.id, quantity: 2, unitPrice: 777, subtotal: 1554 }),
      expect.objectContaining({ productId: gone.id, quantity: 1, unitPrice: 400, subtotal: 400 }),
    ]);
    expect(cart.total).toBe(1954);
  });

  it('a paid checkout takes its units out; what was added since stays', async () => {
    const u = user();
    const [a, b, c] = [product(100), product(200), product(300)];
    await carts.addToCart(u, a.id, 1);
    tick();
    await carts.addToCart(u, b.id, 2);
    tick();
    await carts.addToCart(u, a.id, 4);
    await carts.addToCart(u, c.id, 1);
    await carts.removeOrdered(u, [
      { productId: a.id, quantity: 1 },
      { productId: b.id, quantity: 2 },
    ]);
    const cart = await carts.getCart(u);
    expect(cart.items.map((i) => [i.productId, i.quantity])).toEqual([
      [a.id, 4],
      [c.id, 1],
    ]);
  });

  describe('checkoutLines', () => {
    it('re-prices every line from the catalogue in one lookup', async () => {
      const u = user();
      const [a, b] = [product(1000), product(250)];
      await carts.addToCart(u, a.id, 2);
      tick();
      await carts.addToCart(u, b.id, 4);
      catalog.set(a.id, { ...a, price: 1100 });

      lookups.length = 0;
      const lines = await carts.checkoutLines(u);
      expect(lookups).toEqual([[a.id, b.id]]);
      expect(lines).toEqual([
        { productId: a.id, sku: a.sku, name: a.name, quantity: 2, unitPrice: 1100 },
        { productId: b.id, sku: b.sku, name: b.name, quantity: 4, unitPrice: 250 },
      ]);
    });

    it('an empty cart cannot be checked out', async () => {
      const error = await expectAppError(carts.checkoutLines(user()), 'BAD_USER_INPUT');
      expect(error.message).toBe('Cart is empty');
    });

    it('names the products that vanished since they were added', async () => {
      const u = user();
      const [kept, gone] = [product(100), product(100)];
      await carts.addToCart(u, kept.id, 1);
      tick();
      await carts.addToCart(u, gone.id, 1);
      catalog.delete(gone.id);
      const error = await expectAppError(carts.checkoutLines(u), 'BAD_USER_INPUT');
      expect(error.details).toEqual({ productIds: [gone.id] });
    });
  });
});
