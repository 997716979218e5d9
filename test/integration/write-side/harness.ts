import { randomUUID } from 'node:crypto';
import {
  inventoryStreamId,
  foldInventory,
  type InventoryEvent,
  type InventoryState,
} from '../../../src/aggregates/inventory';
import { type Clock } from '../../../src/application/clock';
import { CatalogService } from '../../../src/application/catalog/catalog-service';
import { CommandExecutor } from '../../../src/application/commands/command-executor';
import { OrderProcess } from '../../../src/application/orders/order-process';
import { OrderService } from '../../../src/application/orders/order-service';
import {
  type CatalogProduct,
  type CheckoutCart,
  type PaymentStarter,
} from '../../../src/application/orders/ports';
import { StreamNotFound } from '../../../src/infrastructure/event-store/errors';
import {
  type EventStore,
  type NewEvent,
  type ExpectedRevision,
} from '../../../src/infrastructure/event-store/event-store';
import { PgNotifier } from '../../../src/infrastructure/event-store/postgres/pg-notifier';
import { PostgresEventStore } from '../../../src/infrastructure/event-store/postgres/postgres-event-store';
import { type TestDatabase } from '../../support/database';

export const admin = { userId: randomUUID(), role: 'ADMIN' as const };
export const customer = () => ({ userId: randomUUID(), role: 'CUSTOMER' as const });

/** A clock the test moves by hand. */
export class ManualClock implements Clock {
  constructor(private current = new Date('2026-01-01T10:00:00Z')) {}
  now(): Date {
    return this.current;
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

/** Counts appends, to show that group commit batches them. */
export class CountingStore {
  appends = 0;
  constructor(readonly inner: EventStore) {}
  wrap(): EventStore {
    return new Proxy(this.inner, {
      get: (target, property, receiver) => {
        if (property === 'appendToStream') {
          return (streamId: string, events: readonly NewEvent[], expected: ExpectedRevision) => {
            this.appends++;
            return target.appendToStream(streamId, events, expected);
          };
        }
        const value: unknown = Reflect.get(target, property, receiver);
        return typeof value === 'function'
          ? (value as (...args: unknown[]) => unknown).bind(target)
          : value;
      },
    });
  }
}

export interface WriteSide {
  store: EventStore;
  executor: CommandExecutor;
  clock: ManualClock;
  process: OrderProcess;
  orders: OrderService;
  catalog: CatalogService;
  products: Map<string, CatalogProduct>;
  payments: { created: Map<string, string> };
  cleared: string[];
}

/** The command side on a real PostgreSQL log, as one process of the app would wire it. */
export function writeSide(db: TestDatabase, store?: EventStore, ttlMs = 60_000): WriteSide {
  const eventStore = store ?? new PostgresEventStore(db.pool, new PgNotifier(db.url));
  const executor = new CommandExecutor(eventStore);
  const clock = new ManualClock();
  const created = new Map<string, string>();
  const payments: PaymentStarter = {
    createPayment: ({ orderId }) => {
      const paymentId = created.get(orderId) ?? `pay-${orderId}`;
      created.set(orderId, paymentId);
      return Promise.resolve({ paymentId, provider: 'test' });
    },
  };
  const cleared: string[] = [];
  const cart: CheckoutCart = {
    checkoutLines: () => Promise.resolve([]),
    removeOrdered: (userId) => {
      cleared.push(userId);
      return Promise.resolve();
    },
  };
  const process = new OrderProcess({ executor, clock, payments, cart, reservationTtlMs: ttlMs });
  const products = new Map<string, CatalogProduct>();
  const orders = new OrderService(
    process,
    (ids) =>
      Promise.resolve(
        new Map(ids.flatMap((id) => (products.has(id) ? [[id, products.get(id)!]] : []))),
      ),
    cart,
  );
  return {
    store: eventStore,
    executor,
    clock,
    process,
    orders,
    catalog: new CatalogService(executor, db.pool),
    products,
    payments: { created },
    cleared,
  };
}

/** Creates a product with stock and registers it in the catalog lookup. */
export async function stockedProduct(side: WriteSide, units: number, price = 500): Promise<string> {
  const sku = `SKU-${randomUUID().slice(0, 8)}`;
  const result = await side.catalog.createProduct(admin, {
    sku,
    name: sku,
    description: null,
    price,
    category: null,
    tags: [],
    initialStock: units,
  });
  if (result.state.status !== 'ACTIVE') throw new Error('product not created');
  const id = result.state.productId;
  side.products.set(id, { id, sku, name: sku, price });
  return id;
}

/** The inventory as the log says, folded from scratch (not from any cache). */
export async function inventoryOf(store: EventStore, productId: string): Promise<InventoryState> {
  try {
    const events = await store.readStream(inventoryStreamId(productId));
    return foldInventory(events.map((e) => ({ type: e.type, data: e.data }) as InventoryEvent));
  } catch (error) {
    if (error instanceof StreamNotFound) return foldInventory([]);
    throw error;
  }
}
