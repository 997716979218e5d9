import pg from 'pg';

/** Also named in es_append_streams (migrations/0030_es-append-streams.sql). */
export const EVENTS_CHANNEL = 'chronocart_events';

/**
 * One LISTEN connection per process, shared by every subscription: wakes them when an append
 * commits. If the connection drops it reconnects with backoff; subscribers also poll, so a lost
 * notification only delays them.
 */
export class PgNotifier {
  private client: pg.Client | null = null;
  private readonly listeners = new Set<() => void>();
  private stopped = false;
  private retryMs = 100;

  constructor(private readonly connectionString: string) {}

  onNotify(listener: () => void): () => void {
    this.listeners.add(listener);
    if (!this.client && !this.stopped) void this.connect();
    return () => this.listeners.delete(listener);
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({ connectionString: this.connectionString });
    this.client = client;
    client.on('notification', () => this.emit());
    client.on('error', () => this.reconnect(client));
    client.on('end', () => this.reconnect(client));
    try {
      await client.connect();
      await client.query(`LISTEN ${EVENTS_CHANNEL}`);
      this.retryMs = 100;
      // Anything appended while we were not listening: let subscribers look.
      this.emit();
    } catch {
      this.reconnect(client);
    }
  }

  private reconnect(client: pg.Client): void {
    if (this.client !== client) return;
    this.client = null;
    void client.end().catch(() => undefined);
    if (this.stopped) return;
    const delay = this.retryMs;
    this.retryMs = Math.min(this.retryMs * 2, 5000);
    setTimeout(() => {
      if (!this.stopped && !this.client) void this.connect();
    }, delay).unref();
  }

  private emit(): void {
    for (const listener of this.listeners) listener();
  }

  async close(): Promise<void> {
    this.stopped = true;
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }
}
