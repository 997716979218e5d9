import { type CommandExecutor } from '../../../src/application/commands/command-executor';
import { type PurchaseBatcher } from '../../../src/application/purchases/purchase-batcher';
import { registerOperationalGauges } from '../../../src/composition/operational-gauges';
import { Metrics } from '../../../src/infrastructure/metrics/metrics';
import { createPool } from '../../../src/infrastructure/postgres/pool';
import { type ProjectionRuntime } from '../../../src/projections/runtime/projection-runtime';
import { createTestDatabase, type TestDatabase } from '../../support/database';

/** What an alert reads from /metrics must mean what the README says it means. */
describe('operational gauges', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase(4);
  });
  afterAll(() => db.drop());

  const gauges = (pool: typeof db.pool) => {
    const metrics = new Metrics();
    registerOperationalGauges(metrics, {
      pool,
      runtime: {
        status: async () => (await pool.query('SELECT 1'), []),
      } as unknown as ProjectionRuntime,
      executor: { queueDepth: () => 0 } as unknown as CommandExecutor,
      batcher: { queueDepth: () => 0 } as unknown as PurchaseBatcher,
    });
    return metrics;
  };

  it('an idle pool has nobody waiting, whatever the scrape itself queries', async () => {
    const metrics = gauges(db.pool);
    for (let scrape = 0; scrape < 3; scrape++) {
      const text = await metrics.registry.metrics();
      expect(text).toContain('chronocart_db_pool_connections{state="waiting"} 0');
    }
  });

  it('a scrape while the database is down still answers, without the gauges it cannot read', async () => {
    const unreachable = createPool('postgres://nobody@127.0.0.1:1/none', { max: 2 });
    try {
      const text = await gauges(unreachable).registry.metrics();
      expect(text).toContain('chronocart_db_pool_connections{state="total"}');
      expect(text).toContain('chronocart_process_cpu_seconds_total');
      expect(text).toMatch(/^chronocart_oldest_transaction_seconds Nan$/m); // prom-client spells NaN so
      expect(text).not.toMatch(/^chronocart_projection_lag_events\{/m);
    } finally {
      await unreachable.end();
    }
  });
});
