import {
  type GraphQLFormattedError,
  type GraphQLSchema,
  specifiedRules,
  validate,
  type ValidationRule,
} from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import type http from 'node:http';
import { WebSocketServer } from 'ws';
import { createGraphQLContext } from '../../graphql/context';
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
      onSubscribe: () => {
        metrics.subscriptions.inc();
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
