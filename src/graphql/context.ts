import { randomUUID } from 'node:crypto';
import { AppError } from '../application/app-error';
import { createLoaders, type Loaders } from './loaders';
import type { GraphQLServices } from './services';
import type { Actor } from './views';

/** What every resolver receives, over HTTP and over WebSocket alike. */
export interface GraphQLContext {
  readonly actor: Actor | null;
  readonly services: GraphQLServices;
  /** Replaced for each subscription event so that no event is served another's cached reads. */
  loaders: Loaders;
  readonly correlationId: string;
  /** The caller's network address, for per-address limits (login throttling). */
  readonly clientIp: string;
}

export interface ContextSource {
  /** The `Authorization` header, or its counterpart in connectionParams over WebSocket. */
  authorization?: unknown;
  /** A caller-supplied request id (e.g. `x-request-id`); replaced when it looks unsafe to log. */
  correlationId?: unknown;
  clientIp?: string;
}

const SAFE_CORRELATION_ID = /^[A-Za-z0-9._:-]{1,100}$/;

/** The token of `Bearer <token>`; a bare token is accepted too (WebSocket clients often send one). */
export function bearerToken(authorization: unknown): string | null {
  if (typeof authorization !== 'string') return null;
  const token = /^(?:Bearer\s+)?(\S+)$/i.exec(authorization.trim())?.[1];
  return token === undefined || token.toLowerCase() === 'bearer' ? null : token;
}

/** Clients without a token often still send the header, empty or a bare "Bearer". */
const NO_CREDENTIALS = /^\s*(?:bearer\s*)?$/i;

/**
 * The caller that `authorization` stands for; null (anonymous) when it carries no credentials.
 * Credentials that do not verify are refused with UNAUTHENTICATED rather than served as
 * anonymous, so that a client whose token expired is told so instead of seeing empty answers.
 */
export async function authenticate(
  services: GraphQLServices,
  authorization: unknown,
): Promise<Actor | null> {
  if (authorization === undefined || authorization === null) return null;
  if (typeof authorization === 'string' && NO_CREDENTIALS.test(authorization)) return null;
  const token = bearerToken(authorization);
  const actor = token === null ? null : await services.auth.verifyToken(token);
  if (actor === null) throw new AppError('UNAUTHENTICATED', 'Invalid or expired token');
  return actor;
}

/** UNAUTHENTICATED (an AppError) when the credentials do not verify; see `authenticate`. */
export async function createGraphQLContext(
  services: GraphQLServices,
  source: ContextSource,
): Promise<GraphQLContext> {
  const actor = await authenticate(services, source.authorization);
  const correlationId =
    typeof source.correlationId === 'string' && SAFE_CORRELATION_ID.test(source.correlationId)
      ? source.correlationId
      : randomUUID();
  return {
    actor,
    services,
    loaders: createLoaders(services),
    correlationId,
    clientIp: source.clientIp ?? 'unknown',
  };
}

/** Passes a subscription's events through, renewing the context's loaders before each one. */
export function withFreshLoaders<T>(
  context: GraphQLContext,
  source: AsyncIterable<T>,
): AsyncIterableIterator<T> {
  const iterator = source[Symbol.asyncIterator]();
  return {
    async next() {
      const result = await iterator.next();
      if (result.done !== true) context.loaders = createLoaders(context.services);
      return result;
    },
    // Forwarded directly so that unsubscribing closes the source even while it awaits an event.
    return(value?: unknown) {
      return iterator.return
        ? iterator.return(value)
        : Promise.resolve({ done: true as const, value: undefined });
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}

/** The signed-in caller; resolvers behind `@Authorized` call it to narrow the type. */
export function requireActor(context: GraphQLContext): Actor {
  if (context.actor === null) throw new AppError('UNAUTHENTICATED', 'Sign in first');
  return context.actor;
}
