import {
  GraphQLError,
  type GraphQLFormattedError,
  type GraphQLSchema,
  specifiedRules,
  validate,
  type ValidationRule,
} from 'graphql';
import { CloseCode } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import type http from 'node:http';
import { WebSocketServer } from 'ws';
import { AppError } from '../../application/app-error';
import { authenticate, createGraphQLContext } from '../../graphql/context';
import { type GraphQLServices } from '../../graphql/services';
import { type Metrics } from '../metrics/metrics';
import { connectionAuthorization } from './connection-params';

type FormatError = (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;

/**
 * graphql-ws (subprotocol graphql-transport-ws) on the same port and path as HTTP GraphQL,
 * authenticated from connectionParams (see connectionAuthorization), held to the same
 * validation limits and mapping errors exactly as over HTTP.
 */
export function attachGraphQLWebSocket(
  server: http.Server,
  schema: GraphQLSchema,
  services: GraphQLServices,
  validationRules: ValidationRule[],
  formatError: FormatError,
  metrics: Metrics,
): { dispose(): Promise<void> } {
  const wss = new WebSocketServer({ server, path: '/graphql', maxPayload: 64 * 1024 });
  const disposable = useServer(
    {
      schema,
      context: (ctx) =>
        createGraphQLContext(services, {
          authorization: connectionAuthorization(ctx.connectionParams),
          clientIp: ctx.extra.request.socket.remoteAddress ?? 'unknown',
        }),
      onConnect: async (ctx) => {
        const refused = await refusal(services, ctx.connectionParams);
        if (refused === null) return true;
        // Closed here so that the reason says why; graphql-ws's own close that follows is a no-op.
        ctx.extra.socket.close(CloseCode.Forbidden, refused.message);
        return false;
      },
      onSubscribe: async (ctx) => {
        // Again for each operation: a token can expire while its connection stays open.
        const refused = await refusal(services, ctx.connectionParams);
        if (refused !== null)
          return [new GraphQLError(refused.message, { originalError: refused })];
        return undefined;
      },
      // Counted once the operation runs: graphql-ws calls onComplete after every operation that
      // got this far, but never after one refused by validation, which onSubscribe still saw.
      onOperation: () => {
        metrics.subscriptions.inc();
        return undefined;
      },
      onComplete: () => {
        metrics.subscriptions.dec();
      },
      validate: (s, document) => validate(s, document, [...specifiedRules, ...validationRules]),
      onError: (_ctx, _id, _payload, errors) => errors.map((e) => formatError(e.toJSON(), e)),
      onNext: (_ctx, _id, _payload, _args, result) =>
        result.errors
          ? { ...result, errors: result.errors.map((e) => formatError(e.toJSON(), e)) }
          : undefined,
      isProd: true,
    },
    wss,
  );
  return {
    async dispose() {
      await disposable.dispose();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}

/** Why the connection's credentials are refused; null when they verify or when there are none. */
async function refusal(
  services: GraphQLServices,
  connectionParams: Readonly<Record<string, unknown>> | undefined,
): Promise<AppError | null> {
  try {
    await authenticate(services, connectionAuthorization(connectionParams));
    return null;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
}
