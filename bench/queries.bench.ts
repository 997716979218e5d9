/**
 * `npm run bench:queries`: the shop's reads (brief section 9: product page and search, p99 under
 * 50 ms at 200 concurrent clients), over GraphQL HTTP against the app as `npm start` runs it.
 *
 * Seeds a catalog of --products products (deterministic words, categories, tags, prices and
 * stock; 10% sold out) through the catalog service, and --orders paid orders of 2 or 3 lines over
 * the most popular 200 of them through the API, so that product pages show recommendations; waits
 * until every projection has caught up. Then, for each scenario, over --clients keep-alive
 * connections:
 *
 *   stack         `{ __typename }`: the HTTP and GraphQL stack alone, the baseline;
 *   product-page  one product with its tags, stock and four recommendations (with their stock);
 *   search        a page of 20 from full-text search with filters, sort, total count and facets;
 *
 * each measured twice: closed loop (--warmup unmeasured, then --requests measured requests, each
 * client sending its next one as soon as its previous one is answered: the most the server
 * does) and open loop (--rate requests per second for --open-seconds, due whatever the server is
 * doing, latency counted from when each was due: 200 shoppers clicking once a second at the
 * default). With clients that never pause a request waits on average clients ÷ throughput
 * (Little's law), so the closed-loop p99 is bound by throughput; the open-loop p99 is what a
 * shopper sees at that load. Writes bench/results/queries.json. DATABASE_URL selects an existing
 * server; otherwise an embedded one runs under BENCH_DATA_DIR (default ./.bench-data).
 * Options: --products --orders --clients --requests --warmup --rate --open-seconds --scenarios --out.
 */
import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { CatalogService } from '../src/application/catalog/catalog-service';
import { CommandExecutor } from '../src/application/commands/command-executor';
import { startApp } from '../src/composition/app';
import { createEventStore } from '../src/composition/event-store';
import { loadConfig } from '../src/infrastructure/config/config';
import { createLogger } from '../src/infrastructure/logging/logger';
import { createPool } from '../src/infrastructure/postgres/pool';
import { catalog, productPageBodies, searchBodies, seededRandom } from './queries/catalog';
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
import { graphqlClient, type Gql } from './support/graphql-client';
import { type QueryLoadResult, runQueryLoad } from './support/query-load';

