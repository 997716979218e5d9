import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import cors from 'cors';
import express, { type Request, type Response } from 'express';
import { type GraphQLFormattedError, type GraphQLSchema, type ValidationRule } from 'graphql';
import helmet from 'helmet';
import http from 'node:http';
import { type AddressInfo } from 'node:net';
import proxyaddr from 'proxy-addr';
import { createGraphQLContext, type GraphQLContext } from '../../graphql/context';
import { type GraphQLServices } from '../../graphql/services';
import { type Logger } from '../logging/logger';
import { currentRequestId, withRequestId } from '../logging/request-context';
import { type Metrics } from '../metrics/metrics';
import { graphqlMetricsPlugin } from './graphql-metrics-plugin';
import { attachGraphQLWebSocket } from './graphql-over-ws';
import { graphqlPostHandler, isGraphQLPost } from './graphql-post';
import { GRAPHIQL_ASSETS_PATH, graphiqlAssets, graphiqlPage } from './graphiql-page';
import { asHttpRefusal } from '../../graphql/http-refusal';

export interface HealthCheck {
  name: string;
  check(): Promise<void>;
}

export interface ExtraRoutes {
  (app: express.Express): void;
}

export interface HttpServerOptions {
  schema: GraphQLSchema;
  services: GraphQLServices;
  logger: Logger;
  readiness: HealthCheck[];
  validationRules: ValidationRule[];
  plugins: ApolloServerPlugin<GraphQLContext>[];
  formatError: (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;
  routes: ExtraRoutes;
  metrics: Metrics;
  /** Origins allowed to call the API from a browser; none by default. */
  corsOrigins: string[];
}

export interface RunningHttpServer {
  server: http.Server;
  port: number;
  /** Stops accepting, lets in-flight requests finish (bounded), closes subscriptions. */
  stop(): Promise<void>;
}

const BODY_LIMIT = '100kb';
/** Whose X-Forwarded-For is believed: a proxy on the same host only. */
const TRUST_PROXY = 'loopback';
const TRUSTED_PROXIES = proxyaddr.compile(TRUST_PROXY);

/** One port: /graphql (HTTP + WebSocket + GraphiQL), /healthz, /readyz and the extra routes. */
export async function startHttpServer(
  options: HttpServerOptions,
  listen: { port: number; host: string },
): Promise<RunningHttpServer> {
  const app = express();
  app.disable('x-powered-by');
  // API answers are never revalidated; hashing every body for an ETag is pure cost.
  app.set('etag', false);
  app.set('trust proxy', TRUST_PROXY);
  const server = http.createServer();
  server.requestTimeout = 30_000;
  server.headersTimeout = 10_000;
  server.keepAliveTimeout = 65_000;
  const securityHeaders = helmet({
    contentSecurityPolicy: {
      directives: {
        'script-src': ["'self'"],
        'connect-src': ["'self'", 'ws:', 'wss:'],
        // This server speaks plain HTTP; upgraded asset and WebSocket URLs would reach nothing.
        'upgrade-insecure-requests': null,
      },
    },
  });
  const corsPolicy = cors({
    origin: options.corsOrigins.length > 0 ? options.corsOrigins : false,
  });
  const jsonBody = express.json({ limit: BODY_LIMIT });
  app.use(securityHeaders, corsPolicy);
  const apollo = new ApolloServer<GraphQLContext>({
    schema: options.schema,
    validationRules: options.validationRules,
    parseOptions: { maxTokens: 5_000 },
    formatError: options.formatError,
    includeStacktraceInErrorResponses: false,
    allowBatchedHttpRequests: false,
    introspection: true,
    // CSRF rides on credentials a browser attaches by itself; ours is a bearer token it never
    // attaches, Apollo refuses mutations over GET, and a cross-site form cannot send JSON, so
    // the check would only refuse plain GET queries.
    csrfPrevention: false,
    // Shutdown is ours (main.ts): it drains HTTP, then workers, then the database, in order.
    stopOnTerminationSignals: false,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer: server }),
      ApolloServerPluginLandingPageDisabled(),
      graphqlMetricsPlugin(options.metrics),
      ...options.plugins,
    ],
  });
  await apollo.start();

  app.get('/metrics', (_req, res, next) => {
    options.metrics.registry
      .metrics()
      .then((text) => res.type(options.metrics.registry.contentType).send(text))
      .catch(next);
  });
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', (_req, res) => {
    void readiness(options.readiness).then((failures) => {
      if (failures.length === 0) res.json({ status: 'ready' });
      else res.status(503).json({ status: 'unavailable', reasons: failures });
    });
  });
  app.use(GRAPHIQL_ASSETS_PATH, graphiqlAssets());
  app.get('/graphql', (req, res, next) => {
    if (req.accepts(['application/json', 'text/html']) === 'text/html' && !req.query.query) {
      res.type('html').send(graphiqlPage());
      return;
    }
    next();
  });
  options.routes(app);
  const context = (req: http.IncomingMessage) =>
    createGraphQLContext(options.services, {
      authorization: req.headers.authorization,
      correlationId: currentRequestId(),
      clientIp: proxyaddr(req, TRUSTED_PROXIES),
    }).catch((error: unknown) => {
      throw asHttpRefusal(error);
    });
  app.use('/graphql', jsonBody, expressMiddleware(apollo, { context: ({ req }) => context(req) }));
  app.use((error: unknown, _req: Request, res: Response, next: (error: unknown) => void) => {
    if (res.headersSent) next(error);
    else sendJsonError(options.logger, error, res);
  });
  const graphqlPost = graphqlPostHandler({
    apollo,
    middlewares: [securityHeaders, corsPolicy, jsonBody],
    context,
    onError: (error, res) => {
      if (!res.headersSent) {
        sendJsonError(options.logger, error, res);
        return;
      }
      options.logger.error({ err: error }, 'HTTP error after the answer began');
      res.destroy();
    },
  });
  server.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => {
    withRequestId(req.headers['x-request-id'], (requestId) => {
      res.setHeader('x-request-id', requestId);
      const end = options.metrics.httpDuration.startTimer({ method: req.method });
      if (isGraphQLPost(req)) {
        res.on('finish', () => end({ route: '/graphql', status: String(res.statusCode) }));
        graphqlPost(req, res);
        return;
      }
      res.on('finish', () =>
        end({ route: routeOf(req as Request), status: String(res.statusCode) }),
      );
      app(req, res);
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', (error) =>
      reject(
        new Error(`cannot listen on HOST ${listen.host}, PORT ${listen.port}: ${error.message}`),
      ),
    );
    server.listen(listen.port, listen.host, () => resolve());
  });
  // Attached once listening: a WebSocket server re-emits its HTTP server's errors, and
  // graphql-ws prints them as internal errors, which a taken port is not.
  const ws = attachGraphQLWebSocket(
    server,
    options.schema,
    options.services,
    options.validationRules,
    options.formatError,
    options.metrics,
  );
  const port = (server.address() as AddressInfo).port;
  return {
    server,
    port,
    async stop() {
      options.logger.debug('closing subscriptions');
      await ws.dispose();
      options.logger.debug('draining HTTP');
      await apollo.stop();
      server.closeAllConnections();
    },
  };
}

