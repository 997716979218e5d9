import { randomUUID } from 'node:crypto';
import type { CartStore } from '../../../src/application/carts/cart-store';

export interface CartStoreFixture {
  store: CartStore;
  teardown(): Promise<void>;
}

/** What every adapter is built with: its TTL and a clock the suite moves by hand. */
export interface CartStoreFactoryOptions {
  ttlMs: number;
  now: () => Date;
}

export type CartStoreFactory = (options: CartStoreFactoryOptions) => Promise<CartStoreFixture>;

const TTL_MS = 60 * 60 * 1000;
const MINUTE = 60 * 1000;

/** The CartStore contract (see the port's TSDoc); run once per adapter. */
export function describeCartStoreContract(name: string, factory: CartStoreFactory): void {
  describe(`CartStore contract: ${name}`, () => {
    let fixture: CartStoreFixture;
    let store: CartStore;
    let nowMs = Date.parse('2030-01-01T00:00:00.000Z');
    const at = (offsetMs = 0) => new Date(nowMs + offsetMs);
    const advance = (ms: number) => {
      nowMs += ms;
    };

    beforeAll(async () => {
      fixture = await factory({ ttlMs: TTL_MS, now: () => new Date(nowMs) });
      store = fixture.store;
    });
    afterAll(() => fixture.teardown());

    const user = () => `user-${randomUUID()}`;
    const product = () => `product-${randomUUID()}`;

    it('a user without a cart has an empty one with no expiry', async () => {
      await expect(store.get(user())).resolves.toEqual({ items: [], expiresAt: null });
    });

    it('keeps lines with quantity, price and when they were added, oldest first', async () => {
      const u = user();
      const [a, b] = [product(), product()];
      const firstAdded = at();
      await store.setItem(u, a, 2, 1250);
      advance(MINUTE);
      await store.setItem(u, b, 1, 99);

      const cart = await store.get(u);
      expect(cart.items).toEqual([
        { productId: a, quantity: 2, unitPrice: 1250, addedAt: firstAdded },
        { productId: b, quantity: 1, unitPrice: 99, addedAt: at() },
      ]);
      expect(cart.expiresAt).toEqual(at(TTL_MS));
    });

    it('setItem replaces quantity and price but keeps when the line was first added', async () => {
      const u = user();
      const p = product();
      const added = at();
      await store.setItem(u, p, 1, 500);
      advance(MINUTE);
      await store.setItem(u, p, 7, 450);

      expect((await store.get(u)).items).toEqual([
        { productId: p, quantity: 7, unitPrice: 450, addedAt: added },
      ]);
    });

    it('keeps large money amounts exactly', async () => {
      const u = user();
      const p = product();
      await store.setItem(u, p, 1, 9_007_199_254_740);
      expect((await store.get(u)).items[0]?.unitPrice).toBe(9_007_199_254_740);
    });

    it('every write slides the expiry; reads do not', async () => {
      const u = user();
      const [a, b] = [product(), product()];
      await store.setItem(u, a, 1, 100);
      advance(TTL_MS - MINUTE);
      await store.get(u);
      expect((await store.get(u)).expiresAt).toEqual(at(MINUTE));

      await store.setItem(u, b, 1, 100);
      expect((await store.get(u)).expiresAt).toEqual(at(TTL_MS));
      advance(TTL_MS - MINUTE);
      await store.removeItem(u, b);
      expect((await store.get(u)).expiresAt).toEqual(at(TTL_MS));

      advance(TTL_MS - MINUTE);
      const cart = await store.get(u);
      expect(cart.items.map((l) => l.productId)).toEqual([a]);
    });

    it('a cart reads as empty from the moment it expires', async () => {
      const u = user();
      await store.setItem(u, product(), 3, 100);
      advance(TTL_MS - 1);
      expect((await store.get(u)).items).toHaveLength(1);
      advance(1);
      await expect(store.get(u)).resolves.toEqual({ items: [], expiresAt: null });
    });

    it('a write to an expired cart starts a new cart without the old lines', async () => {
      const u = user();
      const [old, fresh] = [product(), product()];
      await store.setItem(u, old, 3, 100);
      advance(TTL_MS + MINUTE);
      await store.setItem(u, fresh, 1, 200);

      const cart = await store.get(u);
      expect(cart.items).toEqual([
        { productId: fresh, quantity: 1, unitPrice: 200, addedAt: at() },
      ]);
      expect(cart.expiresAt).toEqual(at(TTL_MS));
    });

    it('re-adding a product to an expired cart counts as a new line', async () => {
      const u = user();
      const p = product();
      await store.setItem(u, p, 3, 100);
      advance(TTL_MS);
      await store.setItem(u, p, 1, 100);
      expect((await store.get(u)).items).toEqual([
        { productId: p, quantity: 1, unitPrice: 100, addedAt: at() },
      ]);
    });

    it('removeItem removes one line; removing the last leaves an empty cart with no expiry', async () => {
      const u = user();
      const [a, b] = [product(), product()];
      await store.setItem(u, a, 1, 100);
      await store.setItem(u, b, 2, 100);
      await store.removeItem(u, a);
      expect((await store.get(u)).items.map((l) => l.productId)).toEqual([b]);

      await store.removeItem(u, b);
      await expect(store.get(u)).resolves.toEqual({ items: [], expiresAt: null });
    });

    it('removing what is not there is a no-op', async () => {
      const u = user();
      await store.removeItem(u, product());
      await expect(store.get(u)).resolves.toEqual({ items: [], expiresAt: null });

      const p = product();
      await store.setItem(u, p, 1, 100);
      const before = await store.get(u);
      await store.removeItem(u, product());
      expect((await store.get(u)).items).toEqual(before.items);
    });

    it('removing from an expired cart does not bring it back', async () => {
      const u = user();
      const [a, b] = [product(), product()];
      await store.setItem(u, a, 1, 100);
      await store.setItem(u, b, 1, 100);
      advance(TTL_MS);
      await store.removeItem(u, a);
      await expect(store.get(u)).resolves.toEqual({ items: [], expiresAt: null });
    });

    it('clear empties the cart', async () => {
      const u = user();
      await store.setItem(u, product(), 1, 100);
      await store.setItem(u, product(), 2, 100);
      await store.clear(u);
      await expect(store.get(u)).resolves.toEqual({ items: [], expiresAt: null });
      await store.clear(u);
      await expect(store.get(u)).resolves.toEqual({ items: [], expiresAt: null });
    });

    it("one user's writes never touch another's cart", async () => {
      const [alice, bob] = [user(), user()];
      const p = product();
      await store.setItem(alice, p, 1, 100);
      await store.setItem(bob, p, 5, 100);
      await store.removeItem(bob, p);
      await store.setItem(bob, product(), 1, 100);
      await store.clear(bob);

      expect((await store.get(alice)).items).toEqual([
        expect.objectContaining({ productId: p, quantity: 1 }),
      ]);
      await expect(store.get(bob)).resolves.toEqual({ items: [], expiresAt: null });
    });

    it('expiry is per user: writing one cart does not keep another alive', async () => {
      const [alice, bob] = [user(), user()];
      await store.setItem(alice, product(), 1, 100);
      advance(TTL_MS / 2);
      await store.setItem(bob, product(), 1, 100);
      advance(TTL_MS / 2);
      expect((await store.get(alice)).items).toEqual([]);
      expect((await store.get(bob)).items).toHaveLength(1);
    });

    it('concurrent writes to one cart all land', async () => {
      const u = user();
      const products = Array.from({ length: 20 }, product);
      await Promise.all(products.map((p, i) => store.setItem(u, p, i + 1, 100)));
      const cart = await store.get(u);
      expect(new Set(cart.items.map((l) => l.productId))).toEqual(new Set(products));
    });
  });
}