const { values: args } = parseArgs({
  options: {
    products: { type: 'string', default: '5000' },
    orders: { type: 'string', default: '300' },
    clients: { type: 'string', default: '200' },
    requests: { type: 'string', default: '10000' },
    warmup: { type: 'string', default: '1000' },
    rate: { type: 'string', default: '200' },
    'open-seconds': { type: 'string', default: '20' },
    scenarios: { type: 'string', default: 'stack,product-page,search' },
    out: { type: 'string', default: 'bench/results/queries.json' },
  },
});
const int = (name: keyof typeof args): number => {
  const value = Number(args[name]);
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} must be a whole number`);
  return value;
};
const CONFIG = {
  products: int('products'),
  orders: int('orders'),
  clients: int('clients'),
  requests: int('requests'),
  warmup: int('warmup'),
  /** Open loop: requests per second, and for how long. */
  ratePerSec: int('rate'),
  openSeconds: int('open-seconds'),
  buyers: 10,
  popular: 200,
  goalP99Ms: 50,
};
const ADMIN = { email: 'admin@bench.test', password: 'bench-admin-password' };
const SEED = 20261204;

interface ScenarioResult {
  name: string;
  /** `closed`: back-to-back clients; `open`: requests due at a fixed rate. */
  loop: 'closed' | 'open';
  requests: number;
  outcomes: Record<string, number>;
  perSec: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
}

async function main(): Promise<void> {
  const cluster = await startBenchCluster();
  const cleanup: (() => Promise<unknown>)[] = [];
  try {
    const db = await cluster.createDatabase('bench_queries');
    const config = loadConfig({
      DATABASE_URL: db.url,
      HOST: '127.0.0.1',
      PORT: '0',
      DATA_DIR: '.bench-data/app-queries',
      JWT_SECRET: 'bench-secret-that-is-long-enough-for-hs256',
      PAYMENT_WEBHOOK_SECRET: 'bench-webhook-secret',
      LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'silent',
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
    });
    const app = await startApp(config, createLogger(config.logLevel));
    cleanup.push(() => app.stop());
    const url = `http://127.0.0.1:${app.port}/graphql`;
    const gql = graphqlClient(url);
    note(`PostgreSQL ${cluster.version}; app on ${url}`);

    const productIds = await seedCatalog(config, db.url, cleanup);
    const adminToken = (
      await gql<{ login: { token: string } }>(
        'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }',
        { e: ADMIN.email, p: ADMIN.password },
      )
    ).login.token;
    await seedPaidOrders(gql, productIds.slice(0, CONFIG.popular));
    await waitForProjections(gql, adminToken);

    const closedCount = CONFIG.warmup + CONFIG.requests;
    const openCount = CONFIG.ratePerSec * CONFIG.openSeconds;
    const typename = (n: number) =>
      Array.from({ length: n }, () => JSON.stringify({ query: '{ __typename }' }));
    const scenarios: [string, (n: number, seed: number) => string[]][] = [
      ['stack', typename],
      ['product-page', (n, seed) => productPageBodies(productIds, n, seed)],
      ['search', searchBodies],
    ];
    const selected = args.scenarios.split(',').map((s) => s.trim());
    for (const name of selected)
      if (!scenarios.some(([known]) => known === name)) throw new Error(`unknown scenario ${name}`);
    const results: ScenarioResult[] = [];
    for (const [name, bodies] of scenarios.filter(([known]) => selected.includes(known))) {
      await cluster.checkpoint();
      note(
        `${name}: ${CONFIG.warmup} + ${CONFIG.requests} requests from ${CONFIG.clients} clients`,
      );
      const closed = await runQueryLoad({
        url,
        clients: CONFIG.clients,
        bodies: bodies(closedCount, SEED + 1),
        warmup: CONFIG.warmup,
        timeoutMs: 60_000,
      });
      results.push(summarize(name, 'closed', closed));
      note(`${name}: ${openCount} requests at ${CONFIG.ratePerSec}/s`);
      const open = await runQueryLoad({
        url,
        clients: CONFIG.clients,
        bodies: bodies(openCount, SEED + 2),
        warmup: 0,
        timeoutMs: 60_000,
        ratePerSec: CONFIG.ratePerSec,
      });
      results.push(summarize(name, 'open', open));
    }
    report(results, cluster.version);
  } finally {
    for (const step of cleanup.reverse()) await step().catch(() => undefined);
    await cluster.stop();
  }
}

function summarize(
  name: string,
  loop: ScenarioResult['loop'],
  load: QueryLoadResult,
): ScenarioResult {
  const sorted = sortedCopy(load.latencyMs);
  return {
    name,
    loop,
    requests: load.latencyMs.length,
    outcomes: load.outcomes,
    perSec: round((load.latencyMs.length / load.elapsedMs) * 1000, 1),
    p50Ms: round(percentile(sorted, 50), 1),
    p95Ms: round(percentile(sorted, 95), 1),
    p99Ms: round(percentile(sorted, 99), 1),
  };
}

/** The catalog through the catalog service (what createProduct runs), 8 at a time. */
async function seedCatalog(
  config: ReturnType<typeof loadConfig>,
  databaseUrl: string,
  cleanup: (() => Promise<unknown>)[],
): Promise<string[]> {
  const pool = createPool(databaseUrl, { max: 8, applicationName: 'bench-seed' });
  const eventStore = createEventStore(config, databaseUrl, pool);
  cleanup.push(
    () => pool.end(),
    () => eventStore.close(),
  );
  const service = new CatalogService(new CommandExecutor(eventStore), pool);
  const admin = { userId: '00000000-0000-4000-8000-000000000000', role: 'ADMIN' as const };
  const products = catalog(CONFIG.products, SEED);
  const ids: string[] = new Array<string>(products.length);
  const start = performance.now();
  await runPool(products.length, 8, async (i) => {
    const created = await service.createProduct(admin, products[i]!);
    ids[i] = created.state.status === 'ACTIVE' ? created.state.productId : '';
  });
  note(
    `seeded ${products.length} products in ${((performance.now() - start) / 1000).toFixed(1)} s`,
  );
  return ids.filter((id, i) => id !== '' && products[i]!.initialStock >= 20);
}

