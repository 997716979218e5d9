import { randomUUID } from 'node:crypto';
import { type EventStore, type NewEvent } from '../../src/infrastructure/event-store/event-store';
import { type PubSub } from '../../src/infrastructure/pubsub/pubsub';
import { type Topics } from '../../src/projections/topics';
import { percentile, sortedCopy } from '../support/bench-stats';

export interface LagOptions {
  eventStore: EventStore;
  pubsub: PubSub<Topics>;
  projections: readonly string[];
  /** Events per second to append. */
  rate: number;
  seconds: number;
  warmupSeconds: number;
  /** Appends in flight at most (different streams). */
  concurrency: number;
}

export interface LagFigures {
  samples: number;
  p50: number;
  p99: number;
  max: number;
}

export interface LagResult {
  appends: number;
  events: number;
  achievedRate: number;
  /** From an append's return to the commit of the batch holding it, per projection. */
  perProjection: Record<string, LagFigures>;
  /** ...to the moment every projection has committed it (what read-your-writes waits for). */
  allProjections: LagFigures;
}

interface Append {
  streamId: string;
  events: NewEvent[];
}

/** The appends of one checkout, in order: order and inventory streams, as the saga writes them. */
function checkout(): Append[] {
  const orderId = randomUUID();
  const productId = `bench-product-${Math.floor(Math.random() * 200)}`;
  const paymentId = randomUUID();
  const order = `order-${orderId}`;
  const inventory = `inventory-${productId}`;
  const e = (type: string, data: Record<string, unknown>): NewEvent => ({ type, data });
  const line = { productId, sku: 'BENCH', name: 'Bench product', unitPrice: 1200, quantity: 1 };
  const expiresAt = new Date(Date.now() + 15 * 60_000).toISOString();
  return [
    { streamId: inventory, events: [e('StockReceived', { productId, quantity: 1 })] },
    {
      streamId: order,
      events: [
        e('OrderPlaced', {
          orderId,
          userId: 'bench',
          lines: [line],
          total: 1200,
          source: 'CHECKOUT',
        }),
      ],
    },
    {
      streamId: inventory,
      events: [e('StockReserved', { productId, orderId, quantity: 1, expiresAt })],
    },
    {
      streamId: order,
      events: [
        e('OrderStockReserved', { orderId, expiresAt }),
        e('PaymentInitiated', { orderId, paymentId, amount: 1200, provider: 'mock' }),
      ],
    },
    {
      streamId: order,
      events: [e('PaymentSucceeded', { orderId, paymentId, transactionId: 'tx' })],
    },
    {
      streamId: inventory,
      events: [e('ReservationCommitted', { productId, orderId, quantity: 1 })],
    },
    { streamId: order, events: [e('OrderPaid', { orderId })] },
  ];
}

interface Pending {
  position: string;
  appendedAt: number;
  waitingFor: Set<string>;
}

/**
 * Appends checkouts at a steady `rate` of events per second (several checkouts in flight, each
 * stream written in order) and measures how long after an append returned each projection
 * committed it, from the runtime's `projectionCommitted` messages.
 */
export async function measureLiveLag(options: LagOptions): Promise<LagResult> {
  const committed = new Map<string, string>();
  const lags = new Map<string, number[]>(options.projections.map((p) => [p, []]));
  const allLags: number[] = [];
  const pending = new Set<Pending>();
  let measuring = false;

  const settle = (entry: Pending, now: number) => {
    for (const name of [...entry.waitingFor]) {
      const position = committed.get(name);
      if (position !== undefined && position >= entry.position) {
        entry.waitingFor.delete(name);
        lags.get(name)?.push(now - entry.appendedAt);
      }
    }
    if (entry.waitingFor.size === 0) {
      allLags.push(now - entry.appendedAt);
      pending.delete(entry);
    }
  };
  const unsubscribes = await Promise.all(
    options.projections.map((name) =>
      options.pubsub.subscribe('projectionCommitted', name, (message) => {
        committed.set(name, message.position);
        const now = performance.now();
        for (const entry of pending) settle(entry, now);
      }),
    ),
  );

  const ready: Append[][] = [];
  let inFlight = 0;
  let issued = 0;
  let appends = 0;
  let measuredEvents = 0;
  const total = options.warmupSeconds + options.seconds;
  const started = performance.now();
  let measureStart = started;
  const failures: unknown[] = [];

  const issue = (script: Append[]) => {
    const step = script.shift()!;
    inFlight++;
    issued += step.events.length;
    options.eventStore
      .appendToStream(step.streamId, step.events, 'any')
      .then((result) => {
        const now = performance.now();
        if (measuring) {
          appends++;
          measuredEvents += step.events.length;
          const entry = {
            position: result.position,
            appendedAt: now,
            waitingFor: new Set(options.projections),
          };
          pending.add(entry);
          settle(entry, now);
        }
        if (script.length > 0) ready.push(script);
      })
      .catch((error: unknown) => failures.push(error))
      .finally(() => inFlight--);
  };

  while (performance.now() - started < total * 1000) {
    const elapsed = (performance.now() - started) / 1000;
    if (!measuring && elapsed >= options.warmupSeconds) {
      measuring = true;
      measureStart = performance.now();
    }
    const due = Math.floor(elapsed * options.rate);
    while (issued < due && inFlight < options.concurrency) {
      issue(ready.length > 0 && Math.random() < 0.85 ? ready.shift()! : checkout());
    }
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  const measuredSeconds = (performance.now() - measureStart) / 1000;
  measuring = false;
  const drainDeadline = performance.now() + 30_000;
  while ((inFlight > 0 || pending.size > 0) && performance.now() < drainDeadline) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  await Promise.all(unsubscribes.map((unsubscribe) => unsubscribe()));
  if (failures.length > 0)
    throw new Error(`${failures.length} appends failed: ${String(failures[0])}`);
  if (pending.size > 0) throw new Error(`${pending.size} appends were never projected`);

  const figures = (values: number[]): LagFigures => {
    const sorted = sortedCopy(values);
    return {
      samples: sorted.length,
      p50: percentile(sorted, 50),
      p99: percentile(sorted, 99),
      max: sorted[sorted.length - 1] ?? 0,
    };
  };
  return {
    appends,
    events: measuredEvents,
    achievedRate: measuredEvents / measuredSeconds,
    perProjection: Object.fromEntries([...lags].map(([name, values]) => [name, figures(values)])),
    allProjections: figures(allLags),
  };
}
