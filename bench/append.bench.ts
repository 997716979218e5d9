/**
 * `npm run bench:append`: our PostgreSQL event store against Emmett's
 * (`@event-driven-io/emmett-postgresql`) on the same PostgreSQL server in the same run.
 *
 *   (a) one stream, sequential appends of one event, each with its expected version;
 *   (b) 1,000 streams, 16 concurrent writers, appends of 5 events with expected versions;
 *   (c) reads of a whole 10,000-event stream;
 *   (d) a flash-sale batch: 500 new order streams of 4 events written together, by ours in one
 *       appendToStreams call and by Emmett, which appends one stream at a time, with all 500
 *       appends in flight at once.
 *
 * Each store gets its own fresh database on the server and a pg.Pool of the same size. Each
 * scenario is warmed up, then measured `--rounds` times with the order of the two stores
 * alternating; the best round of each store is reported. Writes bench/results/append.json.
 *
 * Options: --appends N (a), --streams N --writers N --rounds-per-stream N --batch N (b),
 * --stream-events N --reads N (c), --batch-streams N --batch-events N --batches N (d), --pool N,
 * --rounds N, --out FILE. DATABASE_URL selects an
 * existing server; otherwise an embedded one runs under BENCH_DATA_DIR (default ./.bench-data).
 */
import {
  getPostgreSQLEventStore,
  type PostgresEventStore as EmmettEventStore,
} from '@event-driven-io/emmett-postgresql';
import { type Event } from '@event-driven-io/emmett';
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { type NewEvent } from '../src/infrastructure/event-store/event-store';
import { PgNotifier } from '../src/infrastructure/event-store/postgres/pg-notifier';
import { PostgresEventStore } from '../src/infrastructure/event-store/postgres/postgres-event-store';
import { migrate } from '../src/infrastructure/postgres/migrate';
import { note, startBenchCluster, type BenchCluster } from './support/bench-cluster';
import {
  formatTable,
  machineInfo,
  percentile,
  round,
  since,
  sortedCopy,
  writeResult,
} from './support/bench-stats';

const { values: args } = parseArgs({
  options: {
    appends: { type: 'string', default: '2000' },
    streams: { type: 'string', default: '1000' },
    writers: { type: 'string', default: '16' },
    'rounds-per-stream': { type: 'string', default: '4' },
    batch: { type: 'string', default: '5' },
    'stream-events': { type: 'string', default: '10000' },
    reads: { type: 'string', default: '10' },
    'batch-streams': { type: 'string', default: '500' },
    'batch-events': { type: 'string', default: '4' },
    batches: { type: 'string', default: '10' },
    pool: { type: 'string', default: '16' },
    rounds: { type: 'string', default: '2' },
    out: { type: 'string', default: 'bench/results/append.json' },
  },
});
const int = (name: keyof typeof args): number => {
  const value = Number(args[name]);
  if (!Number.isInteger(value) || value < 1)
    throw new Error(`--${name} must be a positive integer`);
  return value;
};
const CONFIG = {
  sequentialAppends: int('appends'),
  streams: int('streams'),
  writers: int('writers'),
  appendsPerStream: int('rounds-per-stream'),
  batchSize: int('batch'),
  streamEvents: int('stream-events'),
  reads: int('reads'),
  batchStreams: int('batch-streams'),
  batchEvents: int('batch-events'),
  batches: int('batches'),
  poolSize: int('pool'),
  rounds: int('rounds'),
};

// ---------------------------------------------------------------------------------------------
// The two stores behind one small interface. `count` is how many events the stream holds.

interface ReservedData {
  [key: string]: unknown;
  productId: string;
  orderId: string;
  quantity: number;
  expiresAt: string;
}
interface Meta {
  [key: string]: unknown;
  correlationId: string;
  userId: string;
}
type StockReserved = Event<'StockReserved', ReservedData, Meta>;

interface Contender {
  name: 'ours' | 'emmett';
  append(streamId: string, events: StockReserved[], count: number): Promise<void>;
  /** Writes new streams together, each with its events. */
  appendNew(streams: { streamId: string; events: StockReserved[] }[]): Promise<void>;
  /** Reads the whole stream; returns how many events came back. */
  read(streamId: string): Promise<number>;
  close(): Promise<void>;
}

