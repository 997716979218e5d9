import { type ApolloServerPlugin } from '@apollo/server';
import { OperationTypeNode } from 'graphql';
import type { RateLimiter, RateLimitPolicy } from '../application/rate-limit/rate-limiter';
import { type GraphQLContext } from '../graphql/context';
import { asHttpRefusal } from '../graphql/http-refusal';
import { type Actor } from '../graphql/views';

/**
 * Mutations per signed-in user. Generous: it stops a runaway client or script, never a person or
 * the benchmarks (a flash-sale run makes a few dozen per user per minute).
 */
export const MUTATIONS_PER_USER: RateLimitPolicy = {
  keyPrefix: 'mutations-user',
  points: 1_000,
  durationSeconds: 60,
};

/** Spends one mutation of the actor's budget. @throws AppError RATE_LIMITED when it is spent */
export function mutationLimit(limiter: RateLimiter): (actor: Actor) => Promise<void> {
  return (actor) => limiter.consume(actor.userId);
}

/**
 * Applies `limitMutations` to every mutation over HTTP by a known actor, before it runs. The
 * refusal is the usual RATE_LIMITED error (details.retryAfterSeconds) with HTTP 429 and
 * Retry-After. Anonymous mutations (register, login) have budgets of their own.
 */
export function mutationRateLimitPlugin(
  limitMutations: (actor: Actor) => Promise<void>,
): ApolloServerPlugin<GraphQLContext> {
  return {
    requestDidStart() {
      return Promise.resolve({
        async didResolveOperation({ operation, contextValue }) {
          const actor = contextValue.actor;
          if (operation?.operation !== OperationTypeNode.MUTATION || actor === null) return;
          try {
            await limitMutations(actor);
          } catch (error) {
            throw asHttpRefusal(error);
          }
        },
      });
    },
  };
}
