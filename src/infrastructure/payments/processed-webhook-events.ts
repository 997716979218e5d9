import type pg from 'pg';

/** Webhook events already acted upon, so that a redelivery is acknowledged without acting again. */
export interface ProcessedWebhookEvents {
  isProcessed(eventId: string): Promise<boolean>;
  /** Recording an event twice is harmless. */
  markProcessed(event: { id: string; type: string; paymentId: string }, at: Date): Promise<void>;
}

/** The `webhook_events` table (migrations/0012_payments.sql). */
export class PostgresProcessedWebhookEvents implements ProcessedWebhookEvents {
  constructor(private readonly pool: pg.Pool) {}

  async isProcessed(eventId: string): Promise<boolean> {
    const { rowCount } = await this.pool.query(`SELECT 1 FROM webhook_events WHERE event_id = $1`, [
      eventId,
    ]);
    return (rowCount ?? 0) > 0;
  }

  async markProcessed(
    event: { id: string; type: string; paymentId: string },
    at: Date,
  ): Promise<void> {
    await this.pool.query(
      `INSERT INTO webhook_events (event_id, event_type, payment_id, received_at)
       VALUES ($1, $2, $3, $4)
       ON CONFLICT (event_id) DO NOTHING`,
      [event.id, event.type, event.paymentId, at],
    );
  }
}