async function readiness(checks: HealthCheck[]): Promise<string[]> {
  const results = await Promise.all(
    checks.map(async (c) => {
      try {
        await withTimeout(c.check(), 2000);
        return null;
      } catch (error) {
        return `${c.name}: ${error instanceof Error ? error.message : 'unavailable'}`;
      }
    }),
  );
  return results.filter((r): r is string => r !== null);
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('timed out')), ms);
    promise.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e: unknown) => {
        clearTimeout(timer);
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });
}

/** Malformed or oversized bodies are the client's fault: 4xx in GraphQL's error shape, no internals. */
function sendJsonError(logger: Logger, error: unknown, res: http.ServerResponse): void {
  const status = httpStatusOf(error);
  if (status >= 500) logger.error({ err: error }, 'unhandled HTTP error');
  const message =
    status === 413
      ? 'Request body too large'
      : status === 400
        ? 'Malformed JSON body'
        : status >= 500
          ? 'Internal server error'
          : 'Bad request';
  const code = status >= 500 ? 'INTERNAL_SERVER_ERROR' : 'BAD_USER_INPUT';
  res.statusCode = status;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.end(JSON.stringify({ errors: [{ message, extensions: { code } }] }));
}

/** Routes, not raw URLs, so ids in paths do not explode the metric's label set. */
function routeOf(req: Request): string {
  const route = (req.route as { path?: unknown } | undefined)?.path;
  if (typeof route === 'string') return `${req.baseUrl}${route}`;
  if (req.baseUrl) return req.baseUrl;
  return req.path.startsWith('/graphiql-assets') ? '/graphiql-assets' : 'other';
}

function httpStatusOf(error: unknown): number {
  if (typeof error === 'object' && error !== null && 'status' in error) {
    const status = error.status;
    if (typeof status === 'number' && status >= 400 && status < 600) return status;
  }
  return 500;
}
