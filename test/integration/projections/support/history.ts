import { randomUUID } from 'node:crypto';
import { type InventoryEvent } from '../../../../src/aggregates/inventory/inventory.events';
import { type OrderEvent, type OrderLine } from '../../../../src/aggregates/order/order.events';
import { type ProductEvent } from '../../../../src/aggregates/product/product.events';
import {
  type EventStore,
  type NewEvent,
} from '../../../../src/infrastructure/event-store/event-store';

/** One append: events of one stream, as a command handler would write them. */
export interface Append {
  streamId: string;
  events: NewEvent[];
}

type DomainEvent = ProductEvent | InventoryEvent | OrderEvent;

const toNew = (event: DomainEvent): NewEvent => ({ type: event.type, data: { ...event.data } });

/** A small deterministic PRNG, so that a failing seed can be replayed. */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface ProductState {
  id: string;
  sku: string;
  name: string;
  price: number;
  category: string;
  onHand: number;
  reserved: number;
  tags: Set<string>;
}

/** What the generated history must leave behind: counters computed independently of the code. */
export interface Expectation {
  /** product id → on hand / reserved. */
  stock: Map<string, { onHand: number; reserved: number }>;
  /** order id → final status. */
  orderStatus: Map<string, string>;
  /** product id → units sold in paid orders. */
  unitsSold: Map<string, number>;
  /** "a|b" → paid orders holding both. */
  pairs: Map<string, number>;
  /** Pending reservations as "product|order". */
  pendingReservations: Set<string>;
  orderIds: string[];
  productIds: string[];
}

const CATEGORIES = ['shoes', 'shirts', 'hats', 'bags', 'socks'];
const COLORS = ['red', 'blue', 'green', 'black'];
const WORDS = ['trail', 'running', 'classic', 'leather', 'cotton', 'wool', 'summer', 'winter'];

/**
 * A plausible shop history of about `targetEvents` events: a catalogue with changes, stock
 * receipts and adjustments, and many interleaved orders that reserve, pay, fail, expire, get
 * rejected or cancelled. Stock never goes below zero, as the deciders guarantee.
 */
