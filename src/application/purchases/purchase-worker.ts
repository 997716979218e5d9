import { type PurchaseService } from './purchase-service';

export interface PurchaseWorkerOptions {
  batchSize?: number;
  leaseMs?: number;
  idleMs?: number;
  onError?: (error: unknown) => void;
}

/**
 * Settles queued purchases in batches. The tickets of one batch are decided concurrently, so
 * the command executor groups their reservations on the hot SKU into a few appends.
 */
export class PurchaseWorker {
  private running = false;
  private loop: Promise<void> | null = null;
  private wake: (() => void) | null = null;
  private pending = false;

  constructor(
    private readonly purchases: PurchaseService,
    private readonly options: PurchaseWorkerOptions = {},
  ) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  notify(): void {
    this.pending = true;
    this.wake?.();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
  }

  private async run(): Promise<void> {
    const batchSize = this.options.batchSize ?? 500;
    // Settling is idempotent per ticket, so a lease that runs out under load costs only work.
    const leaseMs = this.options.leaseMs ?? 10_000;
    while (this.running) {
      this.pending = false;
      let claimed = 0;
      try {
        const tickets = await this.purchases.claimQueued(batchSize, leaseMs);
        claimed = tickets.length;
        const results = await Promise.allSettled(tickets.map((t) => this.purchases.settle(t)));
        for (const r of results) if (r.status === 'rejected') this.options.onError?.(r.reason);
      } catch (error) {
        this.options.onError?.(error);
      }
      if (claimed === 0 && !this.pending && this.running)
        await this.sleep(this.options.idleMs ?? 1000);
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wake = null;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wake = done;
    });
  }
}
