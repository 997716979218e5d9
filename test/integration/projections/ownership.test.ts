import { projections } from '../../../src/projections/registry';
import { createHarness, killConnections, type Harness } from './support/harness';
import { expectCounters } from './support/expect-counters';
import { appendAll, generateHistory } from './support/history';
import { ConcurrencyProbe, deferred } from './support/instrument';
import { waitFor } from './support/wait-for';

describe('one owner per projection', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await createHarness();
  });
  afterEach(() => h.close());

  const advisoryLocks = async () =>
    (
      await h.db.pool.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND granted`,
      )
    ).rows[0]!.n;

  it('two runtimes never apply the same projection at once; the second takes over', async () => {
    const probe = new ConcurrencyProbe();
    const wrapped = probe.wrap(projections);
    const a = await h.runtime({ projections: wrapped, batchSize: 40 });
    const b = await h.runtime({ projections: wrapped, batchSize: 40 });
    const { appends, expect: expected } = generateHistory(3_000, 11);
    const head = await appendAll(h.store, appends.slice(0, 1_500));
    expect(await a.runtime.waitForPosition(head, 60_000)).toBe(true);

    const owners = [...a.runtime.ownedProjections(), ...b.runtime.ownedProjections()].sort();
    expect(owners).toEqual(projections.map((p) => p.name).sort());
    expect(await advisoryLocks()).toBe(projections.length);

    await a.stop();
    await waitFor('b to own every projection', () =>
      b.runtime.ownedProjections().length === projections.length ? true : undefined,
    );
    const end = await appendAll(h.store, appends.slice(1_500));
    expect(await b.runtime.waitForPosition(end, 60_000)).toBe(true);

    for (const projection of projections) {
      expect([projection.name, probe.maxActive.get(projection.name)]).toEqual([projection.name, 1]);
    }
    await expectCounters(h, expected);
    expect([...a.problems, ...b.problems]).toEqual([]);
  }, 120_000);

  it('a runtime that dies mid-batch loses nothing and doubles nothing', async () => {
    const { appends, expect: expected } = generateHistory(3_000, 12);
    const gate = { hold: false, reached: deferred(), release: deferred() };
    let batches = 0;
    const fragile = projections.map((projection) =>
      projection.name !== 'inventory'
        ? projection
        : {
            ...projection,
            applyBatch: async (...args: Parameters<typeof projection.applyBatch>) => {
              const notifications = await projection.applyBatch(...args);
              // The effects are written, the transaction is open: now the process "dies".
              if (++batches === 5) {
                gate.reached.resolve();
                await gate.release.promise;
              }
              return notifications;
            },
          },
    );
    const a = await h.runtime({ projections: fragile, batchSize: 30 });
    const appending = appendAll(h.store, appends.slice(0, 1_500));
    await gate.reached.promise;
    expect(await killConnections(h.db, a.applicationName)).toBeGreaterThan(0);

    const b = await h.runtime({ batchSize: 30 });
    gate.release.resolve();
    const head = await appending;
    expect(await b.runtime.waitForPosition(head, 60_000)).toBe(true);
    await a.stop();

    // Dies again, this time between batches: its lock connection goes, another owner continues.
    const c = await h.runtime({ batchSize: 30 });
    await killConnections(h.db, b.applicationName);
    const end = await appendAll(h.store, appends.slice(1_500));
    expect(await c.runtime.waitForPosition(end, 60_000)).toBe(true);
    await waitFor('every projection to be owned once', async () =>
      (await advisoryLocks()) === projections.length ? true : undefined,
    );
    const errors = [...a.problems, ...b.problems, ...c.problems].filter((p) =>
      p.startsWith('error'),
    );
    expect(errors).toEqual([]);
    await expectCounters(h, expected);
  }, 120_000);
});
