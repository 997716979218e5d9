import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

const storage = new AsyncLocalStorage<{ requestId: string }>();
const SAFE = /^[A-Za-z0-9._:-]{1,100}$/;

/**
 * Runs `work` with a request id that every log line and every event appended on its behalf
 * carries (as correlation id). A caller's x-request-id is kept when it is safe to log.
 */
export function withRequestId<T>(incoming: unknown, work: (requestId: string) => T): T {
  const requestId = typeof incoming === 'string' && SAFE.test(incoming) ? incoming : randomUUID();
  return storage.run({ requestId }, () => work(requestId));
}

export const currentRequestId = (): string | undefined => storage.getStore()?.requestId;
