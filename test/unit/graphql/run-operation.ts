import { graphql, type GraphQLFormattedError, type GraphQLSchema } from 'graphql';
import type { GraphQLContext } from '../../../src/graphql/context';
import { formatGraphQLError, type ErrorLogger } from '../../../src/graphql/format-error';
import { createLoaders } from '../../../src/graphql/loaders';
import type { GraphQLServices } from '../../../src/graphql/services';
import type { Actor } from '../../../src/graphql/views';

export const customer: Actor = { userId: 'u1', role: 'CUSTOMER' };
export const admin: Actor = { userId: 'a1', role: 'ADMIN' };

export function testContext(services: GraphQLServices, actor: Actor | null): GraphQLContext {
  return {
    actor,
    services,
    loaders: createLoaders(services),
    correlationId: 'test-corr',
    clientIp: '127.0.0.1',
  };
}

export interface OperationResult {
  data: unknown;
  errors: GraphQLFormattedError[];
}

/** Executes as a server would: the same schema, a fresh context, errors through formatError. */
export async function runOperation(
  schema: GraphQLSchema,
  options: {
    services: GraphQLServices;
    actor: Actor | null;
    source: string;
    variables?: Record<string, unknown>;
    log?: ErrorLogger;
  },
): Promise<OperationResult> {
  const result = await graphql({
    schema,
    source: options.source,
    contextValue: testContext(options.services, options.actor),
    ...(options.variables ? { variableValues: options.variables } : {}),
  });
  const log = options.log ?? (() => undefined);
  return {
    data: result.data,
    errors: (result.errors ?? []).map((error) =>
      formatGraphQLError(error, { log, correlationId: 'test-corr' }),
    ),
  };
}

export const codesOf = (result: OperationResult) =>
  result.errors.map((error) => error.extensions?.['code']);
