import { inventoryStreamId, type InventoryState } from '../../aggregates/inventory';
import { orderStreamId } from '../../aggregates/order';
import { WrongExpectedVersion } from '../../infrastructure/event-store/errors';
import {
  type EventStore,
  type RecordedEvent,
  type StreamAppend,
} from '../../infrastructure/event-store/event-store';
import { AppError } from '../app-error';
import { type Clock } from '../clock';
import { backoff } from '../commands/backoff';
import { type LoadedStream } from '../commands/load-stream';
import { toNewEvent } from '../commands/stream-codec';
import { orderIdFor } from '../orders/order-ids';
import { type CatalogProduct, type ProductLookup } from '../orders/ports';
import { type CreatedPayment } from '../payments/payment-gateway';
import { type CreatePayments, paymentsFor } from './batch-payments';
import {
  allocate,
  purchaseOrderEvents,
  type Allocation,
  type PurchaseCandidate,
} from './purchase-allocation';
import {
  type PurchaseRequest,
  type PurchaseTicket,
  type RecordedTicket,
  type SettledOutcome,
} from './purchase-tickets';
import { StockCache } from './stock-cache';

/** A ticket's outcome, with the order's events when this batch wrote them. */
export interface SettledPurchase {
  ticket: PurchaseTicket;
  orderEvents: RecordedEvent[] | null;
  /** This batch recorded the outcome: it is news for purchaseSettled subscribers. */
  recorded: boolean;
}

/** Where purchases are settled: the batcher itself, or the thread it runs on. */
export interface PurchaseDesk {
  purchase(request: PurchaseRequest): Promise<SettledPurchase>;
  settle(ticket: PurchaseTicket): Promise<SettledPurchase>;
}

export interface PurchaseBatcherDeps {
  store: EventStore;
  lookupProducts: ProductLookup;
  /** Records requests as claimed tickets, or finds their first result. */
  openTickets(requests: PurchaseRequest[]): Promise<PurchaseTicket[]>;
  createPayments: CreatePayments;
  /** Records outcomes; the first outcome recorded wins. */
  recordOutcomes(outcomes: SettledOutcome[]): Promise<RecordedTicket[]>;
  /** The one-ticket path through the checkout saga, for tickets a batch cannot take; it announces. */
  settleAlone(ticket: PurchaseTicket): Promise<RecordedTicket>;
  clock: Clock;
  reservationTtlMs: number;
  /** Tickets decided together at most. */
  maxBatch?: number;
  /** Tickets waiting per product beyond which new ones are refused at once (back-pressure). */
  maxQueue?: number;
  /** Re-decisions of a batch after another process appended to the product's stock first. */
  maxRetries?: number;
  /** Hears how many events each batch wrote, by aggregate (for metrics). */
  onAppended?: (aggregate: 'inventory' | 'order', events: number) => void;
}

interface Waiting {
  request: PurchaseRequest;
  /** null until opened by its batch (a synchronous purchase). */
  ticket: PurchaseTicket | null;
  resolve(settled: SettledPurchase): void;
  reject(error: unknown): void;
}

interface ProductQueue {
  items: Waiting[];
  draining: boolean;
  /** Set while the drain waits for the stock with nothing queued: a new request ends the wait. */
  wake: (() => void) | null;
}

/** A batch's hold on its product's stock: one batch decides and appends at a time. */
interface StockTurn {
  /** The batch holds the stock (or has finished without it). */
  taken: Promise<void>;
  /** It and every batch before it have let the stock go. */
  released: Promise<void>;
}

interface Written {
  allocations: Allocation[];
  /** The recorded events of each order this batch placed. */
  orders: Map<string, RecordedEvent[]>;
}

/**
 * Group commit for flash-sale purchases. Tickets for one product queue up in this process; each
 * batch opens its tickets and the payments its tickets will most likely need, then takes its
 * turn on the stock: it decides every ticket in arrival order with the inventory and order
 * deciders on the stock as it is, and writes the reservations and every new order's events in
 * one append; then it records the outcomes. The next batch opens its tickets while this one
 * writes, so the only step taken one batch at a time is the decision and its append.
 * A concurrent writer (another process) costs a re-decision of the batch, never a wrong sale:
 * the stock is appended with its expected revision.
 */