export function generateHistory(
  targetEvents: number,
  seed = 1,
): { appends: Append[]; expect: Expectation } {
  const rnd = random(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rnd() * items.length)]!;
  const appends: Append[] = [];
  let count = 0;
  const append = (streamId: string, ...events: DomainEvent[]) => {
    appends.push({ streamId, events: events.map(toNew) });
    count += events.length;
  };
  const expect: Expectation = {
    stock: new Map(),
    orderStatus: new Map(),
    unitsSold: new Map(),
    pairs: new Map(),
    pendingReservations: new Set(),
    orderIds: [],
    productIds: [],
  };

  const products: ProductState[] = [];
  const productCount = Math.max(8, Math.round(targetEvents / 250));
  for (let i = 0; i < productCount; i++) {
    const id = randomUUID();
    const category = pick(CATEGORIES);
    const color = pick(COLORS);
    const name = `${pick(WORDS)} ${pick(WORDS)} ${category} ${i}`;
    const p: ProductState = {
      id,
      sku: `SKU-${seed}-${i}`,
      name,
      price: 500 + Math.floor(rnd() * 20_000),
      category,
      onHand: 0,
      reserved: 0,
      tags: new Set(['color']),
    };
    products.push(p);
    expect.productIds.push(id);
    append(`product-${id}`, {
      type: 'ProductCreated',
      data: {
        productId: id,
        sku: p.sku,
        name,
        description: `A ${pick(WORDS)} thing for ${pick(WORDS)} days`,
        price: p.price,
        category,
        tags: [{ name: 'color', value: color }],
      },
    });
    const quantity = 20 + Math.floor(rnd() * 200);
    p.onHand += quantity;
    append(`inventory-${id}`, { type: 'StockReceived', data: { productId: id, quantity } });
  }

  type Step = () => boolean;
  const scripts: Step[][] = [];

  const orderScript = (): Step[] => {
    const orderId = randomUUID();
    const userId = `user-${Math.floor(rnd() * 50)}`;
    const chosen = [
      ...new Set(Array.from({ length: 1 + Math.floor(rnd() * 3) }, () => pick(products))),
    ];
    const lines: OrderLine[] = chosen.map((p) => ({
      productId: p.id,
      sku: p.sku,
      name: p.name,
      unitPrice: p.price,
      quantity: 1 + Math.floor(rnd() * 3),
    }));
    const total = lines.reduce((sum, l) => sum + l.unitPrice * l.quantity, 0);
    const stream = `order-${orderId}`;
    const paymentId = randomUUID();
    const expiresAt = new Date(Date.UTC(2030, 0, 1) + Math.floor(rnd() * 1e9)).toISOString();
    const reserved: OrderLine[] = [];
    const productOf = (line: OrderLine) => products.find((p) => p.id === line.productId)!;
    const setStatus = (status: string) => expect.orderStatus.set(orderId, status);
    const release = (
      reason: 'ORDER_REJECTED' | 'PAYMENT_FAILED' | 'RESERVATION_EXPIRED' | 'ORDER_CANCELLED',
    ) => {
      for (const line of reserved.splice(0)) {
        const p = productOf(line);
        p.reserved -= line.quantity;
        expect.pendingReservations.delete(`${p.id}|${orderId}`);
        append(`inventory-${p.id}`, {
          type: 'ReservationReleased',
          data: { productId: p.id, orderId, quantity: line.quantity, reason },
        });
      }
    };
    let outcome = rnd();
    const steps: Step[] = [
      () => {
        expect.orderIds.push(orderId);
        setStatus('PENDING');
        append(stream, {
          type: 'OrderPlaced',
          data: { orderId, userId, lines, total, source: 'PLACE_ORDER' },
        });
        return true;
      },
    ];
    for (const line of lines) {
      steps.push(() => {
        if (expect.orderStatus.get(orderId) === 'REJECTED') return true;
        const p = productOf(line);
        if (p.onHand - p.reserved < line.quantity) {
          release('ORDER_REJECTED');
          setStatus('REJECTED');
          append(stream, {
            type: 'OrderRejected',
            data: { orderId, reason: 'OUT_OF_STOCK', productId: p.id },
          });
          return true;
        }
        p.reserved += line.quantity;
        reserved.push(line);
        expect.pendingReservations.add(`${p.id}|${orderId}`);
        append(`inventory-${p.id}`, {
          type: 'StockReserved',
          data: { productId: p.id, orderId, quantity: line.quantity, expiresAt },
        });
        return true;
      });
    }
    steps.push(() => {
      if (expect.orderStatus.get(orderId) === 'REJECTED') return false;
      if (outcome < 0.05) {
        release('ORDER_CANCELLED');
        setStatus('CANCELLED');
        append(stream, {
          type: 'OrderCancelled',
          data: { orderId, reason: 'CUSTOMER', note: null },
        });
        return false;
      }
      append(
        stream,
        { type: 'OrderStockReserved', data: { orderId, expiresAt } },
        { type: 'PaymentInitiated', data: { orderId, paymentId, amount: total, provider: 'mock' } },
      );
      setStatus('AWAITING_PAYMENT');
      return true;
    });
    steps.push(() => {
      if (outcome < 0.7) {
        append(stream, {
          type: 'PaymentSucceeded',
          data: { orderId, paymentId, transactionId: `tx-${paymentId}` },
        });
        for (const line of reserved.splice(0)) {
          const p = productOf(line);
          p.reserved -= line.quantity;
          p.onHand -= line.quantity;
          expect.pendingReservations.delete(`${p.id}|${orderId}`);
          append(`inventory-${p.id}`, {
            type: 'ReservationCommitted',
            data: { productId: p.id, orderId, quantity: line.quantity },
          });
          expect.unitsSold.set(p.id, (expect.unitsSold.get(p.id) ?? 0) + line.quantity);
        }
        for (const a of lines) {
          for (const b of lines) {
            if (a.productId === b.productId) continue;
            const key = `${a.productId}|${b.productId}`;
            expect.pairs.set(key, (expect.pairs.get(key) ?? 0) + 1);
          }
        }
        setStatus('PAID');
        append(stream, { type: 'OrderPaid', data: { orderId } });
        return true;
      }
      if (outcome < 0.85) {
        append(stream, {
          type: 'PaymentFailed',
          data: { orderId, paymentId, reason: 'card declined' },
        });
        release('PAYMENT_FAILED');
        setStatus('CANCELLED');
        append(stream, {
          type: 'OrderCancelled',
          data: { orderId, reason: 'PAYMENT_FAILED', note: null },
        });
        return false;
      }
      if (outcome < 0.93) {
        release('RESERVATION_EXPIRED');
        setStatus('CANCELLED');
        append(stream, {
          type: 'OrderCancelled',
          data: { orderId, reason: 'RESERVATION_EXPIRED', note: null },
        });
        outcome = 2;
        return true;
      }
      return false; // left awaiting payment, reservations pending
    });
    steps.push(() => {
      if (outcome === 2) {
        append(
          stream,
          {
            type: 'PaymentSucceeded',
            data: { orderId, paymentId, transactionId: `tx-${paymentId}` },
          },
          {
            type: 'RefundRequested',
            data: { orderId, paymentId, amount: total, reason: 'STOCK_SHORTFALL' },
          },
        );
        return false;
      }
      if (rnd() < 0.5) {
        setStatus('COMPLETED');
        append(stream, { type: 'OrderCompleted', data: { orderId } });
      }
      return false;
    });
    return steps;
  };

  const catalogChange = () => {
    const p = pick(products);
    const r = rnd();
    const stream = `product-${p.id}`;
    if (r < 0.3) {
      const previousPrice = p.price;
      p.price = 500 + Math.floor(rnd() * 20_000);
      append(stream, {
        type: 'PriceChanged',
        data: { productId: p.id, price: p.price, previousPrice },
      });
    } else if (r < 0.5) {
      append(stream, {
        type: 'ProductUpdated',
        data: { productId: p.id, description: `Now ${pick(WORDS)} and ${pick(WORDS)}` },
      });
    } else if (r < 0.75) {
      const name = pick(['size', 'material', 'color']);
      p.tags.add(name);
      append(stream, {
        type: 'ProductTagAdded',
        data: { productId: p.id, tag: { name, value: pick(WORDS) } },
      });
    } else if (p.tags.size > 0) {
      const name = pick([...p.tags]);
      p.tags.delete(name);
      append(stream, { type: 'ProductTagRemoved', data: { productId: p.id, name } });
    }
  };

  const stockChange = () => {
    const p = pick(products);
    if (rnd() < 0.7) {
      const quantity = 5 + Math.floor(rnd() * 50);
      p.onHand += quantity;
      append(`inventory-${p.id}`, { type: 'StockReceived', data: { productId: p.id, quantity } });
    } else {
      const available = p.onHand - p.reserved;
      const delta = -Math.min(available, Math.floor(rnd() * 5));
      if (delta === 0) return;
      p.onHand += delta;
      append(`inventory-${p.id}`, {
        type: 'StockAdjusted',
        data: { productId: p.id, delta, reason: 'damaged' },
      });
    }
  };

  while (count < targetEvents || scripts.length > 0) {
    const r = rnd();
    if (count < targetEvents && (scripts.length < 30 || r < 0.1)) {
      scripts.push(orderScript());
    } else if (count < targetEvents && r < 0.13) {
      catalogChange();
    } else if (count < targetEvents && r < 0.16) {
      stockChange();
    } else if (scripts.length > 0) {
      const index = Math.floor(rnd() * scripts.length);
      const script = scripts[index]!;
      const step = script.shift()!;
      const goOn = step();
      if (!goOn || script.length === 0) scripts.splice(index, 1);
    }
  }
  for (const p of products) expect.stock.set(p.id, { onHand: p.onHand, reserved: p.reserved });
  return { appends, expect };
}

/** Appends in order, a few streams at a time, never two appends of one stream at once. */
export async function appendAll(
  store: EventStore,
  appends: readonly Append[],
  concurrency = 8,
): Promise<string> {
  let last = '';
  let next = 0;
  const busy = new Map<string, Promise<void>>();
  const inFlight = new Set<Promise<void>>();
  while (next < appends.length) {
    const { streamId, events } = appends[next++]!;
    const before = busy.get(streamId) ?? Promise.resolve();
    const work: Promise<void> = before.then(async () => {
      const result = await store.appendToStream(streamId, events, 'any');
      if (result.position > last) last = result.position;
    });
    busy.set(streamId, work);
    inFlight.add(work);
    work.finally(() => inFlight.delete(work)).catch(() => undefined);
    if (inFlight.size >= concurrency) await Promise.race(inFlight);
  }
  await Promise.all(inFlight);
  return last;
}
