import { projections, findProjection } from '../../../src/projections/registry';
import { BuildAborted } from '../../../src/projections/runtime/build-into';
import { rebuildProjection } from '../../../src/projections/runtime/rebuild';
import { buildSnapshot } from '../../../src/projections/runtime/snapshot';
import { dumpTables } from './support/dump';
import { expectCounters } from './support/expect-counters';
import { createHarness, type Harness } from './support/harness';
import { appendAll, generateHistory } from './support/history';
import { waitFor } from './support/wait-for';

describe('rebuild control', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await createHarness();
  });
  afterEach(() => h.close());

  const deps = () => ({ pool: h.db.pool, eventStore: h.store });
  const buildSchemas = async () =>
    (
      await h.db.pool.query<{ nspname: string }>(
        `SELECT nspname FROM pg_namespace WHERE nspname ~ '^rm_(build|old)_'`,
      )
    ).rows;

  it('rebuilds under live traffic and swaps in tables equal to an independent build', async () => {
    const { appends, expect: expected } = generateHistory(4_000, 21);
    const live = await h.runtime({ batchSize: 50 });
    await appendAll(h.store, appends.slice(0, 2_000));
    const traffic = appendAll(h.store, appends.slice(2_000), 2);
    const orders = findProjection('orders')!;
    const inventory = findProjection('inventory')!;
    await rebuildProjection(deps(), orders, { batchSize: 200 });
    await rebuildProjection(deps(), inventory, { batchSize: 200 });
    const head = await traffic;
    expect(await live.runtime.waitForPosition(head, 60_000)).toBe(true);

    await expectCounters(h, expected);
    const audit = await buildSnapshot(deps(), projections, { schema: 'independent' });
    expect(await dumpTables(h.db.pool, 'rm', projections)).toEqual(
      await dumpTables(h.db.pool, 'independent', projections),
    );
    expect(audit.events).toBeGreaterThan(0);
    expect(await buildSchemas()).toEqual([]);
    expect(live.problems).toEqual([]);
  }, 120_000);

  it('an interrupted rebuild leaves the live tables as they were and drops its schema', async () => {
    const { appends } = generateHistory(2_000, 22);
    const live = await h.runtime();
    const head = await appendAll(h.store, appends);
    expect(await live.runtime.waitForPosition(head, 60_000)).toBe(true);
    const before = await dumpTables(h.db.pool, 'rm', projections);

    const controller = new AbortController();
    const rebuild = rebuildProjection(deps(), findProjection('orders')!, {
      batchSize: 100,
      signal: controller.signal,
      onProgress: (progress) => {
        if (progress.applied >= 300) controller.abort();
      },
    });
    await expect(rebuild).rejects.toBeInstanceOf(BuildAborted);

    expect(await buildSchemas()).toEqual([]);
    expect(await dumpTables(h.db.pool, 'rm', projections)).toEqual(before);
    const orders = (await live.runtime.status()).find((s) => s.name === 'orders')!;
    expect([orders.state, orders.position]).toEqual(['RUNNING', head]);
  }, 60_000);

  it('a runtime with a new version of a projection rebuilds it before going live', async () => {
    const { appends } = generateHistory(2_000, 23);
    const first = await h.runtime();
    const head = await appendAll(h.store, appends);
    expect(await first.runtime.waitForPosition(head, 60_000)).toBe(true);
    const before = await dumpTables(h.db.pool, 'rm', projections);
    await first.stop();

    const upgraded = projections.map((p) => (p.name === 'orders' ? { ...p, version: 2 } : p));
    const second = await h.runtime({ projections: upgraded });
    await waitFor('orders version 2 to run', async () => {
      const status = (await second.runtime.status()).find((s) => s.name === 'orders')!;
      return status.version === 2 && status.state === 'RUNNING' ? status : undefined;
    });
    expect(await second.runtime.waitForPosition(head, 60_000)).toBe(true);
    expect(await dumpTables(h.db.pool, 'rm', projections)).toEqual(before);
    expect(await buildSchemas()).toEqual([]);
  }, 60_000);

  it('a REBUILDING state left by a rebuild that died is cleared by the next owner', async () => {
    const first = await h.runtime();
    const appended = await h.store.appendToStream(
      'inventory-p1',
      [{ type: 'StockReceived', data: { productId: 'p1', quantity: 3 } }],
      'any',
    );
    expect(await first.runtime.waitForPosition(appended.position, 10_000)).toBe(true);
    await first.stop();
    // As a rebuild leaves it when its process is killed: no rebuild lock is held any more.
    await h.db.pool.query(`UPDATE projection_checkpoints SET state = 'REBUILDING'`);
    const second = await h.runtime();
    await waitFor('every projection to run', async () =>
      (await second.runtime.status()).every((s) => s.state === 'RUNNING') ? true : undefined,
    );
  });
});
