import { type TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { startApp, type RunningApp } from '../../../src/composition/app';
import { loadConfig } from '../../../src/infrastructure/config/config';
import { createLogger } from '../../../src/infrastructure/logging/logger';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { WEBHOOK_SECRET } from './webhook';

export const ADMIN = { email: 'admin@e2e.test', password: 'admin-password-1' };
/** The key the test servers sign tokens with, for tests that make their own. */
export const JWT_SECRET = 'e2e-secret-that-is-long-enough-for-hs256';

export interface GraphQLResponse<T> {
  status: number;
  data: T | null;
  errors?: { message: string; extensions?: { code?: string } & Record<string, unknown> }[];
}

export interface TestServer {
  url: string;
  wsUrl: string;
  db: TestDatabase;
  gql<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    token?: string,
  ): Promise<GraphQLResponse<T>>;
  /** Like gql, but fails the test on any error. */
  ok<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    token?: string,
  ): Promise<T>;
  /** A codegen-typed operation from test/e2e/operations; fails the test on any error. */
  run<R, V extends Record<string, unknown>>(
    document: TypedDocumentNode<R, V>,
    variables: V,
    token?: string,
  ): Promise<R>;
  /** A graphql-ws client sending `{ authorization: 'Bearer <token>' }`, or these connectionParams. */
  ws(auth?: string | Record<string, unknown>): Client;
  stop(): Promise<void>;
}

export interface TestServerOptions {
  /**
   * Serve from this database instead of a fresh one (a second instance of the same deployment);
   * it is left for its owner to drop.
   */
  database?: TestDatabase;
}

/**
 * A real server on a fresh database, spoken to over HTTP and WebSocket like a frontend would.
 * Pass REDIS_URL in `env` for the production shape (see test/integration/redis/support).
 */
export async function startTestServer(
  env: Record<string, string> = {},
  options: TestServerOptions = {},
): Promise<TestServer> {
  const db = options.database ?? (await createTestDatabase(4));
  const config = loadConfig({
    DATABASE_URL: db.url,
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: `.test-data/e2e-${process.pid}`,
    JWT_SECRET,
    PAYMENT_WEBHOOK_SECRET: WEBHOOK_SECRET,
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
    LOG_LEVEL: process.env.E2E_LOG_LEVEL ?? 'silent',
    ...env,
  });
  const app: RunningApp = await startApp(config, createLogger(config.logLevel));
  const url = `http://127.0.0.1:${app.port}/graphql`;
  const clients: Client[] = [];
  const gql = async <T>(
    query: string,
    variables?: Record<string, unknown>,
    token?: string,
  ): Promise<GraphQLResponse<T>> => {
    const res = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await res.json()) as Omit<GraphQLResponse<T>, 'status'>;
    return { status: res.status, ...body, data: body.data ?? null };
  };
  const ok = async <T>(query: string, variables?: Record<string, unknown>, token?: string) => {
    const result = await gql<T>(query, variables, token);
    if (result.errors?.length || result.data === null) {
      throw new Error(`GraphQL errors: ${JSON.stringify(result.errors)}`);
    }
    return result.data;
  };
  return {
    url,
    wsUrl: url.replace('http', 'ws'),
    db,
    gql,
    ok,
    run: (document, variables, token) => ok(print(document), variables, token),
    ws(auth?: string | Record<string, unknown>) {
      const client = createClient({
        url: url.replace('http', 'ws'),
        webSocketImpl: WebSocket,
        connectionParams:
          typeof auth === 'object' ? auth : auth ? { authorization: `Bearer ${auth}` } : {},
        retryAttempts: 0,
        lazy: true,
      });
      clients.push(client);
      return client;
    },
    async stop() {
      await Promise.all(clients.map(async (c) => c.dispose()));
      await app.stop();
      if (!options.database) await db.drop();
    },
  };
}
