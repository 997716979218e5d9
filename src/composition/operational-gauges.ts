import type pg from 'pg';
import { type CommandExecutor } from '../application/commands/command-executor';
import { type PurchaseBatcher } from '../application/purchases/purchase-batcher';
import { type Metrics } from '../infrastructure/metrics/metrics';
import { type ProjectionRuntime } from '../projections/runtime/projection-runtime';

/** Gauges read when Prometheus scrapes: projections, queues, the pool, long transactions. */
export function registerOperationalGauges(
  metrics: Metrics,
  deps: {
    pool: pg.Pool;
    runtime: ProjectionRuntime;
    executor: CommandExecutor;
    batcher: PurchaseBatcher;
  },
): void {
  const { pool, runtime, executor } = deps;
  // First: a scrape collects every gauge at once, and the ones below queue their own queries
  // on this pool; read after them, `waiting` would count the scrape itself.
  metrics.gauge(
    'chronocart_db_pool_connections',
    'Database pool connections by state',
    ['state'],
    (set) => {
      set({ state: 'total' }, pool.totalCount);
      set({ state: 'idle' }, pool.idleCount);
      set({ state: 'waiting' }, pool.waitingCount);
      return Promise.resolve();
    },
  );
  const statuses = () => runtime.status();
  metrics.gauge(
    'chronocart_projection_lag_events',
    'Events in the log a projection has not applied',
    ['projection'],
    async (set) => {
      for (const s of await statuses()) set({ projection: s.name }, s.lagEvents);
    },
  );
  metrics.gauge(
    'chronocart_projection_lag_seconds',
    'Age of the oldest event a projection has not applied',
    ['projection'],
    async (set) => {
      for (const s of await statuses()) set({ projection: s.name }, (s.lagMs ?? 0) / 1000);
    },
  );
  metrics.gauge(
    'chronocart_projection_failed',
    '1 when a projection stopped on an event it cannot apply',
    ['projection'],
    async (set) => {
      for (const s of await statuses()) set({ projection: s.name }, s.state === 'FAILED' ? 1 : 0);
    },
  );
  metrics.gauge(
    'chronocart_command_queue_depth',
    'Commands waiting in group-commit queues',
    [],
    (set) => {
      set({}, executor.queueDepth());
      return Promise.resolve();
    },
  );
  metrics.gauge(
    'chronocart_purchase_batch_queue_depth',
    "Purchases waiting for their product's next batch in this process",
    [],
    (set) => {
      set({}, deps.batcher.queueDepth());
      return Promise.resolve();
    },
  );
  metrics.gauge(
    'chronocart_purchase_queue_depth',
    'Async purchases not settled yet',
    [],
    async (set) => {
      const { rows } = await pool.query<{ n: string }>(
        "SELECT count(*) AS n FROM purchase_tickets WHERE outcome = 'QUEUED'",
      );
      set({}, Number(rows[0]?.n ?? 0));
    },
  );
  metrics.gauge(
    'chronocart_oldest_transaction_seconds',
    'Age of the oldest open write transaction: while it is open, log readers cannot pass it',
    [],
    async (set) => {
      const { rows } = await pool.query<{ age: number | null }>(
        `SELECT extract(epoch FROM now() - min(xact_start))::float8 AS age FROM pg_stat_activity
         WHERE backend_xid IS NOT NULL AND xact_start IS NOT NULL`,
      );
      set({}, rows[0]?.age ?? 0);
    },
  );
}
