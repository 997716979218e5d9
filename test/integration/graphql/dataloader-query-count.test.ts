import { graphql } from 'graphql';
import type pg from 'pg';
import { randomUUID } from 'node:crypto';
import {
  LoginThrottle,
  LOGIN_THROTTLE_POLICIES,
} from '../../../src/application/users/login-throttle';
import { UserService } from '../../../src/application/users/user-service';
import { createGraphQLServices, type ServiceDeps } from '../../../src/composition/graphql-services';
import { PostgresReadModel } from '../../../src/composition/postgres-read-model';
import { createGraphQLContext } from '../../../src/graphql/context';
import { buildChronocartSchema } from '../../../src/graphql/schema';
import { JwtTokenService } from '../../../src/infrastructure/auth/jwt-token-service';
import { PostgresUserStore } from '../../../src/infrastructure/auth/postgres-user-store';
import { ScryptPasswordHasher } from '../../../src/infrastructure/auth/scrypt-password-hasher';
import { InProcessPubSub } from '../../../src/infrastructure/pubsub/in-process-pubsub';
import { createMemoryRateLimiter } from '../../../src/infrastructure/rate-limit/memory-rate-limiter';
import { projections } from '../../../src/projections/registry';
import { ProjectionRuntime } from '../../../src/projections/runtime/projection-runtime';
import { type Topics } from '../../../src/projections/topics';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { stockedProduct, writeSide, type WriteSide } from '../write-side/harness';

/** Counts the statements that reach PostgreSQL through a pool. */
function countingPool(pool: pg.Pool): { pool: pg.Pool; count: () => number; reset: () => void } {
  let statements = 0;
  const proxy = new Proxy(pool, {
    get(target, property, receiver) {
      if (property === 'query') {
        return (...args: Parameters<pg.Pool['query']>) => {
          statements++;
          return (target.query as (...a: unknown[]) => unknown).apply(target, args);
        };
      }
      const value: unknown = Reflect.get(target, property, receiver);
      return typeof value === 'function'
        ? (value as (...a: unknown[]) => unknown).bind(target)
        : value;
    },
  });
  return { pool: proxy, count: () => statements, reset: () => (statements = 0) };
}

const PAGE = `{
  orders(first: 20) {
    totalCount
    edges { node { id status user { email } items { quantity product { name price inventory { available } } } } }
  }
}`;

const PRODUCT_PAGE = `query($id: ID!) {
  product(id: $id) { name inventory { available } recommendations(first: 3) { name inventory { available } } }
}`;

describe('DataLoader: a page of 20 orders with users, items, products and inventory', () => {
  let db: TestDatabase;
  let side: WriteSide;
  let runtime: ProjectionRuntime;
  beforeAll(async () => {
    db = await createTestDatabase(10);
    side = writeSide(db);
    runtime = new ProjectionRuntime({
      pool: db.pool,
      eventStore: side.store,
      pubsub: new InProcessPubSub<Topics>(),
      projections,
    });
    await runtime.start();
  });
  afterAll(async () => {
    await runtime.stop();
    await side.store.close();
    await db.drop();
  });

  it('takes a small constant number of SQL statements', async () => {
    const users = new UserService({
      users: new PostgresUserStore(db.pool),
      passwords: new ScryptPasswordHasher({ N: 2 ** 12, r: 8, p: 1 }),
      tokens: new JwtTokenService({ secret: 'a-secret-that-is-long-enough-for-tests' }),
      loginThrottle: new LoginThrottle({
        perEmail: createMemoryRateLimiter(LOGIN_THROTTLE_POLICIES.perEmail),
        perIp: createMemoryRateLimiter(LOGIN_THROTTLE_POLICIES.perIp),
      }),
    });
    const buyers = await Promise.all(
      [1, 2, 3].map(
        async () =>
          (
            await users.register({
              email: `${randomUUID()}@count.test`,
              password: 'long-enough-pw',
            })
          ).user,
      ),
    );
    const products = await Promise.all(Array.from({ length: 6 }, () => stockedProduct(side, 100)));
    // Wait for the last order's own position: the log's head excludes events behind any
    // transaction still open on the server, which other test files' databases share.
    let last: string | null = null;
    for (let i = 0; i < 20; i++) {
      ({ position: last } = await side.orders.placeOrder({
        actor: { userId: buyers[i % 3]!.id, role: 'CUSTOMER' },
        lines: [0, 1, 2].map((k) => ({ productId: products[(i + k) % 6]!, quantity: 1 })),
        idempotencyKey: `order-${i}`,
        source: 'PLACE_ORDER',
      }));
    }
    expect(await runtime.waitForPosition(last!, 10_000)).toBe(true);

    const counted = countingPool(db.pool);
    const countedUsers = new UserService({
      users: new PostgresUserStore(counted.pool),
      passwords: new ScryptPasswordHasher(),
      tokens: new JwtTokenService({ secret: 'a-secret-that-is-long-enough-for-tests' }),
      loginThrottle: new LoginThrottle({
        perEmail: createMemoryRateLimiter(LOGIN_THROTTLE_POLICIES.perEmail),
        perIp: createMemoryRateLimiter(LOGIN_THROTTLE_POLICIES.perIp),
      }),
    });
    const readModel = new PostgresReadModel(counted.pool, side.store);
    const services = createGraphQLServices({
      users: countedUsers,
      readModel,
      pubsub: new InProcessPubSub<Topics>(),
      readYourWritesMs: 0,
    } as unknown as ServiceDeps);
    const schema = await buildChronocartSchema();
    const context = await createGraphQLContext(services, {});
    const result = await graphql({
      schema,
      source: PAGE,
      contextValue: { ...context, actor: { userId: buyers[0]!.id, role: 'ADMIN' } },
    });
    expect(result.errors).toBeUndefined();
    const page = result.data as {
      orders: { totalCount: number; edges: { node: { items: unknown[] } }[] };
    };
    expect(page.orders.edges).toHaveLength(20);
    expect(page.orders.edges.every((e) => e.node.items.length === 3)).toBe(true);
    // The orders page and its count, then one batch each of users, products and inventory levels.
    expect(counted.count()).toBe(5);

    // Ten product pages at once, each request with its own loaders: the read model batches
    // their reads across requests, level by level, instead of ten queries per level.
    counted.reset();
    const pages = await Promise.all(
      products.slice(0, 5).flatMap((id) =>
        [1, 2].map(async () =>
          graphql({
            schema,
            source: PRODUCT_PAGE,
            variableValues: { id },
            contextValue: await createGraphQLContext(services, {}),
          }),
        ),
      ),
    );
    expect(pages.map((p) => p.errors)).toEqual(Array(10).fill(undefined));
    expect(
      pages.every(
        (p) =>
          (p.data as { product: { inventory: { available: number } } }).product.inventory
            .available > 0,
      ),
    ).toBe(true);
    // Products, then their inventory and recommendations, then the recommended products and
    // their inventory: at most five statements for all ten.
    expect(counted.count()).toBeGreaterThan(0);
    expect(counted.count()).toBeLessThanOrEqual(5);
  });
});
