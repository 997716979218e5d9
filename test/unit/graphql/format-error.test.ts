import { GraphQLError, locatedError, parse } from 'graphql';
import { ValidationError } from 'class-validator';
import { ArgumentValidationError, AuthorizationError } from 'type-graphql';
import { AppError } from '../../../src/application/app-error';
import {
  createFormatError,
  formatGraphQLError,
  type ErrorLogger,
} from '../../../src/graphql/format-error';

const correlationId = 'corr-1';

function fieldError(original: unknown): GraphQLError {
  return locatedError(original, undefined, ['order', 'items', 0]);
}

function setup() {
  const log = jest.fn<ReturnType<ErrorLogger>, Parameters<ErrorLogger>>();
  return { log, format: (error: unknown) => formatGraphQLError(error, { log, correlationId }) };
}

describe('formatGraphQLError', () => {
  it('hides an unexpected error behind INTERNAL_SERVER_ERROR and logs it with the correlation id', () => {
    const { log, format } = setup();
    const bug = new Error('duplicate key value violates "orders_pkey": INSERT INTO orders …');

    const formatted = format(fieldError(bug));

    expect(formatted).toEqual({
      message: 'Internal server error',
      extensions: { code: 'INTERNAL_SERVER_ERROR', correlationId },
    });
    expect(JSON.stringify(formatted)).not.toMatch(/INSERT|orders_pkey|at .*\.ts/);
    expect(log).toHaveBeenCalledWith(
      { err: bug, correlationId, path: ['order', 'items', 0] },
      'Unexpected GraphQL error',
    );
  });

  it('passes an AppError through with its code, message and details', () => {
    const { log, format } = setup();
    const refusal = new AppError('OUT_OF_STOCK', 'Only 2 left', { productId: 'p1', available: 2 });

    expect(format(fieldError(refusal))).toEqual({
      message: 'Only 2 left',
      path: ['order', 'items', 0],
      extensions: { code: 'OUT_OF_STOCK', details: { productId: 'p1', available: 2 } },
    });
    expect(log).not.toHaveBeenCalled();
  });

  it('treats an AppError saying INTERNAL_SERVER_ERROR as unexpected', () => {
    const { log, format } = setup();

    const formatted = format(fieldError(new AppError('INTERNAL_SERVER_ERROR', 'pool exhausted')));

    expect(formatted.message).toBe('Internal server error');
    expect(log).toHaveBeenCalledTimes(1);
  });

  it('reports input validation as BAD_USER_INPUT without echoing the value', () => {
    const { format } = setup();
    const invalid = Object.assign(new ValidationError(), {
      property: 'password',
      value: 'short-secret',
      constraints: { minLength: 'password must be longer than or equal to 10 characters' },
    });

    const formatted = format(fieldError(new ArgumentValidationError([invalid])));

    expect(formatted.extensions).toEqual({
      code: 'BAD_USER_INPUT',
      invalidFields: [
        {
          field: 'password',
          constraints: { minLength: 'password must be longer than or equal to 10 characters' },
        },
      ],
    });
    expect(JSON.stringify(formatted)).not.toContain('short-secret');
  });

  it('reports a syntax error as BAD_USER_INPUT', () => {
    const { format } = setup();
    let syntaxError: unknown;
    try {
      parse('{ products(');
    } catch (error) {
      syntaxError = error;
    }

    expect(format(syntaxError).extensions).toEqual({ code: 'BAD_USER_INPUT' });
  });

  it("maps Apollo's validation code to BAD_USER_INPUT", () => {
    const { format } = setup();
    const invalid = new GraphQLError('Cannot query field "nope" on type "Query".', {
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
    });

    expect(format(invalid)).toEqual({
      message: 'Cannot query field "nope" on type "Query".',
      extensions: { code: 'BAD_USER_INPUT' },
    });
  });

  it('hides a failure outside any field that Apollo marks internal (e.g. context creation)', () => {
    const { log, format } = setup();
    const cause = new Error('connect ECONNREFUSED 10.0.0.7:5432');
    const wrapped = new GraphQLError(`Context creation failed: ${cause.message}`, {
      originalError: cause,
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });

    expect(format(wrapped)).toEqual({
      message: 'Internal server error',
      extensions: { code: 'INTERNAL_SERVER_ERROR', correlationId },
    });
    expect(log).toHaveBeenCalledWith(expect.objectContaining({ err: cause }), expect.any(String));
  });

  it("maps type-graphql's UNAUTHORIZED to the contract's FORBIDDEN", () => {
    const { format } = setup();

    expect(format(fieldError(new AuthorizationError())).extensions).toEqual({ code: 'FORBIDDEN' });
  });
});

describe('createFormatError', () => {
  it("fits Apollo's formatError and gives each unexpected error a fresh correlation id", () => {
    const log = jest.fn<ReturnType<ErrorLogger>, Parameters<ErrorLogger>>();
    const formatError = createFormatError({ log, newCorrelationId: () => 'fresh' });
    const error = fieldError(new TypeError("Cannot read properties of undefined (reading 'id')"));

    expect(formatError({ message: error.message }, error)).toEqual({
      message: 'Internal server error',
      extensions: { code: 'INTERNAL_SERVER_ERROR', correlationId: 'fresh' },
    });
  });
});