function makeEvents(n: number, productId: string): StockReserved[] {
  const userId = randomUUID();
  return Array.from({ length: n }, () => {
    const orderId = randomUUID();
    return {
      type: 'StockReserved',
      data: { productId, orderId, quantity: 1, expiresAt: '2030-01-01T00:00:00.000Z' },
      metadata: { correlationId: orderId, userId },
    };
  });
}

/** pg's stock parsers, taken before Emmett's driver (dumbo) replaces them process-wide. */
function stockTypeParsers(): pg.CustomTypesConfig {
  type Parser = (value: string) => unknown;
  const oids = [20, 114, 3802]; // int8, json, jsonb
  const saved = new Map<number, Parser>(
    oids.map((oid): [number, Parser] => [oid, pg.types.getTypeParser(oid, 'text') as Parser]),
  );
  const getTypeParser = (oid: number, format?: 'text' | 'binary'): unknown =>
    (format ?? 'text') === 'text' && saved.has(oid)
      ? saved.get(oid)
      : (pg.types.getTypeParser(oid, format ?? 'text') as unknown);
  return { getTypeParser: getTypeParser as pg.CustomTypesConfig['getTypeParser'] };
}

async function ours(url: string, types: pg.CustomTypesConfig): Promise<Contender> {
  await migrate(url, () => undefined);
  // The settings of src/infrastructure/postgres/pool.ts, with pg's own parsers (see above).
  const pool = new pg.Pool({
    connectionString: url,
    max: CONFIG.poolSize,
    application_name: 'chronocart-bench',
    statement_timeout: 30_000,
    idle_in_transaction_session_timeout: 60_000,
    types,
  });
  const notifier = new PgNotifier(url);
  const store = new PostgresEventStore(pool, notifier);
  return {
    name: 'ours',
    async append(streamId, events, count) {
      const batch: NewEvent[] = events.map((e) => ({
        type: e.type,
        data: e.data,
        metadata: e.metadata,
      }));
      await store.appendToStream(streamId, batch, count === 0 ? 'no_stream' : count - 1);
    },
    async appendNew(streams) {
      await store.appendToStreams(
        streams.map(({ streamId, events }) => ({
          streamId,
          expected: 'no_stream',
          events: events.map((e) => ({ type: e.type, data: e.data, metadata: e.metadata })),
        })),
      );
    },
    async read(streamId) {
      return (await store.readStream(streamId)).length;
    },
    async close() {
      await store.close();
      await pool.end();
    },
  };
}

