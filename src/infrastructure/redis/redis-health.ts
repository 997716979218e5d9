import { type Redis } from 'ioredis';
import { type Logger } from '../logging/logger';

/** For /readyz: both connections up and Redis answering. @throws Error saying what is wrong */
export async function checkRedis(commands: Redis, subscriber: Redis): Promise<void> {
  for (const [role, client] of [
    ['commands', commands],
    ['subscriber', subscriber],
  ] as const) {
    if (client.status !== 'ready') throw new Error(`${role} connection is ${client.status}`);
  }
  try {
    await commands.ping();
  } catch (error) {
    throw new Error(`not answering (${error instanceof Error ? error.message : String(error)})`);
  }
}

/**
 * Logs a connection's outages once each (ioredis reports every failed reconnect attempt) and
 * its recoveries. Also keeps ioredis from printing errors that have no listener.
 */
export function logRedisConnection(client: Redis, role: string, logger: Logger): void {
  let down = false;
  client.on('error', (err: unknown) => {
    if (down) return;
    down = true;
    logger.warn({ err }, `redis ${role} connection failed; reconnecting`);
  });
  client.on('ready', () => {
    if (!down) return;
    down = false;
    logger.info(`redis ${role} connection restored`);
  });
}
