import type pg from 'pg';
import { type PubSub } from '../../infrastructure/pubsub/pubsub';
import { type Topics } from '../topics';

interface Waiter {
  position: string;
  resolve: (reached: boolean) => void;
  timer: NodeJS.Timeout;
}

interface CheckpointRow {
  name: string;
  position: string | null;
  state: string;
}

const POLL_MS = 50;

/**
 * Read-your-writes for mutations: waits until every projection that is not FAILED has applied
 * the log up to a position (a STOPPED one counts: with no owner, nothing is fresh). In-process it wakes on `projectionCommitted`; it also polls the checkpoints
 * table, so it works when the projectors run in another process. One subscription and at most
 * one poll in flight serve every waiter.
 */
export class PositionWaiter {
  private readonly positions = new Map<string, string | null>();
  /** FAILED projections will not move until someone rebuilds them: they are not waited for. */
  private failed = new Set<string>();
  private readonly waiters = new Set<Waiter>();
  private subscriptions: Promise<(() => Promise<void>)[]> | null = null;
  private pollTimer: NodeJS.Timeout | null = null;
  private polling = false;
  /** Which projections are FAILED is known only after the first poll. */
  private polled = false;

  constructor(
    private readonly pool: pg.Pool,
    private readonly pubsub: PubSub<Topics>,
    private readonly projectionNames: readonly string[],
  ) {}

  /** True once every projection's checkpoint but FAILED ones' is ≥ position; false on timeout. */
  async waitForPosition(position: string, timeoutMs: number): Promise<boolean> {
    await this.subscribe();
    // Already known to be there (from the notifications since the first poll): no query.
    if (this.polled && this.reached(position)) return true;
    return new Promise<boolean>((resolve) => {
      const waiter: Waiter = {
        position,
        resolve: (reached) => {
          clearTimeout(waiter.timer);
          this.waiters.delete(waiter);
          resolve(reached);
        },
        timer: setTimeout(() => waiter.resolve(false), timeoutMs),
      };
      this.waiters.add(waiter);
      void this.poll();
    });
  }

  async close(): Promise<void> {
    for (const waiter of [...this.waiters]) waiter.resolve(false);
    if (this.pollTimer) clearTimeout(this.pollTimer);
    const unsubscribes = await this.subscriptions;
    this.subscriptions = null;
    await Promise.all((unsubscribes ?? []).map((unsubscribe) => unsubscribe()));
  }

  private subscribe(): Promise<unknown> {
    this.subscriptions ??= Promise.all(
      this.projectionNames.map((name) =>
        this.pubsub.subscribe('projectionCommitted', name, (message) => {
          this.advance(message.projection, message.position);
          this.settle();
        }),
      ),
    );
    return this.subscriptions;
  }

  private advance(name: string, position: string | null): void {
    const known = this.positions.get(name) ?? null;
    if (position !== null && (known === null || position > known)) {
      this.positions.set(name, position);
    }
  }

  private async poll(): Promise<void> {
    if (this.polling || this.waiters.size === 0) return;
    this.polling = true;
    try {
      const { rows } = await this.pool.query<CheckpointRow>(
        'SELECT name, position, state FROM public.projection_checkpoints WHERE name = ANY($1)',
        [this.projectionNames],
      );
      this.failed = new Set(rows.filter((row) => row.state === 'FAILED').map((row) => row.name));
      this.polled = true;
      for (const row of rows) this.advance(row.name, row.position);
      this.settle();
    } catch {
      // The next poll tries again; the waiter's own timeout bounds the wait.
    } finally {
      this.polling = false;
      if (this.waiters.size > 0 && !this.pollTimer) {
        this.pollTimer = setTimeout(() => {
          this.pollTimer = null;
          void this.poll();
        }, POLL_MS);
      }
    }
  }

  private settle(): void {
    if (!this.polled) return;
    for (const waiter of [...this.waiters]) {
      if (this.reached(waiter.position)) waiter.resolve(true);
    }
  }

  private reached(target: string): boolean {
    return this.projectionNames.every((name) => {
      if (this.failed.has(name)) return true;
      const position = this.positions.get(name) ?? null;
      return position !== null && position >= target;
    });
  }
}
