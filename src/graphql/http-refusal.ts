import { HeaderMap } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { AppError } from '../application/app-error';

/**
 * A refusal as HTTP says it too, besides its code and details (which formatError takes from the
 * AppError): UNAUTHENTICATED is 401 with RFC 6750's challenge, RATE_LIMITED is 429 with
 * Retry-After. Apollo honours `extensions.http` on errors thrown from the context function,
 * resolvers and plugins (it answers 500 for a failed context unless told). Any other error is
 * returned as it is.
 */
export function asHttpRefusal(error: unknown): unknown {
  if (!(error instanceof AppError)) return error;
  if (error.code === 'UNAUTHENTICATED') {
    return refusal(error, 401, ['www-authenticate', 'Bearer error="invalid_token"'], {});
  }
  if (error.code === 'RATE_LIMITED') {
    const seconds = Number(error.details?.['retryAfterSeconds'] ?? 1);
    return refusal(error, 429, ['retry-after', String(seconds)], { retryAfterSeconds: seconds });
  }
  return error;
}

function refusal(
  error: AppError,
  status: number,
  header: [string, string],
  extensions: Record<string, unknown>,
): GraphQLError {
  return new GraphQLError(error.message, {
    originalError: error,
    extensions: {
      code: error.code,
      ...extensions,
      http: { status, headers: new HeaderMap([header]) },
    },
  });
}
