import { HeaderMap } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { AppError } from '../../application/app-error';

/**
 * Apollo answers a request whose context failed with the HTTP status the error carries, 500
 * unless told. Refused credentials are the client's to fix: 401, with the challenge RFC 6750
 * asks for. The message and code stay the application's (formatError finds the AppError).
 */
export function httpContextError(error: unknown): unknown {
  if (!(error instanceof AppError) || error.code !== 'UNAUTHENTICATED') return error;
  return new GraphQLError(error.message, {
    originalError: error,
    extensions: {
      code: error.code,
      http: {
        status: 401,
        headers: new HeaderMap([['www-authenticate', 'Bearer error="invalid_token"']]),
      },
    },
  });
}