async function emmett(url: string): Promise<Contender> {
  const pool = new pg.Pool({ connectionString: url, max: CONFIG.poolSize });
  const store: EmmettEventStore = getPostgreSQLEventStore(url, {
    connectionOptions: { pool },
    schema: { autoMigration: 'CreateOrUpdate' },
  });
  await store.schema.migrate();
  return {
    name: 'emmett',
    async append(streamId, events, count) {
      await store.appendToStream<StockReserved>(streamId, events, {
        expectedStreamVersion: BigInt(count),
      });
    },
    async appendNew(streams) {
      await Promise.all(
        streams.map(({ streamId, events }) =>
          store.appendToStream<StockReserved>(streamId, events, { expectedStreamVersion: 0n }),
        ),
      );
    },
    async read(streamId) {
      return (await store.readStream<StockReserved>(streamId)).events.length;
    },
    async close() {
      await store.close();
      await pool.end();
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Scenarios. Each returns per-operation latencies and the events it moved.

interface Run {
  latenciesMs: number[];
  events: number;
  elapsedMs: number;
}

async function sequential(c: Contender, appends: number): Promise<Run> {
  const streamId = `order-${randomUUID()}`;
  const latenciesMs: number[] = [];
  const start = performance.now();
  for (let i = 0; i < appends; i++) {
    const events = makeEvents(1, streamId);
    const t = performance.now();
    await c.append(streamId, events, i);
    latenciesMs.push(since(t));
  }
  return { latenciesMs, events: appends, elapsedMs: since(start) };
}

/** Writer w owns streams w, w + writers, …, so one stream never has two appends in flight. */
async function concurrent(
  c: Contender,
  streams: number,
  writers: number,
  appendsPerStream: number,
  batchSize: number,
): Promise<Run> {
  const run = randomUUID().slice(0, 8);
  const latenciesMs: number[] = [];
  const start = performance.now();
  await Promise.all(
    Array.from({ length: Math.min(writers, streams) }, async (_, w) => {
      for (let r = 0; r < appendsPerStream; r++) {
        for (let s = w; s < streams; s += writers) {
          const streamId = `inventory-${run}-${s}`;
          const events = makeEvents(batchSize, streamId);
          const t = performance.now();
          await c.append(streamId, events, r * batchSize);
          latenciesMs.push(since(t));
        }
      }
    }),
  );
  return { latenciesMs, events: latenciesMs.length * batchSize, elapsedMs: since(start) };
}

/** `count` batches of `streams` new streams with `perStream` events each, one after another. */
async function newStreamBatches(
  c: Contender,
  count: number,
  streams: number,
  perStream: number,
): Promise<Run> {
  const latenciesMs: number[] = [];
  const start = performance.now();
  for (let b = 0; b < count; b++) {
    const batch = Array.from({ length: streams }, () => {
      const streamId = `order-${randomUUID()}`;
      return { streamId, events: makeEvents(perStream, streamId) };
    });
    const t = performance.now();
    await c.appendNew(batch);
    latenciesMs.push(since(t));
  }
  return { latenciesMs, events: count * streams * perStream, elapsedMs: since(start) };
}

async function fillStream(c: Contender, streamId: string, events: number): Promise<void> {
  for (let count = 0; count < events; count += 100) {
    await c.append(streamId, makeEvents(Math.min(100, events - count), streamId), count);
  }
}

async function reads(
  c: Contender,
  streamId: string,
  times: number,
  expected: number,
): Promise<Run> {
  const latenciesMs: number[] = [];
  const start = performance.now();
  for (let i = 0; i < times; i++) {
    const t = performance.now();
    const n = await c.read(streamId);
    latenciesMs.push(since(t));
    if (n !== expected) throw new Error(`${c.name} read ${n} events, expected ${expected}`);
  }
  return { latenciesMs, events: times * expected, elapsedMs: since(start) };
}

// ---------------------------------------------------------------------------------------------

interface Figures {
  eventsPerSec: number;
  p50Ms: number;
  p99Ms: number;
  operations: number;
  events: number;
  elapsedMs: number;
  /** events/s of every round, in run order. */
  rounds: number[];
}

function figures(runs: Run[]): Figures {
  const rate = (r: Run) => (r.events / r.elapsedMs) * 1000;
  const best = runs.reduce((a, b) => (rate(b) > rate(a) ? b : a));
  const sorted = sortedCopy(best.latenciesMs);
  return {
    eventsPerSec: round(rate(best), 0),
    p50Ms: round(percentile(sorted, 50), 3),
    p99Ms: round(percentile(sorted, 99), 3),
    operations: best.latenciesMs.length,
    events: best.events,
    elapsedMs: round(best.elapsedMs, 1),
    rounds: runs.map((r) => round(rate(r), 0)),
  };
}

interface ScenarioResult {
  name: string;
  description: string;
  unit: 'append' | 'read' | 'batch';
  ours: Figures;
  emmett: Figures;
  /** ours / Emmett, events per second. */
  ratio: number;
}

async function compare(
  cluster: BenchCluster,
  contenders: [Contender, Contender],
  name: string,
  description: string,
  unit: 'append' | 'read' | 'batch',
  measure: (c: Contender) => Promise<Run>,
): Promise<ScenarioResult> {
  const runs = new Map<string, Run[]>(contenders.map((c) => [c.name, []]));
  for (let r = 0; r < CONFIG.rounds; r++) {
    const order = r % 2 === 0 ? contenders : [contenders[1], contenders[0]];
    for (const c of order) {
      await cluster.checkpoint();
      const run = await measure(c);
      runs.get(c.name)!.push(run);
      note(
        `  ${name} round ${r + 1} ${c.name}: ${Math.round((run.events / run.elapsedMs) * 1000)} events/s`,
      );
    }
  }
  const oursFigures = figures(runs.get('ours')!);
  const emmettFigures = figures(runs.get('emmett')!);
  return {
    name,
    description,
    unit,
    ours: oursFigures,
    emmett: emmettFigures,
    ratio: round(oursFigures.eventsPerSec / emmettFigures.eventsPerSec, 2),
  };
}

async function main(): Promise<void> {
  const types = stockTypeParsers();
  const cluster = await startBenchCluster();
  const contenders: Contender[] = [];
  try {
    note(`PostgreSQL ${cluster.version} at ${new URL(cluster.url).host}`);
    const oursDb = await cluster.createDatabase('bench_append_ours');
    const emmettDb = await cluster.createDatabase('bench_append_emmett');
    const pair: [Contender, Contender] = [
      await ours(oursDb.url, types),
      await emmett(emmettDb.url),
    ];
    contenders.push(...pair);

    note('warming up');
    for (const c of pair) {
      await sequential(c, 200);
      await concurrent(c, 100, CONFIG.writers, 2, CONFIG.batchSize);
      const warm = `order-${randomUUID()}`;
      await fillStream(c, warm, 1000);
      await reads(c, warm, 3, 1000);
      await newStreamBatches(c, 2, CONFIG.batchStreams, CONFIG.batchEvents);
    }

    const results: ScenarioResult[] = [];
    note('(a) one stream, sequential appends of 1 event');
    results.push(
      await compare(
        cluster,
        pair,
        'a-one-stream-sequential',
        `one stream, ${CONFIG.sequentialAppends} sequential appends of 1 event (expected version)`,
        'append',
        (c) => sequential(c, CONFIG.sequentialAppends),
      ),
    );
    note('(b) many streams, concurrent writers, batches');
    results.push(
      await compare(
        cluster,
        pair,
        'b-many-streams-concurrent',
        `${CONFIG.streams} streams, ${CONFIG.writers} concurrent writers, ` +
          `${CONFIG.appendsPerStream} appends of ${CONFIG.batchSize} events per stream`,
        'append',
        (c) =>
          concurrent(c, CONFIG.streams, CONFIG.writers, CONFIG.appendsPerStream, CONFIG.batchSize),
      ),
    );
    note('(c) read of a long stream');
    const longStreams = new Map<string, string>();
    for (const c of pair) {
      const streamId = `order-${randomUUID()}`;
      await fillStream(c, streamId, CONFIG.streamEvents);
      await reads(c, streamId, 2, CONFIG.streamEvents);
      longStreams.set(c.name, streamId);
    }
    results.push(
      await compare(
        cluster,
        pair,
        'c-read-long-stream',
        `whole-stream read of ${CONFIG.streamEvents} events, ${CONFIG.reads} times`,
        'read',
        (c) => reads(c, longStreams.get(c.name)!, CONFIG.reads, CONFIG.streamEvents),
      ),
    );

    note('(d) a flash-sale batch of new streams');
    results.push(
      await compare(
        cluster,
        pair,
        'd-new-streams-batch',
        `${CONFIG.batches} batches of ${CONFIG.batchStreams} new streams with ` +
          `${CONFIG.batchEvents} events each`,
        'batch',
        (c) => newStreamBatches(c, CONFIG.batches, CONFIG.batchStreams, CONFIG.batchEvents),
      ),
    );

    const machine = machineInfo(cluster.version);
    const header = ['scenario', 'store', 'events/s', 'p50 ms', 'p99 ms', 'per', 'ours/emmett'];
    const rows = results.flatMap((r) => [
      [
        r.name,
        'ours',
        String(r.ours.eventsPerSec),
        fmt(r.ours.p50Ms),
        fmt(r.ours.p99Ms),
        r.unit,
        '',
      ],
      [
        '',
        'emmett',
        String(r.emmett.eventsPerSec),
        fmt(r.emmett.p50Ms),
        fmt(r.emmett.p99Ms),
        r.unit,
        r.ratio.toFixed(2),
      ],
    ]);
    process.stdout.write(
      `\nEvent store append/read benchmark — ${machine.cpus} × ${machine.cpuModel}, ` +
        `Node ${machine.node}, PostgreSQL ${machine.postgres}, pool ${CONFIG.poolSize} each, ` +
        `best of ${CONFIG.rounds}\n\n${formatTable(header, rows)}\n`,
    );
    const file = writeResult(args.out, {
      generatedAt: new Date().toISOString(),
      machine,
      config: CONFIG,
      scenarios: results,
    });
    note(`\nwrote ${file}`);
  } finally {
    for (const c of contenders) await c.close().catch(() => undefined);
    await cluster.stop();
  }
}

const fmt = (ms: number): string => ms.toFixed(2);

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exitCode = 1;
});
