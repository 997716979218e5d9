import type pg from 'pg';
import { releaseProjectionLock, tryProjectionLock } from './advisory-lock';

/**
 * One dedicated connection per runtime that holds the session-level advisory locks of the
 * projections this process owns. It never opens a transaction, so holding a lock costs nothing
 * but the connection; when the connection (or the process) dies the server releases every lock
 * at once and a standby elsewhere takes over. Listeners hear about a lost connection so that
 * their projectors stop applying.
 */
export class LockConnection {
  private client: pg.PoolClient | null = null;
  private connecting: Promise<pg.PoolClient> | null = null;
  private readonly held = new Set<string>();
  private readonly lostListeners = new Set<() => void>();
  /** pg wants one query at a time per connection; the projectors share this one. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly pool: pg.Pool) {}

  /** Called when the connection dies: every lock it held is gone. */
  onLost(listener: () => void): () => void {
    this.lostListeners.add(listener);
    return () => this.lostListeners.delete(listener);
  }

  holds(name: string): boolean {
    return this.held.has(name);
  }

  async tryLock(name: string): Promise<boolean> {
    if (this.held.has(name)) return true;
    const client = await this.connection();
    const locked = await this.serially(() => tryProjectionLock(client, name));
    // The connection may have died (and been replaced) while we asked.
    if (locked && this.client === client) this.held.add(name);
    return locked && this.client === client;
  }

  async unlock(name: string): Promise<void> {
    if (!this.held.delete(name)) return;
    const client = this.client;
    if (client) {
      await this.serially(() => releaseProjectionLock(client, name)).catch(() => this.lose(client));
    }
  }

  /** Checks that the connection (and with it every lock) is still alive. */
  async check(): Promise<void> {
    const client = this.client;
    if (!client) return;
    await this.serially(() => client.query('SELECT 1')).catch(() => this.lose(client));
  }

  /** The backend pid of the lock connection, for operators and fault tests. */
  async backendPid(): Promise<number> {
    const client = await this.connection();
    const { rows } = await this.serially(() =>
      client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid'),
    );
    return rows[0]?.pid ?? 0;
  }

  close(): Promise<void> {
    const client = this.client;
    this.client = null;
    this.held.clear();
    // Destroying the connection releases every session lock on the server.
    client?.release(true);
    return Promise.resolve();
  }

  private serially<T>(work: () => Promise<T>): Promise<T> {
    const result = this.queue.then(work, work);
    this.queue = result.catch(() => undefined);
    return result;
  }

  private connection(): Promise<pg.PoolClient> {
    if (this.client) return Promise.resolve(this.client);
    this.connecting ??= this.pool
      .connect()
      .then((client) => {
        client.on('error', () => this.lose(client));
        this.client = client;
        return client;
      })
      .finally(() => {
        this.connecting = null;
      });
    return this.connecting;
  }

  private lose(client: pg.PoolClient): void {
    if (this.client !== client) return;
    this.client = null;
    this.held.clear();
    client.release(true);
    for (const listener of this.lostListeners) listener();
  }
}
