import { type ApolloServerPlugin } from '@apollo/server';
import { type Metrics } from '../metrics/metrics';

/** Latency of every GraphQL operation by name, type and whether it returned errors. */
export function graphqlMetricsPlugin<C extends object>(metrics: Metrics): ApolloServerPlugin<C> {
  return {
    requestDidStart() {
      const end = metrics.graphqlDuration.startTimer();
      return Promise.resolve({
        willSendResponse({ operationName, operation, errors }) {
          end({
            operation: operationName ?? 'anonymous',
            type: operation?.operation ?? 'unknown',
            outcome: errors && errors.length > 0 ? 'error' : 'ok',
          });
          return Promise.resolve();
        },
      });
    },
  };
}
