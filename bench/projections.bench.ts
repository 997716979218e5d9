/**
 * `npm run bench:projections`: the read side's two figures of the brief (section 9).
 *
 *   (a) rebuild of the orders read model from `--events` order events (default 1,000,000;
 *       goal ≥ 30,000 events/s), seeded straight into the log tables;
 *   (b) live lag at a sustained `--rate` events/s (default 1,000) for `--seconds` (default 20)
 *       with every projection running: p50/p99 from an append's return to the commit of the
 *       batch holding it (goal p99 < 100 ms).
 *
 * Writes bench/results/projections.json. DATABASE_URL selects an existing server; otherwise an
 * embedded one runs under BENCH_DATA_DIR (default ./.bench-data). Options: --events N,
 * --batch-size N, --rate N, --seconds N, --warmup N, --out FILE.
 */
import { parseArgs } from 'node:util';
import { PgNotifier } from '../src/infrastructure/event-store/postgres/pg-notifier';
import { PostgresEventStore } from '../src/infrastructure/event-store/postgres/postgres-event-store';
import { migrate } from '../src/infrastructure/postgres/migrate';
import { createPool } from '../src/infrastructure/postgres/pool';
import { InProcessPubSub } from '../src/infrastructure/pubsub/in-process-pubsub';
import { projections } from '../src/projections/registry';
import { ProjectionRuntime } from '../src/projections/runtime/projection-runtime';
import { rebuildProjection } from '../src/projections/runtime/rebuild';
import { type Topics } from '../src/projections/topics';
import { measureLiveLag } from './projections/live-lag';
import { seedOrderEvents } from './projections/seed-orders';
import { note, startBenchCluster } from './support/bench-cluster';
import { formatTable, machineInfo, round, writeResult } from './support/bench-stats';

const { values: args } = parseArgs({
  options: {
    events: { type: 'string', default: '1000000' },
    'batch-size': { type: 'string', default: '10000' },
    rate: { type: 'string', default: '1000' },
    seconds: { type: 'string', default: '20' },
    warmup: { type: 'string', default: '3' },
    out: { type: 'string', default: 'bench/results/projections.json' },
  },
});
const int = (name: keyof typeof args): number => {
  const value = Number(args[name]);
  if (!Number.isInteger(value) || value < 0) throw new Error(`--${name} must be a whole number`);
  return value;
};

async function main(): Promise<void> {
  const config = {
    events: int('events'),
    batchSize: int('batch-size'),
    rate: int('rate'),
    seconds: int('seconds'),
    warmupSeconds: int('warmup'),
  };
  const cluster = await startBenchCluster();
  try {
    const database = await cluster.createDatabase('bench_projections');
    await migrate(database.url, () => undefined);
    const pool = createPool(database.url, { max: 16, applicationName: 'bench-projections' });
    const eventStore = new PostgresEventStore(pool, new PgNotifier(database.url));
    try {
      note(`seeding ${config.events.toLocaleString('en-US')} order events...`);
      const seeded = await seedOrderEvents(pool, config.events, (written) => {
        if (written % 200_000 < 20_000) note(`  ${written.toLocaleString('en-US')}`);
      });
      await pool.query('VACUUM ANALYZE es_events');
      await cluster.checkpoint();

      const rebuilds = [];
      for (const projection of projections) {
        note(`rebuilding ${projection.name}...`);
        const result = await rebuildProjection({ pool, eventStore }, projection, {
          batchSize: config.batchSize,
        });
        rebuilds.push({
          projection: projection.name,
          events: result.events,
          seconds: round(result.durationMs / 1000),
          eventsPerSecond: Math.round(result.events / (result.durationMs / 1000)),
        });
      }
      const orders = rebuilds.find((r) => r.projection === 'orders')!;

      note(`live lag at ${config.rate} events/s for ${config.seconds} s...`);
      const pubsub = new InProcessPubSub<Topics>();
      const runtime = new ProjectionRuntime({ pool, eventStore, pubsub, projections });
      await runtime.start();
      const lag = await measureLiveLag({
        eventStore,
        pubsub,
        projections: projections.map((p) => p.name),
        rate: config.rate,
        seconds: config.seconds,
        warmupSeconds: config.warmupSeconds,
        concurrency: 16,
      })
        .catch(async (error: unknown) => {
          // Say why the projectors fell behind, if they said so.
          for (const s of await runtime.status()) {
            if (s.error) note(`${s.name} ${s.state}: ${s.error}`);
          }
          throw error;
        })
        .finally(() => runtime.stop());

      const result = {
        benchmark: 'projections',
        date: new Date().toISOString(),
        machine: machineInfo(cluster.version),
        config,
        seededEvents: seeded,
        rebuild: {
          goalEventsPerSecond: 30_000,
          orders: { ...orders, meetsGoal: orders.eventsPerSecond >= 30_000 },
          all: rebuilds,
        },
        liveLag: {
          goalP99Ms: 100,
          appends: lag.appends,
          events: lag.events,
          achievedRate: round(lag.achievedRate, 1),
          allProjections: roundFigures(lag.allProjections),
          perProjection: Object.fromEntries(
            Object.entries(lag.perProjection).map(([name, f]) => [name, roundFigures(f)]),
          ),
          meetsGoal: lag.allProjections.p99 < 100,
        },
      };
      process.stdout.write(
        `\nRebuild from ${seeded.toLocaleString('en-US')} order events (batch ${config.batchSize})\n` +
          formatTable(
            ['projection', 'events', 'seconds', 'events/s'],
            rebuilds.map((r) => [
              r.projection,
              fmt(r.events),
              String(r.seconds),
              fmt(r.eventsPerSecond),
            ]),
          ) +
          `\n\nLive lag at ${round(lag.achievedRate, 1)} events/s over ${config.seconds} s (ms from append to commit)\n` +
          formatTable(
            ['projection', 'samples', 'p50', 'p99', 'max'],
            [
              ...Object.entries(lag.perProjection).map(([name, f]) => figureRow(name, f)),
              figureRow('all projections', lag.allProjections),
            ],
          ) +
          `\n\norders rebuild ${fmt(orders.eventsPerSecond)} events/s (goal ≥ 30,000): ${result.rebuild.orders.meetsGoal ? 'met' : 'NOT met'}` +
          `\nlive lag p99 ${round(lag.allProjections.p99, 1)} ms (goal < 100 ms): ${result.liveLag.meetsGoal ? 'met' : 'NOT met'}\n`,
      );
      note(`wrote ${writeResult(args.out, result)}`);
    } finally {
      await eventStore.close();
      await pool.end();
    }
  } finally {
    await cluster.stop();
  }
}

const fmt = (n: number) => n.toLocaleString('en-US');
const roundFigures = (f: { samples: number; p50: number; p99: number; max: number }) => ({
  samples: f.samples,
  p50: round(f.p50, 1),
  p99: round(f.p99, 1),
  max: round(f.max, 1),
});
const figureRow = (name: string, f: { samples: number; p50: number; p99: number; max: number }) => [
  name,
  fmt(f.samples),
  round(f.p50, 1).toFixed(1),
  round(f.p99, 1).toFixed(1),
  round(f.max, 1).toFixed(1),
];

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
