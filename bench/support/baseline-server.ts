import {
  buildSchema,
  execute,
  GraphQLError,
  parse,
  validate,
  type DocumentNode,
  type GraphQLSchema,
} from 'graphql';
import http from 'node:http';
import { type AddressInfo } from 'node:net';
import type pg from 'pg';
import { inventoryDecider, inventoryStreamId } from '../../src/aggregates/inventory';
import { isDomainError } from '../../src/aggregates/shared/domain-error';
import { inventoryAggregate } from '../../src/application/commands/aggregates';
import { loadStream } from '../../src/application/commands/load-stream';
import { toNewEvent } from '../../src/application/commands/stream-codec';
import { orderIdFor, ticketIdFor } from '../../src/application/orders/order-ids';
import { WrongExpectedVersion } from '../../src/infrastructure/event-store/errors';
import { type EventStore } from '../../src/infrastructure/event-store/event-store';

/**
 * The two baselines of the flash-sale benchmark, behind the same `purchase` mutation as ours
 * (graphql-js on node:http, so they pay less per request than our Apollo stack does). The bearer
 * token is read for its subject, not verified, to derive the same ticket and order ids.
 */
export type PurchaseStrategy = (
  userId: string,
  productId: string,
  quantity: number,
  idempotencyKey: string,
) => Promise<{ ticketId: string; outcome: 'RESERVED' | 'SOLD_OUT' }>;

export const SDL = `
  enum PurchaseOutcome { QUEUED REJECTED RESERVED SOLD_OUT }
  type PurchaseResult { ticketId: ID! outcome: PurchaseOutcome! }
  type Query { ok: Boolean }
  type Mutation {
    purchase(idempotencyKey: String!, productId: ID!, quantity: Int! = 1): PurchaseResult!
  }
`;

export interface RetryPolicy {
  retries: number;
  /** Wait before retry k (0-based) is minTimeoutMs * factor^k. */
  minTimeoutMs: number;
  factor: number;
}

/** What Emmett's command handler does on a version conflict by default (3 retries, 100 ms × 1.5^k). */
export const EMMETT_CONFLICT_RETRY: RetryPolicy = { retries: 3, minTimeoutMs: 100, factor: 1.5 };

/**
 * naive-retry: load the whole inventory stream, decide with our inventory decider, append with
 * the expected version; on WrongExpectedVersion wait and do it all again, up to `retries` times.
 * No group commit, no cache.
 */
export function naiveRetryStrategy(store: EventStore, policy: RetryPolicy): PurchaseStrategy {
  return async (userId, productId, quantity, idempotencyKey) => {
    const ticketId = ticketIdFor(userId, idempotencyKey);
    const orderId = orderIdFor(userId, `purchase:${ticketId}`);
    const streamId = inventoryStreamId(productId);
    const expiresAt = new Date(Date.now() + 15 * 60_000).toISOString();
    for (let attempt = 0; attempt <= policy.retries; attempt++) {
      if (attempt > 0) await sleep(policy.minTimeoutMs * policy.factor ** (attempt - 1));
      const { state, version } = await loadStream(store, inventoryAggregate, streamId);
      const decision = inventoryDecider.decide(
        { type: 'ReserveStock', data: { productId, orderId, quantity, expiresAt } },
        state,
      );
      if (isDomainError(decision)) {
        if (decision.code === 'OUT_OF_STOCK') return { ticketId, outcome: 'SOLD_OUT' };
        throw new GraphQLError(decision.message, { extensions: { code: decision.code } });
      }
      if (decision.length === 0) return { ticketId, outcome: 'RESERVED' };
      try {
        await store.appendToStream(
          streamId,
          decision.map((e) => toNewEvent(e, { userId, correlationId: orderId, idempotencyKey })),
          version < 0 ? 'no_stream' : version,
        );
        return { ticketId, outcome: 'RESERVED' };
      } catch (error) {
        if (!(error instanceof WrongExpectedVersion)) throw error;
      }
    }
    throw new GraphQLError('The item changed concurrently too often; try again', {
      extensions: { code: 'CONFLICT' },
    });
  };
}

