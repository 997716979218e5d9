import { randomUUID } from 'node:crypto';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import type { ValidationError } from 'class-validator';
import { ArgumentValidationError, AuthenticationError, AuthorizationError } from 'type-graphql';
import { AppError, type ErrorCode } from '../application/app-error';

/** pino-compatible: `(fields, message) => logger.error(fields, message)`. */
export type ErrorLogger = (
  fields: { err: unknown; correlationId: string; path?: readonly (string | number)[] },
  message: string,
) => void;

export interface FormatErrorOptions {
  log: ErrorLogger;
  correlationId: string;
}

const CLIENT_CODES: ReadonlySet<string> = new Set<ErrorCode>([
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'BAD_USER_INPUT',
  'NOT_FOUND',
  'OUT_OF_STOCK',
  'INVALID_STATE',
  'CONFLICT',
  'RATE_LIMITED',
]);

interface InvalidField {
  field: string;
  constraints: Record<string, string>;
}

function causes(error: unknown): unknown[] {
  const chain: unknown[] = [];
  for (let current = error; current !== undefined && chain.length < 10;) {
    chain.push(current);
    current = current instanceof GraphQLError ? current.originalError : undefined;
  }
  return chain;
}

/** Property paths and messages only: `target` and `value` would echo input (passwords) back. */
function invalidFields(errors: readonly ValidationError[], parent = ''): InvalidField[] {
  return errors.flatMap((error) => {
    const field = parent === '' ? error.property : `${parent}.${error.property}`;
    const own = error.constraints ? [{ field, constraints: { ...error.constraints } }] : [];
    return [...own, ...invalidFields(error.children ?? [], field)];
  });
}

function located(error: unknown): Pick<GraphQLFormattedError, 'locations' | 'path'> {
  if (!(error instanceof GraphQLError)) return {};
  return {
    ...(error.locations ? { locations: error.locations } : {}),
    ...(error.path ? { path: error.path } : {}),
  };
}

function clientError(
  error: unknown,
  code: ErrorCode,
  message: string,
  extra: Record<string, unknown> = {},
): GraphQLFormattedError {
  return { message, ...located(error), extensions: { ...extra, code } };
}

function internalError(
  error: unknown,
  cause: unknown,
  options: FormatErrorOptions,
): GraphQLFormattedError {
  const { correlationId } = options;
  const path = error instanceof GraphQLError ? error.path : undefined;
  options.log({ err: cause, correlationId, ...(path ? { path } : {}) }, 'Unexpected GraphQL error');
  return {
    message: 'Internal server error',
    extensions: { code: 'INTERNAL_SERVER_ERROR', correlationId },
  };
}

function fromCause(cause: unknown, error: unknown): GraphQLFormattedError | null {
  if (cause instanceof AppError && cause.code !== 'INTERNAL_SERVER_ERROR') {
    return clientError(
      error,
      cause.code,
      cause.message,
      cause.details ? { details: cause.details } : {},
    );
  }
  if (cause instanceof ArgumentValidationError) {
    const fields = invalidFields(cause.extensions.validationErrors);
    const reasons = fields.flatMap((field) => Object.values(field.constraints));
    return clientError(error, 'BAD_USER_INPUT', `Invalid input: ${reasons.join('; ')}`, {
      invalidFields: fields,
    });
  }
  if (cause instanceof AuthenticationError)
    return clientError(error, 'UNAUTHENTICATED', cause.message);
  if (cause instanceof AuthorizationError) return clientError(error, 'FORBIDDEN', cause.message);
  return null;
}

/**
 * The one mapping from anything thrown to what a client may see. Refusals (AppError, input
 * validation, type-graphql auth) keep their message under a contract code. Request errors (parse,
 * validation, variable coercion: no `path`) are the client's: BAD_USER_INPUT. Everything else is a
 * bug: logged with the correlation id, and the client sees only that id.
 */
export function formatGraphQLError(
  error: unknown,
  options: FormatErrorOptions,
): GraphQLFormattedError {
  const chain = causes(error);
  for (const cause of chain) {
    const mapped = fromCause(cause, error);
    if (mapped) return mapped;
  }
  const root = chain[chain.length - 1];
  const isRequestError =
    error instanceof GraphQLError &&
    error.path === undefined &&
    root instanceof GraphQLError &&
    error.extensions['code'] !== 'INTERNAL_SERVER_ERROR';
  if (!isRequestError) return internalError(error, root, options);
  const code = error.extensions['code'];
  const keep = typeof code === 'string' && CLIENT_CODES.has(code);
  return clientError(error, keep ? (code as ErrorCode) : 'BAD_USER_INPUT', error.message);
}

/**
 * Apollo Server's `formatError`. Apollo gives it no request context, so each unexpected error
 * gets its own correlation id; where the context is at hand (graphql-ws `onNext`, a plugin's
 * `willSendResponse`), call `formatGraphQLError` with `context.correlationId` instead.
 */
export function createFormatError(options: {
  log: ErrorLogger;
  newCorrelationId?: () => string;
}): (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError {
  const newCorrelationId = options.newCorrelationId ?? randomUUID;
  return (_formatted, error) =>
    formatGraphQLError(error, { log: options.log, correlationId: newCorrelationId() });
}
