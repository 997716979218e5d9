import { projections } from '../../../src/projections/registry';
import { rebuildProjection } from '../../../src/projections/runtime/rebuild';
import { buildSnapshot } from '../../../src/projections/runtime/snapshot';
import { dumpTables } from './support/dump';
import { waitFor } from './support/wait-for';
import { createHarness, type Harness } from './support/harness';
import { expectCounters } from './support/expect-counters';
import { appendAll, generateHistory } from './support/history';

describe('rebuild equals live', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness();
  });
  afterAll(() => h.close());

  it('after 10,000+ random events, every rebuilt table equals the live one row for row', async () => {
    const { appends, expect: expected } = generateHistory(10_500, 7);
    const eventCount = appends.reduce((n, a) => n + a.events.length, 0);
    expect(eventCount).toBeGreaterThanOrEqual(10_000);

    const live = await h.runtime({ batchSize: 250 });
    const head = await appendAll(h.store, appends);
    expect(await live.runtime.waitForPosition(head, 120_000)).toBe(true);
    expect(live.problems).toEqual([]);
    const liveTables = await dumpTables(h.db.pool, 'rm', projections);
    await expectCounters(h, expected);

    for (const projection of projections) {
      const result = await rebuildProjection({ pool: h.db.pool, eventStore: h.store }, projection, {
        batchSize: 3_000,
      });
      expect(result.position! >= head).toBe(true);
    }
    expect(await dumpTables(h.db.pool, 'rm', projections)).toEqual(liveTables);

    const audit = await buildSnapshot({ pool: h.db.pool, eventStore: h.store }, projections, {
      schema: 'audit_now',
      toPosition: head,
    });
    expect(audit.events).toBe(eventCount);
    expect(await dumpTables(h.db.pool, 'audit_now', projections)).toEqual(liveTables);

    // The live owner picks each rebuilt projection up again.
    await waitFor('every projection to run again', async () =>
      (await live.runtime.status()).every((s) => s.state === 'RUNNING') ? true : undefined,
    );
    const leftovers = await h.db.pool.query(
      `SELECT nspname FROM pg_namespace WHERE nspname LIKE 'rm\\_build\\_%' OR nspname LIKE 'rm\\_old\\_%'`,
    );
    expect(leftovers.rows).toEqual([]);
  }, 240_000);
});
