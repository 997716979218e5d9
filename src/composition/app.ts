import express from 'express';
import { CatalogService } from '../application/catalog/catalog-service';
import { CartService } from '../application/carts/cart-service';
import { systemClock } from '../application/clock';
import { CommandExecutor } from '../application/commands/command-executor';
import { OrderProcess } from '../application/orders/order-process';
import { OrderService } from '../application/orders/order-service';
import { Reconciler } from '../application/processes/reconciler';
import { PurchaseBatcher } from '../application/purchases/purchase-batcher';
import { PurchaseService } from '../application/purchases/purchase-service';
import { PurchaseTickets } from '../application/purchases/purchase-tickets';
import { PurchaseWorker } from '../application/purchases/purchase-worker';
import { LoginThrottle, LOGIN_THROTTLE_POLICIES } from '../application/users/login-throttle';
import { UserService } from '../application/users/user-service';
import { buildChronocartSchema } from '../graphql/schema';
import { JwtTokenService } from '../infrastructure/auth/jwt-token-service';
import { PostgresUserStore } from '../infrastructure/auth/postgres-user-store';
import { ScryptPasswordHasher } from '../infrastructure/auth/scrypt-password-hasher';
import { type Config } from '../infrastructure/config/config';
import { startHttpServer } from '../infrastructure/http/http-server';
import { type Logger } from '../infrastructure/logging/logger';
import { createPool } from '../infrastructure/postgres/pool';
import { ProjectionRuntime } from '../projections/runtime/projection-runtime';
import { projections } from '../projections/registry';
import { createAdapters } from './adapters';
import { openDatabase } from './database';
import { createEventStore } from './event-store';
import { createGraphQLServices } from './graphql-services';
import { graphqlLimits } from './graphql-limits';
import { MUTATIONS_PER_USER, mutationLimit, mutationRateLimitPlugin } from './mutation-rate-limit';
import { readYourWritesPlugin } from './read-your-writes';
import { startPayments, type Payments } from './payments';
import { PostgresReadModel } from './postgres-read-model';
import { resolveSecrets } from './secrets';
import { registerOperationalGauges } from './operational-gauges';
import { Metrics } from '../infrastructure/metrics/metrics';
import { currentRequestId } from '../infrastructure/logging/request-context';

function requireStarted(payments: Payments | null): Payments {
  if (!payments) throw new Error('payments are not started yet');
  return payments;
}

function requirePurchases(purchases: PurchaseService | null): PurchaseService {
  if (!purchases) throw new Error('purchases are not wired yet');
  return purchases;
}

export interface RunningApp {
  port: number;
  stop(): Promise<void>;
}

/** Scrypt at N=2^15, r=8 (32 MiB per hash): memory-hard, and quick enough for sign-up bursts. */
const CART_SWEEP_MS = 60 * 60 * 1000;
/** How long a write's answer, or a query after a purchase, waits for the read side at most. */
const READ_YOUR_WRITES_MS = 5_000;

const SCRYPT = { N: 2 ** 15, r: 8, p: 1 };

/**
 * The composition root: the only place that turns configuration into adapters and wires them
 * to the application. The embedded default and the production shape differ only here.
 */