/** Paid orders of 2 or 3 popular products each, by a few buyers, so that pages have "bought together". */
async function seedPaidOrders(gql: Gql, popular: readonly string[]): Promise<void> {
  const random = seededRandom(SEED + 3);
  const perBuyer = Math.ceil(CONFIG.orders / CONFIG.buyers);
  const start = performance.now();
  await runPool(CONFIG.buyers, CONFIG.buyers, async (b) => {
    const { register } = await gql<{ register: { token: string } }>(
      'mutation($i: RegisterInput!) { register(input: $i) { token } }',
      { i: { email: `shopper-${b}-${SEED}@bench.test`, password: 'a-long-password' } },
    );
    for (let k = 0; k < perBuyer; k++) {
      const lines = new Set<string>();
      const size = 2 + Math.floor(random() * 2);
      while (lines.size < size) lines.add(popular[Math.floor(random() * popular.length)]!);
      const { placeOrder } = await gql<{ placeOrder: { id: string } }>(
        'mutation($i: PlaceOrderInput!) { placeOrder(input: $i) { id } }',
        {
          i: {
            items: [...lines].map((productId) => ({ productId, quantity: 1 })),
            idempotencyKey: `seed-${b}-${k}`,
          },
        },
        register.token,
      );
      await gql(
        'mutation($o: ID!) { simulatePayment(orderId: $o, succeed: true) { status } }',
        { o: placeOrder.id },
        register.token,
      );
    }
  });
  note(
    `placed and paid ${perBuyer * CONFIG.buyers} orders in ${((performance.now() - start) / 1000).toFixed(1)} s`,
  );
}

async function waitForProjections(gql: Gql, adminToken: string): Promise<void> {
  for (let i = 0; i < 600; i++) {
    const { projections } = await gql<{ projections: { name: string; lagEvents: number }[] }>(
      '{ projections { name lagEvents } }',
      {},
      adminToken,
    );
    if (projections.every((p) => p.lagEvents === 0)) return;
    await sleep(100);
  }
  throw new Error('projections did not catch up within a minute');
}

function report(results: ScenarioResult[], postgres: string): void {
  const machine = machineInfo(postgres);
  const header = ['scenario', 'load', 'req/s', 'p50 ms', 'p95 ms', 'p99 ms', 'outcomes'];
  const rows = results.map((r) => [
    r.name,
    r.loop === 'closed'
      ? `${CONFIG.clients} back to back`
      : `${CONFIG.ratePerSec}/s over ${CONFIG.clients}`,
    r.perSec.toFixed(0),
    r.p50Ms.toFixed(1),
    r.p95Ms.toFixed(1),
    r.p99Ms.toFixed(1),
    JSON.stringify(r.outcomes),
  ]);
  const lines = [
    '',
    `Shop reads: ${CONFIG.products} products, ${CONFIG.orders} paid orders, ${CONFIG.clients} clients; ${machine.cpus} × ${machine.cpuModel}, Node ${machine.node}, PostgreSQL ${postgres}`,
    '',
    formatTable(header, rows),
    '',
  ];
  for (const r of results.filter((x) => x.name !== 'stack')) {
    const met = r.p99Ms < CONFIG.goalP99Ms && (r.outcomes['OK'] ?? 0) === r.requests;
    const bound =
      r.loop === 'closed'
        ? `; Little's law: ${CONFIG.clients} ÷ ${r.perSec.toFixed(0)}/s = ${((CONFIG.clients / r.perSec) * 1000).toFixed(0)} ms mean`
        : '';
    lines.push(
      `  [${met ? 'met ' : 'MISS'}] ${r.name} (${r.loop} loop) p99 ${r.p99Ms} ms < ${CONFIG.goalP99Ms} ms, every answer OK${bound}`,
    );
  }
  process.stdout.write(`${lines.join('\n')}\n`);
  const file = writeResult(args.out, { config: CONFIG, machine, scenarios: results });
  note(`\nwrote ${file}`);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