export const ROW_LOCK_DDL = `
  CREATE TABLE IF NOT EXISTS bench_stock (product_id uuid PRIMARY KEY, available integer NOT NULL);
  CREATE TABLE IF NOT EXISTS bench_sales (
    ticket_id uuid PRIMARY KEY,
    product_id uuid NOT NULL,
    quantity integer NOT NULL
  );`;

/**
 * row-lock: the relational approach, one statement per purchase: take the units from the stock
 * row under its row lock, and record the sale in the same transaction.
 */
export function rowLockStrategy(pool: pg.Pool): PurchaseStrategy {
  return async (userId, productId, quantity, idempotencyKey) => {
    const ticketId = ticketIdFor(userId, idempotencyKey);
    const { rowCount } = await pool.query(
      `WITH taken AS (
         UPDATE bench_stock SET available = available - $2
         WHERE product_id = $1 AND available >= $2 RETURNING product_id)
       INSERT INTO bench_sales (ticket_id, product_id, quantity)
       SELECT $3, product_id, $2 FROM taken`,
      [productId, quantity, ticketId],
    );
    return { ticketId, outcome: rowCount === 1 ? 'RESERVED' : 'SOLD_OUT' };
  };
}

export interface BaselineServer {
  url: string;
  /** Replaces the strategy behind the mutation. */
  use(strategy: PurchaseStrategy): void;
  stop(): Promise<void>;
}

export interface PurchaseArgs {
  idempotencyKey: string;
  productId: string;
  quantity: number;
}

export async function startBaselineServer(): Promise<BaselineServer> {
  const schema: GraphQLSchema = buildSchema(SDL);
  let strategy: PurchaseStrategy | null = null;
  // Like Apollo's document cache: parse and validate each distinct query once.
  const documents = new Map<string, DocumentNode>();
  const document = (source: string): DocumentNode | readonly GraphQLError[] => {
    const cached = documents.get(source);
    if (cached) return cached;
    const parsed = parse(source);
    const errors = validate(schema, parsed);
    if (errors.length > 0) return errors;
    documents.set(source, parsed);
    return parsed;
  };
  const rootValue = {
    purchase: (args: PurchaseArgs, context: { userId: string }) => {
      if (!strategy) throw new GraphQLError('no strategy', { extensions: { code: 'INTERNAL' } });
      return strategy(context.userId, args.productId, args.quantity, args.idempotencyKey.trim());
    },
  };

  const handle = async (body: string, authorization: string | undefined): Promise<unknown> => {
    const request = JSON.parse(body) as { query: string; variables?: Record<string, unknown> };
    const doc = document(request.query);
    if (!('kind' in doc)) return { errors: doc.map((e) => e.toJSON()) };
    const result = await execute({
      schema,
      document: doc,
      rootValue,
      contextValue: { userId: subjectOf(authorization) },
      variableValues: request.variables ?? {},
    });
    return {
      data: result.data ?? null,
      ...(result.errors ? { errors: result.errors.map((e) => e.toJSON()) } : {}),
    };
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      handle(Buffer.concat(chunks).toString('utf8'), req.headers.authorization)
        .then((payload) => {
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(JSON.stringify(payload));
        })
        .catch((error: unknown) => {
          res.writeHead(400, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ errors: [{ message: String(error) }] }));
        });
    });
  });
  return listenBaseline(server, (next) => (strategy = next));
}

/** Serves a baseline on a free port; `use` swaps the strategy behind its mutation. */
export async function listenBaseline(
  server: http.Server,
  use: (strategy: PurchaseStrategy) => void,
  beforeClose: () => Promise<void> = () => Promise.resolve(),
): Promise<BaselineServer> {
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    use,
    async stop() {
      await beforeClose();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** The `sub` claim of a bearer JWT, unverified. */
export function subjectOf(authorization: string | undefined): string {
  const token = authorization?.replace(/^Bearer\s+/i, '') ?? '';
  const payload = token.split('.')[1] ?? '';
  try {
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as {
      sub?: unknown;
    };
    if (typeof claims.sub === 'string') return claims.sub;
  } catch {
    // fall through
  }
  throw new GraphQLError('Not signed in', { extensions: { code: 'UNAUTHENTICATED' } });
}