export async function startApp(config: Config, logger: Logger): Promise<RunningApp> {
  const database = await openDatabase(config, logger, 'server');
  const pool = createPool(database.url, { max: 40 });
  const eventStore = createEventStore(config, database.url, pool);
  const adapters = await createAdapters(config, pool, logger);
  const { pubsub } = adapters;
  const secrets = resolveSecrets(config, logger);

  const readModel = new PostgresReadModel(pool, eventStore, adapters.productCache);
  const runtime = new ProjectionRuntime({
    pool,
    eventStore,
    pubsub,
    projections,
    logger: logger.child({ part: 'projections' }),
  });
  readModel.attach(runtime);

  const metrics = new Metrics();
  const executor = new CommandExecutor(eventStore, {
    ambientMetadata: () => {
      const requestId = currentRequestId();
      return requestId ? { correlationId: requestId } : {};
    },
    observer: {
      decided: (aggregate, outcome, count) => metrics.commands.inc({ aggregate, outcome }, count),
      appended: (aggregate, events) => metrics.eventsAppended.inc({ aggregate }, events),
    },
  });
  const users = new UserService({
    users: new PostgresUserStore(pool),
    passwords: new ScryptPasswordHasher(SCRYPT),
    tokens: new JwtTokenService({ secret: secrets.jwtSecret }),
    loginThrottle: new LoginThrottle({
      perEmail: adapters.rateLimiter(LOGIN_THROTTLE_POLICIES.perEmail),
      perIp: adapters.rateLimiter(LOGIN_THROTTLE_POLICIES.perIp),
    }),
  });
  const lookupProducts = (ids: string[]) => readModel.catalogProducts(ids);
  const carts = new CartService({
    store: adapters.cartStore,
    lookupProducts,
  });

  // The gateway needs the port the server got; checkout reaches it through this late binding.
  let payments: Payments | null = null;
  const paymentRoutes = express.Router();
  const orderProcess = new OrderProcess({
    executor,
    clock: systemClock,
    payments: {
      createPayment: (request) => requireStarted(payments).gateway.createPayment(request),
    },
    cart: carts,
    reservationTtlMs: config.reservationTtlMs,
  });
  const orders = new OrderService(orderProcess, lookupProducts, carts);
  const catalog = new CatalogService(executor, pool);
  let worker: PurchaseWorker | null = null;
  const tickets = new PurchaseTickets(pool);
  // The batcher and the service call each other: the batcher reaches it through this binding.
  let purchasesRef: PurchaseService | null = null;
  const batcher = new PurchaseBatcher({
    store: eventStore,
    lookupProducts,
    openTickets: (requests) => tickets.open(requests, 'CLAIMED'),
    createPayments: (requests) => requireStarted(payments).gateway.createPayments(requests),
    recordOutcomes: (outcomes) => tickets.settle(outcomes),
    settleAlone: (ticket) => requirePurchases(purchasesRef).settleAlone(ticket),
    clock: systemClock,
    reservationTtlMs: config.reservationTtlMs,
    onAppended: (aggregate, events) => metrics.eventsAppended.inc({ aggregate }, events),
  });
  const purchases = new PurchaseService(tickets, batcher, orders, pubsub, () => worker?.notify());
  purchasesRef = purchases;
  worker = new PurchaseWorker(purchases, {
    onError: (err: unknown) => logger.error({ err }, 'purchase worker'),
  });
  const reconciler = new Reconciler(orderProcess, readModel.reconcilerQueries(), systemClock, {
    onError: (err: unknown) => logger.error({ err }, 'reconciler'),
  });

  if (config.adminEmail && config.adminPassword)
    await users.ensureAdmin(config.adminEmail, config.adminPassword);
  // An API-only replica leaves projections and background processes to the workers.
  const runsWorkers = config.processRole !== 'api';
  if (runsWorkers) await runtime.start();
  registerOperationalGauges(metrics, { pool, runtime, executor, batcher });

  const services = createGraphQLServices({
    users,
    carts,
    catalog,
    orders,
    orderProcess,
    purchases,
    payments: { settle: (id, succeed) => requireStarted(payments).gateway.settle(id, succeed) },
    readModel,
    pubsub,
    readYourWritesMs: READ_YOUR_WRITES_MS,
  });
  const limits = graphqlLimits(logger);
  const server = await startHttpServer(
    {
      schema: await buildChronocartSchema(),
      services,
      logger,
      readiness: [
        { name: 'database', check: async () => void (await pool.query('SELECT 1')) },
        { name: 'eventStore', check: () => eventStore.ping() },
        ...adapters.readiness,
      ],
      validationRules: limits.validationRules,
      plugins: [
        ...limits.plugins,
        mutationRateLimitPlugin(mutationLimit(adapters.rateLimiter(MUTATIONS_PER_USER))),
        readYourWritesPlugin(readModel, READ_YOUR_WRITES_MS),
      ],
      formatError: limits.formatError,
      routes: (app) => app.use(paymentRoutes),
      metrics,
      corsOrigins: config.corsOrigins,
    },
    { port: config.port, host: config.host },
  );
  payments = await startPayments({
    pool,
    secret: secrets.paymentWebhookSecret,
    webhookUrl: `http://127.0.0.1:${server.port}/webhooks/payments`,
    onPaymentSettled: (outcome) =>
      orderProcess.settlePayment(outcome, {
        correlationId: outcome.orderId,
        userId: 'system:payments',
      }),
    router: paymentRoutes,
    logger,
  });
  let cartSweep: NodeJS.Timeout | null = null;
  if (runsWorkers) {
    worker.start();
    reconciler.start();
    cartSweep = setInterval(() => {
      adapters.sweepExpiredCarts().catch((err: unknown) => logger.error({ err }, 'cart sweep'));
    }, CART_SWEEP_MS);
    cartSweep.unref();
  }

  return {
    port: server.port,
    async stop() {
      const steps: [string, () => Promise<unknown>][] = [
        ['http', () => server.stop()],
        ['reconciler', () => reconciler.stop()],
        ['cart sweep', () => Promise.resolve(cartSweep && clearInterval(cartSweep))],
        ['purchase worker', () => worker.stop()],
        ['payments', async () => payments?.stop()],
        ['projections', () => runtime.stop()],
        ['event store', () => eventStore.close()],
        ['pubsub', () => adapters.close()],
        ['pool', () => pool.end()],
        ['database', () => database.stop()],
      ];
      for (const [name, stop] of steps) {
        logger.debug(`stopping ${name}`);
        await stop();
      }
    },
  };
}
