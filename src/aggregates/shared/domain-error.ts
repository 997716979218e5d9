/** The closed set of failure codes of the public contract that a decider can produce. */
export type DomainErrorCode =
  'BAD_USER_INPUT' | 'NOT_FOUND' | 'OUT_OF_STOCK' | 'INVALID_STATE' | 'FORBIDDEN';

/** A rule said no. Returned by deciders (never thrown inside them). */
export interface DomainError {
  kind: 'DomainError';
  code: DomainErrorCode;
  message: string;
}

export const domainError = (code: DomainErrorCode, message: string): DomainError => ({
  kind: 'DomainError',
  code,
  message,
});

export const isDomainError = (value: unknown): value is DomainError =>
  typeof value === 'object' && value !== null && (value as DomainError).kind === 'DomainError';

/** What every decide function returns: the new events, or why not. */
export type Decision<E> = E[] | DomainError;
