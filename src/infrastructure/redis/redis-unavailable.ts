/**
 * A request needed Redis and could not have it (down, unreachable, timed out). It is thrown in
 * place of the client's own error so that logs say which feature failed and why.
 */
export class RedisUnavailable extends Error {
  override readonly name = 'RedisUnavailable';

  constructor(feature: string, cause: unknown) {
    super(
      `Redis is unavailable for ${feature}: ${cause instanceof Error ? cause.message : String(cause)}`,
      {
        cause,
      },
    );
  }
}

/** Runs one Redis operation of a feature, reporting failure as RedisUnavailable. */
export async function withRedis<T>(feature: string, operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    throw new RedisUnavailable(feature, error);
  }
}