export class PurchaseBatcher implements PurchaseDesk {
  private readonly queues = new Map<string, ProductQueue>();
  /**
   * Tickets queued or in a batch. Batches overlap, so a retry arriving while its first request is
   * being decided waits for that decision rather than being decided again by the next batch.
   */
  private readonly inFlight = new Map<string, Promise<SettledPurchase>>();
  private readonly stock: StockCache;
  private readonly maxBatch: number;
  private readonly maxQueue: number;
  private readonly maxRetries: number;

  constructor(private readonly deps: PurchaseBatcherDeps) {
    this.maxBatch = deps.maxBatch ?? 1_000;
    this.maxQueue = deps.maxQueue ?? 10_000;
    this.maxRetries = deps.maxRetries ?? 8;
    this.stock = new StockCache(deps.store);
  }

  /** Tickets waiting for a batch, over all products. */
  queueDepth(): number {
    let depth = 0;
    for (const queue of this.queues.values()) depth += queue.items.length;
    return depth;
  }

  purchase(request: PurchaseRequest): Promise<SettledPurchase> {
    return this.enqueue(request, null);
  }

  settle(ticket: PurchaseTicket): Promise<SettledPurchase> {
    return this.enqueue(ticket, ticket);
  }

  private enqueue(
    request: PurchaseRequest,
    ticket: PurchaseTicket | null,
  ): Promise<SettledPurchase> {
    const running = this.inFlight.get(request.ticketId);
    // The same outcome, but not news: whoever asked first announces it.
    if (running) return running.then((settled) => ({ ...settled, recorded: false }));
    let queue = this.queues.get(request.productId);
    if (!queue) {
      queue = { items: [], draining: false, wake: null };
      this.queues.set(request.productId, queue);
    }
    if (queue.items.length >= this.maxQueue) {
      return Promise.reject(
        new AppError('RATE_LIMITED', 'Too many purchases of this item right now; try again', {
          retryAfterSeconds: 1,
        }),
      );
    }
    const settled = new Promise<SettledPurchase>((resolve, reject) =>
      queue.items.push({ request, ticket, resolve, reject }),
    );
    this.inFlight.set(request.ticketId, settled);
    const done = () => void this.inFlight.delete(request.ticketId);
    settled.then(done, done);
    // On the next macrotask: requests parsed in the same turn of the event loop share a batch.
    if (!queue.draining) {
      queue.draining = true;
      setImmediate(() => void this.drain(request.productId, queue));
    } else if (queue.wake) {
      setImmediate(queue.wake);
      queue.wake = null;
    }
    return settled;
  }

  private async drain(productId: string, queue: ProductQueue): Promise<void> {
    let stockFree: Promise<void> = Promise.resolve();
    try {
      for (;;) {
        if (queue.items.length === 0) {
          // Wait for the last batch's write, or for a request that can open its tickets meanwhile.
          const freed = stockFree.then(() => true);
          const arrived = new Promise<false>((resolve) => (queue.wake = () => resolve(false)));
          const done = await Promise.race([freed, arrived]);
          queue.wake = null;
          if (queue.items.length === 0) {
            if (done) break;
            continue;
          }
        }
        const batch = queue.items.splice(0, this.maxBatch);
        const turn = this.start(productId, batch, stockFree);
        stockFree = turn.released;
        // The next batch opens its tickets while this one writes; only the stock waits its turn.
        await turn.taken;
      }
    } finally {
      queue.draining = false;
      this.queues.delete(productId);
    }
  }

  /** Settles a batch in the background; its stock turn comes after `previous` has let go. */
  private start(productId: string, batch: readonly Waiting[], previous: Promise<void>): StockTurn {
    let take = () => {};
    let release = () => {};
    const taken = new Promise<void>((resolve) => (take = resolve));
    const own = new Promise<void>((resolve) => (release = resolve));
    const turn = {
      acquire: async () => {
        await previous;
        take();
      },
      release,
    };
    this.settleBatch(productId, batch, turn)
      .then(
        (settled) => batch.forEach((w, i) => w.resolve(settled[i]!)),
        (error: unknown) => {
          this.stock.forget(productId);
          for (const w of batch) w.reject(error);
        },
      )
      .finally(() => {
        take();
        release();
      });
    return { taken, released: previous.then(() => own) };
  }

