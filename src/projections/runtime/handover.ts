import type pg from 'pg';
import { releaseProjectionLock, tryProjectionLock } from './advisory-lock';
import { requestPause } from './checkpoints';

const LEASE_MS = 30_000;
const ATTEMPT_MS = 50;

/** The projection's advisory lock, held by a rebuild on a connection of its own. */
export interface HeldLock {
  release(): Promise<void>;
}

export class HandoverTimeout extends Error {
  override readonly name = 'HandoverTimeout';
  constructor(projection: string, ms: number) {
    super(`the live owner of ${projection} did not hand over within ${ms} ms`);
  }
}

/**
 * Takes the projection's advisory lock from its live owner: asks it to pause (a lease, so a
 * rebuild that dies cannot stall the projection for longer), then tries the lock until the
 * owner has let go. The live tables stay as they are; the owner resumes once the lock is free.
 */
export async function takeProjectionLock(
  pool: pg.Pool,
  name: string,
  token: string,
  options: { timeoutMs?: number; signal?: AbortSignal } = {},
): Promise<HeldLock> {
  const timeoutMs = options.timeoutMs ?? LEASE_MS;
  const client = await pool.connect();
  client.on('error', () => undefined);
  try {
    const deadline = Date.now() + timeoutMs;
    let leaseRenewedAt = 0;
    for (;;) {
      if (Date.now() - leaseRenewedAt > LEASE_MS / 3) {
        await requestPause(pool, name, token, LEASE_MS);
        leaseRenewedAt = Date.now();
      }
      if (await tryProjectionLock(client, name)) break;
      if (options.signal?.aborted) throw new Error('interrupted');
      if (Date.now() > deadline) throw new HandoverTimeout(name, timeoutMs);
      await new Promise((resolve) => setTimeout(resolve, ATTEMPT_MS));
    }
  } catch (error) {
    client.release(true);
    throw error;
  }
  return {
    async release() {
      await releaseProjectionLock(client, name).catch(() => undefined);
      client.release(true);
    },
  };
}
