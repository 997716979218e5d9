import { type Clock } from '../clock';
import { type OrderProcess } from '../orders/order-process';

/** Read-side questions the reconciler asks; each returns order ids. */
export interface ReconcilerQueries {
  /** Orders holding a reservation whose expiresAt has passed. */
  expiredReservations(now: Date, limit: number): Promise<string[]>;
  /** Orders still PENDING since before `olderThan` (the saga stopped half-way). */
  stuckPendingOrders(olderThan: Date, limit: number): Promise<string[]>;
  /** Orders whose payment succeeded but that are not PAID yet. */
  paidNotMarkedOrders(limit: number): Promise<string[]>;
  /** Orders that are CANCELLED or REJECTED but still hold a reservation. */
  closedOrdersHoldingStock(limit: number): Promise<string[]>;
}

export interface ReconcilerOptions {
  intervalMs?: number;
  /** A PENDING order younger than this is still being worked on by its request. */
  pendingGraceMs?: number;
  batchSize?: number;
  onError?: (error: unknown) => void;
}

/**
 * The process manager that heals: expires reservations, finishes checkouts that stopped
 * half-way (a crash between steps), settles paid orders, releases stock of closed orders.
 * Every action is an idempotent command, so several processes may run it at once.
 */
export class Reconciler {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(
    private readonly process: OrderProcess,
    private readonly queries: ReconcilerQueries,
    private readonly clock: Clock,
    private readonly options: ReconcilerOptions = {},
  ) {}

  start(): void {
    const tick = () => {
      this.running = this.runOnce()
        .catch((error: unknown) => this.options.onError?.(error))
        .finally(() => {
          this.running = null;
          if (this.timer) this.timer = setTimeout(tick, this.options.intervalMs ?? 1000);
        });
    };
    this.timer = setTimeout(tick, this.options.intervalMs ?? 1000);
  }

  async stop(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }

  /** One pass over everything that needs healing. */
  async runOnce(): Promise<void> {
    const now = this.clock.now();
    const limit = this.options.batchSize ?? 200;
    const grace = this.options.pendingGraceMs ?? 10_000;
    const meta = (orderId: string) => ({ correlationId: orderId, userId: 'system:reconciler' });
    const work: [string[], (id: string) => Promise<void>][] = [
      [
        await this.queries.expiredReservations(now, limit),
        (id) => this.process.expire(id, meta(id)),
      ],
      [
        await this.queries.stuckPendingOrders(new Date(now.getTime() - grace), limit),
        (id) => this.process.advance(id, meta(id)),
      ],
      [
        await this.queries.paidNotMarkedOrders(limit),
        (id) => this.process.finishPaidOrder(id, meta(id)),
      ],
      [
        await this.queries.closedOrdersHoldingStock(limit),
        (id) => this.process.releaseIfClosed(id, meta(id)),
      ],
    ];
    for (const [ids, act] of work) {
      const results = await Promise.allSettled([...new Set(ids)].map(act));
      for (const r of results) if (r.status === 'rejected') this.options.onError?.(r.reason);
    }
  }
}
