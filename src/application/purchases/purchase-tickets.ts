import type pg from 'pg';
import { type PurchaseSettledMessage } from '../../projections/topics';

export type PurchaseOutcome = PurchaseSettledMessage['outcome'];

export interface PurchaseTicket {
  ticketId: string;
  userId: string;
  productId: string;
  quantity: number;
  outcome: PurchaseOutcome;
  orderId: string | null;
}

export interface PurchaseRequest {
  ticketId: string;
  userId: string;
  productId: string;
  quantity: number;
}

/** How a request is recorded: queued for the worker, or claimed by the request settling it. */
export type OpenAs = 'QUEUED' | 'CLAIMED' | 'SOLD_OUT';

/** A ticket after a settle, and whether that settle recorded its outcome (or found one first). */
export interface RecordedTicket {
  ticket: PurchaseTicket;
  recorded: boolean;
}

export interface SettledOutcome {
  ticketId: string;
  outcome: Exclude<PurchaseOutcome, 'QUEUED'>;
  orderId: string | null;
}

interface TicketRow {
  ticket_id: string;
  user_id: string;
  product_id: string;
  quantity: number;
  outcome: PurchaseOutcome;
  order_id: string | null;
}

const toTicket = (row: TicketRow): PurchaseTicket => ({
  ticketId: row.ticket_id,
  userId: row.user_id,
  productId: row.product_id,
  quantity: row.quantity,
  outcome: row.outcome,
  orderId: row.order_id,
});

/** As long as the worker's lease: a request that dies while settling is picked up after it. */
export const SETTLING_LEASE_MS = 10_000;

const OPEN_SQL = `WITH input AS (
    SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::int[])
      AS i(ticket_id, user_id, product_id, quantity)),
  inserted AS (
    INSERT INTO purchase_tickets (ticket_id, user_id, product_id, quantity, outcome, claimed_until, settled_at)
    SELECT ticket_id, user_id, product_id, quantity, $5,
      CASE WHEN $6 THEN now() + make_interval(secs => $7::double precision / 1000) END,
      CASE WHEN $5 = 'SOLD_OUT' THEN now() END
    FROM input
    ON CONFLICT (ticket_id) DO NOTHING RETURNING *)
  SELECT * FROM inserted
  UNION ALL SELECT t.* FROM purchase_tickets t JOIN input USING (ticket_id)`;

/**
 * The purchase tickets (migrations/0013_write-side.sql): the durable queue of purchaseAsync and
 * every purchase's outcome, keyed by an id derived from the user and their idempotency key.
 * Every write takes a whole batch in one statement.
 */
export class PurchaseTickets {
  constructor(private readonly pool: pg.Pool) {}

  /**
   * Records the requests, or finds the first result for each user and key. The statement's
   * snapshot does not see its own inserts, so an existing ticket comes back once, as it was.
   */
  async open(requests: readonly PurchaseRequest[], as: OpenAs): Promise<PurchaseTicket[]> {
    if (requests.length === 0) return [];
    const { rows } = await this.pool.query<TicketRow>({
      name: 'purchase_tickets_open',
      text: OPEN_SQL,
      values: [
        requests.map((r) => r.ticketId),
        requests.map((r) => r.userId),
        requests.map((r) => r.productId),
        requests.map((r) => r.quantity),
        as === 'SOLD_OUT' ? 'SOLD_OUT' : 'QUEUED',
        as === 'CLAIMED',
        SETTLING_LEASE_MS,
      ],
    });
    const byId = new Map(rows.map((row) => [row.ticket_id, toTicket(row)]));
    // A ticket another transaction committed while this statement waited on it is neither
    // inserted here nor in this statement's snapshot: read it again, now that it is there.
    const raced = requests.filter((r) => !byId.has(r.ticketId)).map((r) => r.ticketId);
    if (raced.length > 0) {
      const again = await this.pool.query<TicketRow>(
        'SELECT * FROM purchase_tickets WHERE ticket_id = ANY($1::uuid[])',
        [raced],
      );
      for (const row of again.rows) byId.set(row.ticket_id, toTicket(row));
    }
    return requests.map((r) => {
      const ticket = byId.get(r.ticketId);
      if (!ticket) throw new Error(`purchase ticket ${r.ticketId} was neither opened nor found`);
      return ticket;
    });
  }

  async get(ticketId: string): Promise<PurchaseTicket | null> {
    const { rows } = await this.pool.query<TicketRow>(
      'SELECT * FROM purchase_tickets WHERE ticket_id = $1',
      [ticketId],
    );
    return rows[0] ? toTicket(rows[0]) : null;
  }

  /** Takes a batch of queued tickets for a while; a crashed worker's lease simply runs out. */
  async claimQueued(limit: number, leaseMs: number): Promise<PurchaseTicket[]> {
    const { rows } = await this.pool.query<TicketRow>(
      `UPDATE purchase_tickets SET claimed_until = now() + make_interval(secs => $2::double precision / 1000)
       WHERE ticket_id IN (
         SELECT ticket_id FROM purchase_tickets
         WHERE outcome = 'QUEUED' AND (claimed_until IS NULL OR claimed_until < now())
         ORDER BY created_at LIMIT $1 FOR UPDATE SKIP LOCKED)
       RETURNING *`,
      [limit, leaseMs],
    );
    return rows.map(toTicket);
  }

  /** Records outcomes; a ticket settled first by someone else keeps that first outcome. */
  async settle(outcomes: readonly SettledOutcome[]): Promise<RecordedTicket[]> {
    if (outcomes.length === 0) return [];
    const { rows } = await this.pool.query<TicketRow & { recorded: boolean }>({
      name: 'purchase_tickets_settle',
      text: `WITH input AS (
          SELECT * FROM unnest($1::uuid[], $2::text[], $3::uuid[]) AS i(ticket_id, outcome, order_id)),
        updated AS (
          UPDATE purchase_tickets t
          SET outcome = input.outcome, order_id = input.order_id, settled_at = now(), claimed_until = NULL
          FROM input WHERE t.ticket_id = input.ticket_id AND t.outcome = 'QUEUED'
          RETURNING t.*)
        SELECT *, true AS recorded FROM updated
        UNION ALL SELECT t.*, false FROM purchase_tickets t JOIN input USING (ticket_id)
        WHERE t.outcome <> 'QUEUED'`,
      values: [
        outcomes.map((o) => o.ticketId),
        outcomes.map((o) => o.outcome),
        outcomes.map((o) => o.orderId),
      ],
    });
    const byId = new Map(
      rows.map((row) => [row.ticket_id, { ticket: toTicket(row), recorded: row.recorded }]),
    );
    return outcomes.map((o) => byId.get(o.ticketId)!);
  }
}
