import { type ApolloServerPlugin } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { type GraphQLFormattedError, type ValidationRule } from 'graphql';
import { type GraphQLContext } from '../graphql/context';
import { formatGraphQLError } from '../graphql/format-error';
import { type Logger } from '../infrastructure/logging/logger';

/** Depth, cost, alias, directive and token limits (graphql-armor) and the one error formatter. */
export function graphqlLimits(logger: Logger): {
  validationRules: ValidationRule[];
  plugins: ApolloServerPlugin<GraphQLContext>[];
  formatError: (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;
} {
  const armor = new ApolloArmor({
    maxDepth: { n: 12 },
    costLimit: { maxCost: 20_000 },
    maxAliases: { n: 20 },
    maxDirectives: { n: 20 },
    // Apollo's own parser enforces the token limit (parseOptions), answering 400 like any syntax error.
    maxTokens: { enabled: false },
    blockFieldSuggestion: { enabled: true },
  });
  const protection = armor.protect();
  return {
    validationRules: protection.validationRules,
    plugins: protection.plugins,
    formatError: (_formatted, error) =>
      formatGraphQLError(error, {
        log: (fields, message) => logger.error(fields, message),
        correlationId: crypto.randomUUID(),
      }),
  };
}