  private async settleBatch(
    productId: string,
    batch: readonly Waiting[],
    turn: { acquire(): Promise<void>; release(): void },
  ): Promise<SettledPurchase[]> {
    const toOpen = batch.filter((w) => w.ticket === null).map((w) => w.request);
    const [opened, products, refreshed] = await Promise.all([
      this.deps.openTickets(toOpen),
      this.deps.lookupProducts([productId]),
      this.stock.refresh(productId),
    ]);
    const openedById = new Map(opened.map((t) => [t.ticketId, t]));
    const tickets = batch.map((w) => w.ticket ?? openedById.get(w.request.ticketId)!);
    /** Every ticket's latest state: settled before (a retry of an answered request), or now. */
    const byId = new Map<string, PurchaseTicket>();
    const queued = new Map<string, PurchaseTicket>();
    for (const t of tickets) {
      if (t.outcome === 'QUEUED') queued.set(t.ticketId, t);
      else byId.set(t.ticketId, t);
    }
    const product = products.get(productId);
    const candidates = [...queued.values()].map((t): PurchaseCandidate => ({
      ticketId: t.ticketId,
      userId: t.userId,
      productId: t.productId,
      quantity: t.quantity,
      orderId: orderIdFor(t.userId, `purchase:${t.ticketId}`),
    }));
    // Payments for the tickets the stock will most likely go to, opened while the batch before
    // writes, so that this batch's turn on the stock costs one round trip: the append.
    // Only a guess: should it fail, the turn opens the payments the decision needs.
    const none = new Map<string, CreatedPayment>();
    const prepaid = product
      ? await paymentsFor(
          this.deps.createPayments,
          product,
          this.likelyReserved(productId, refreshed, candidates),
          none,
        ).catch(() => none)
      : none;
    let written: Written;
    await turn.acquire();
    try {
      written = product
        ? await this.reserve(product, this.stock.latest(productId, refreshed), candidates, prepaid)
        : {
            allocations: candidates.map((candidate) => ({ kind: 'rejected', candidate }) as const),
            orders: new Map(),
          };
    } finally {
      this.stock.forecast(productId, null);
      turn.release();
    }

    const outcomes: SettledOutcome[] = [];
    const alone: PurchaseTicket[] = [];
    for (const { kind, candidate } of written.allocations) {
      const { ticketId, orderId } = candidate;
      if (kind === 'reserved') outcomes.push({ ticketId, outcome: 'RESERVED', orderId });
      else if (kind === 'soldOut') outcomes.push({ ticketId, outcome: 'SOLD_OUT', orderId: null });
      else if (kind === 'rejected') outcomes.push({ ticketId, outcome: 'REJECTED', orderId: null });
      else alone.push(queued.get(ticketId)!);
    }
    const [recorded, finished] = await Promise.all([
      this.deps.recordOutcomes(outcomes),
      Promise.all(alone.map((t) => this.deps.settleAlone(t))),
    ]);
    // News only where this batch recorded the outcome; the saga announced its own.
    const news = new Set<string>();
    for (const { ticket, recorded: first } of recorded) {
      byId.set(ticket.ticketId, ticket);
      if (first) news.add(ticket.ticketId);
    }
    for (const { ticket } of finished) byId.set(ticket.ticketId, ticket);
    return tickets.map((t) => {
      const ticket = byId.get(t.ticketId)!;
      const events = ticket.orderId ? (written.orders.get(ticket.orderId) ?? null) : null;
      return { ticket, orderEvents: events, recorded: news.has(t.ticketId) };
    });
  }

