import type pg from 'pg';
import { type PubSub } from '../../infrastructure/pubsub/pubsub';
import { type PurchaseSettledMessage, type Topics } from '../../projections/topics';
import { AppError } from '../app-error';
import { ticketIdFor } from '../orders/order-ids';
import { type OrderService } from '../orders/order-service';
import { type Actor } from '../orders/ports';

export type PurchaseOutcome = PurchaseSettledMessage['outcome'];

export interface PurchaseTicket {
  ticketId: string;
  userId: string;
  productId: string;
  quantity: number;
  outcome: PurchaseOutcome;
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
const SETTLING_LEASE_MS = 10_000;

interface PurchaseRequest {
  ticketId: string;
  userId: string;
  productId: string;
  quantity: number;
}

function validRequest(
  actor: Actor,
  productId: string,
  quantity: number,
  idempotencyKey: string,
): PurchaseRequest {
  const key = idempotencyKey.trim();
  if (key.length === 0 || key.length > 200)
    throw new AppError('BAD_USER_INPUT', 'idempotencyKey must be 1 to 200 characters');
  if (!Number.isInteger(quantity) || quantity < 1 || quantity > 10_000)
    throw new AppError('BAD_USER_INPUT', 'quantity must be an integer from 1 to 10000');
  if (!UUID.test(productId)) throw new AppError('NOT_FOUND', 'Product not found');
  return { ticketId: ticketIdFor(actor.userId, key), userId: actor.userId, productId, quantity };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Flash-sale purchases of one line. `purchase` reserves before it answers; `purchaseAsync`
 * records the request durably and answers QUEUED, and the worker settles queued tickets in
 * batches. Both are idempotent per user and key: the ticket id and the order id derive from it.
 */
export class PurchaseService {
  constructor(
    private readonly pool: pg.Pool,
    private readonly orders: OrderService,
    private readonly pubsub: PubSub<Topics>,
    private readonly wakeWorker: () => void,
  ) {}

  async purchase(
    actor: Actor,
    productId: string,
    quantity: number,
    idempotencyKey: string,
  ): Promise<PurchaseTicket> {
    const request = validRequest(actor, productId, quantity, idempotencyKey);
    // Most attempts in a flash sale come after the last unit is gone: answer those with one
    // write, recording the ticket as settled, without placing an order that could only fail.
    const availableNow = await this.orders.availableStock(productId);
    if (availableNow !== null && availableNow < quantity) {
      return this.openTicket(request, 'SOLD_OUT');
    }
    // Claimed while this request settles it, so the async worker leaves it alone.
    const ticket = await this.openTicket(request, 'CLAIMED');
    if (ticket.outcome !== 'QUEUED') return ticket;
    return this.settle(ticket, { stockChecked: true });
  }

  async purchaseAsync(
    actor: Actor,
    productId: string,
    quantity: number,
    idempotencyKey: string,
  ): Promise<PurchaseTicket> {
    const ticket = await this.openTicket(
      validRequest(actor, productId, quantity, idempotencyKey),
      'QUEUED',
    );
    if (ticket.outcome === 'QUEUED') this.wakeWorker();
    return ticket;
  }

  async ticket(actor: Actor, ticketId: string): Promise<PurchaseTicket | null> {
    if (!UUID.test(ticketId)) return null;
    const { rows } = await this.pool.query<TicketRow>(
      'SELECT * FROM purchase_tickets WHERE ticket_id = $1',
      [ticketId],
    );
    const row = rows[0];
    if (!row || (actor.role !== 'ADMIN' && row.user_id !== actor.userId)) return null;
    return toTicket(row);
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

  /** Decides one ticket: reserve through the checkout saga, record and announce the outcome. */
  /** `stockChecked`: the caller has just read the stock, so this does not read it again. */
  async settle(
    ticket: PurchaseTicket,
    options: { stockChecked?: boolean } = {},
  ): Promise<PurchaseTicket> {
    const { outcome, orderId } = await this.decide(ticket, options.stockChecked ?? false);
    const { rows } = await this.pool.query<TicketRow>(
      `UPDATE purchase_tickets SET outcome = $2, order_id = $3, settled_at = now(), claimed_until = NULL
       WHERE ticket_id = $1 RETURNING *`,
      [ticket.ticketId, outcome, orderId],
    );
    const settled = toTicket(rows[0]!);
    await this.pubsub.publish('purchaseSettled', settled.ticketId, {
      ticketId: settled.ticketId,
      userId: settled.userId,
      outcome: settled.outcome,
      orderId: settled.orderId,
    });
    return settled;
  }

  private async decide(
    ticket: PurchaseTicket,
    stockChecked: boolean,
  ): Promise<{ outcome: PurchaseOutcome; orderId: string | null }> {
    // Most attempts in a flash sale come after the last unit is gone: answer those from the
    // inventory stream alone, without placing an order that could only be rejected.
    const availableNow = stockChecked ? null : await this.orders.availableStock(ticket.productId);
    if (availableNow !== null && availableNow < ticket.quantity) {
      return { outcome: 'SOLD_OUT', orderId: null };
    }
    try {
      const placed = await this.orders.placeOrder({
        actor: { userId: ticket.userId, role: 'CUSTOMER' },
        lines: [{ productId: ticket.productId, quantity: ticket.quantity }],
        idempotencyKey: `purchase:${ticket.ticketId}`,
        source: 'PURCHASE',
        correlationId: ticket.ticketId,
      });
      return { outcome: 'RESERVED', orderId: placed.orderId };
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      if (error.code === 'OUT_OF_STOCK') {
        const orderId = typeof error.details?.orderId === 'string' ? error.details.orderId : null;
        return { outcome: 'SOLD_OUT', orderId };
      }
      if (error.code === 'NOT_FOUND' || error.code === 'BAD_USER_INPUT') {
        return { outcome: 'REJECTED', orderId: null };
      }
      throw error;
    }
  }

  /** Records the request, or returns the first result for this user and key. */
  private async openTicket(
    request: PurchaseRequest,
    state: 'QUEUED' | 'CLAIMED' | 'SOLD_OUT',
  ): Promise<PurchaseTicket> {
    const { rows } = await this.pool.query<TicketRow>(
      `WITH inserted AS (
         INSERT INTO purchase_tickets (ticket_id, user_id, product_id, quantity, outcome, claimed_until, settled_at)
         VALUES ($1, $2, $3, $4, $5,
           CASE WHEN $6 THEN now() + make_interval(secs => $7::double precision / 1000) END,
           CASE WHEN $5 = 'SOLD_OUT' THEN now() END)
         ON CONFLICT (ticket_id) DO NOTHING RETURNING *)
       SELECT * FROM inserted UNION ALL SELECT * FROM purchase_tickets WHERE ticket_id = $1 LIMIT 1`,
      [
        request.ticketId,
        request.userId,
        request.productId,
        request.quantity,
        state === 'SOLD_OUT' ? 'SOLD_OUT' : 'QUEUED',
        state === 'CLAIMED',
        SETTLING_LEASE_MS,
      ],
    );
    return toTicket(rows[0]!);
  }
}
