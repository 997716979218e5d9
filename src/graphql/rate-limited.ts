import { HeaderMap } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { AppError } from '../application/app-error';

/**
 * A RATE_LIMITED refusal as HTTP says it too: status 429 and Retry-After, besides the error's
 * code and `details.retryAfterSeconds`. Apollo honours `extensions.http` on errors thrown from
 * resolvers and plugins; any other error is returned as it is.
 */
export function asHttpRateLimit(error: unknown): unknown {
  if (!(error instanceof AppError) || error.code !== 'RATE_LIMITED') return error;
  const seconds = Number(error.details?.['retryAfterSeconds'] ?? 1);
  return new GraphQLError(error.message, {
    originalError: error,
    extensions: {
      code: 'RATE_LIMITED',
      retryAfterSeconds: seconds,
      http: { status: 429, headers: new HeaderMap([['retry-after', String(seconds)]]) },
    },
  });
}