  /**
   * Allocates the stock and writes it with the orders; on losing a race for the stock it
   * re-reads and re-decides. An order stream that already exists sends its ticket to the saga.
   */
  private async reserve(
    product: CatalogProduct,
    loaded: LoadedStream<InventoryState>,
    candidates: readonly PurchaseCandidate[],
    prepaid: ReadonlyMap<string, CreatedPayment>,
  ): Promise<Written> {
    const streamId = inventoryStreamId(product.id);
    const atomic = this.deps.store.atomicMultiStreamAppend;
    let stock = loaded;
    let pending = candidates;
    const aside: Allocation[] = [];
    for (let attempt = 0; attempt <= this.maxRetries; attempt++) {
      const expiresAt = this.expiresAt();
      const { allocations, state } = allocate(stock.state, pending, expiresAt);
      this.stock.forecast(product.id, state);
      const reserved = allocations.filter((a) => a.kind === 'reserved');
      try {
        const orders =
          reserved.length > 0
            ? await this.write(product, stock, state, reserved, expiresAt, prepaid)
            : new Map<string, RecordedEvent[]>();
        return { allocations: [...aside, ...allocations], orders };
      } catch (error) {
        if (!(error instanceof WrongExpectedVersion)) throw error;
        // The stock goes first, so a refused stock append wrote nothing on any store.
        if (!atomic && error.streamId !== streamId) {
          // Part of the batch is written: the saga finishes each ticket idempotently.
          this.stock.forget(product.id);
          const rest = pending.map((candidate) => ({ kind: 'inProgress', candidate }) as const);
          return { allocations: [...aside, ...rest], orders: new Map() };
        }
        if (error.streamId === streamId) {
          stock = await this.stock.refresh(product.id);
        } else {
          const taken = pending.find((c) => orderStreamId(c.orderId) === error.streamId);
          if (taken) aside.push({ kind: 'inProgress', candidate: taken });
          pending = pending.filter((c) => c !== taken);
        }
        await backoff(attempt);
      }
    }
    throw new AppError('CONFLICT', 'The item changed concurrently too often; try again');
  }

  private async write(
    product: CatalogProduct,
    before: LoadedStream<InventoryState>,
    after: InventoryState,
    reserved: Extract<Allocation, { kind: 'reserved' }>[],
    expiresAt: string,
    prepaid: ReadonlyMap<string, CreatedPayment>,
  ): Promise<Map<string, RecordedEvent[]>> {
    // A payment opened for a guess the stock then did not bear out stays pending and unused:
    // its order was never placed, so nobody can pay it.
    const payments = await paymentsFor(
      this.deps.createPayments,
      product,
      reserved.map((r) => r.candidate),
      prepaid,
    );
    const meta = (c: PurchaseCandidate) => ({
      userId: c.userId,
      correlationId: c.ticketId,
      idempotencyKey: `purchase:${c.ticketId}`,
    });
    const streamId = inventoryStreamId(product.id);
    const appends: StreamAppend[] = [
      {
        streamId,
        events: reserved.map(({ candidate, event }) => toNewEvent(event, meta(candidate))),
        expected: before.version < 0 ? 'no_stream' : before.version,
      },
      ...reserved.map(({ candidate }) => ({
        streamId: orderStreamId(candidate.orderId),
        expected: 'no_stream' as const,
        events: purchaseOrderEvents(
          candidate,
          {
            productId: product.id,
            sku: product.sku,
            name: product.name,
            unitPrice: product.price,
            quantity: candidate.quantity,
          },
          expiresAt,
          payments.get(candidate.orderId)!,
        ).map((event) => toNewEvent(event, meta(candidate))),
      })),
    ];
    const results = await this.deps.store.appendToStreams(appends);
    this.deps.onAppended?.('inventory', results[0]!.events.length);
    this.deps.onAppended?.(
      'order',
      results.slice(1).reduce((sum, r) => sum + r.events.length, 0),
    );
    const stock = results[0]!;
    this.stock.remember(product.id, {
      state: after,
      version: stock.nextExpectedVersion,
      position: stock.position,
    });
    const orders = new Map<string, RecordedEvent[]>();
    reserved.forEach(({ candidate }, i) => orders.set(candidate.orderId, results[i + 1]!.events));
    return orders;
  }

  /**
   * The candidates the stock goes to if the batch writing now succeeds. A guess: the decision
   * is made again on the stock as it is when this batch's turn comes.
   */
  private likelyReserved(
    productId: string,
    read: LoadedStream<InventoryState>,
    candidates: readonly PurchaseCandidate[],
  ): PurchaseCandidate[] {
    return allocate(this.stock.expected(productId, read), candidates, this.expiresAt())
      .allocations.filter((a) => a.kind === 'reserved')
      .map((a) => a.candidate);
  }

  private expiresAt(): string {
    return new Date(this.deps.clock.now().getTime() + this.deps.reservationTtlMs).toISOString();
  }
}
