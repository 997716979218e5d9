import { createHash } from 'node:crypto';
import { type Redis } from 'ioredis';

/**
 * A Lua script run by hash (EVALSHA), loaded on first use and again after a Redis restart
 * (NOSCRIPT), so that the script text crosses the wire only then.
 */
export class RedisScript {
  private readonly sha: string;

  constructor(
    private readonly lua: string,
    private readonly keyCount: number,
  ) {
    this.sha = createHash('sha1').update(lua).digest('hex');
  }

  async run(client: Redis, keys: string[], args: (string | number)[]): Promise<unknown> {
    if (keys.length !== this.keyCount) throw new Error(`script takes ${this.keyCount} keys`);
    try {
      return await client.evalsha(this.sha, this.keyCount, ...keys, ...args);
    } catch (error) {
      if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error;
      return client.eval(this.lua, this.keyCount, ...keys, ...args);
    }
  }
}
