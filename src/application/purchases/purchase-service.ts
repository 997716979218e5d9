import DataLoader from 'dataloader';
import { type PubSub } from '../../infrastructure/pubsub/pubsub';
import { type Topics } from '../../projections/topics';
import { AppError } from '../app-error';
import { ticketIdFor } from '../orders/order-ids';
import { type OrderService } from '../orders/order-service';
import { type Actor } from '../orders/ports';
import { type PurchaseDesk, type SettledPurchase } from './purchase-batcher';
import {
  type PurchaseRequest,
  type PurchaseTicket,
  type PurchaseTickets,
  type RecordedTicket,
  type SettledOutcome,
} from './purchase-tickets';

export type { PurchaseOutcome, PurchaseTicket } from './purchase-tickets';

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
 * records the request durably and answers QUEUED, and the worker settles queued tickets. Both
 * go through the batcher, which decides many tickets of one product in one go. Both are
 * idempotent per user and key: the ticket id and the order id derive from it.
 */
export class PurchaseService {
  /** Queued tickets opened together: requests that arrive in one turn of the event loop share an insert. */
  private readonly queue: DataLoader<PurchaseRequest, PurchaseTicket>;

  constructor(
    private readonly tickets: PurchaseTickets,
    private readonly desk: PurchaseDesk,
    private readonly orders: OrderService,
    private readonly pubsub: PubSub<Topics>,
    private readonly wakeWorker: () => void,
  ) {
    this.queue = new DataLoader((requests) => this.tickets.open(requests, 'QUEUED'), {
      cache: false,
      maxBatchSize: 1_000,
      batchScheduleFn: (callback) => setImmediate(callback),
    });
  }

  /** @throws AppError RATE_LIMITED when too many purchases of the product are waiting */
  async purchase(
    actor: Actor,
    productId: string,
    quantity: number,
    idempotencyKey: string,
  ): Promise<SettledPurchase> {
    const request = validRequest(actor, productId, quantity, idempotencyKey);
    return this.announce(await this.desk.purchase(request));
  }

  async purchaseAsync(
    actor: Actor,
    productId: string,
    quantity: number,
    idempotencyKey: string,
  ): Promise<PurchaseTicket> {
    const ticket = await this.queue.load(validRequest(actor, productId, quantity, idempotencyKey));
    if (ticket.outcome === 'QUEUED') this.wakeWorker();
    return ticket;
  }

  async ticket(actor: Actor, ticketId: string): Promise<PurchaseTicket | null> {
    if (!UUID.test(ticketId)) return null;
    const ticket = await this.tickets.get(ticketId);
    if (!ticket || (actor.role !== 'ADMIN' && ticket.userId !== actor.userId)) return null;
    return ticket;
  }

  claimQueued(limit: number, leaseMs: number): Promise<PurchaseTicket[]> {
    return this.tickets.claimQueued(limit, leaseMs);
  }

  /** Settles a claimed ticket in its product's next batch. */
  async settle(ticket: PurchaseTicket): Promise<PurchaseTicket> {
    return (await this.announce(await this.desk.settle(ticket))).ticket;
  }

  /** Tells purchaseSettled subscribers about an outcome the desk has just recorded. */
  private async announce(settled: SettledPurchase): Promise<SettledPurchase> {
    if (settled.recorded) await this.publish(settled.ticket);
    return settled;
  }

  private publish(t: PurchaseTicket): Promise<void> {
    return this.pubsub.publish('purchaseSettled', t.ticketId, {
      ticketId: t.ticketId,
      userId: t.userId,
      outcome: t.outcome,
      orderId: t.orderId,
    });
  }

  /**
   * One ticket through the checkout saga: for a ticket whose order already exists (a retry
   * after a crash, a race with another process), where every step is idempotent.
   */
  async settleAlone(ticket: PurchaseTicket): Promise<RecordedTicket> {
    const [settled] = await this.tickets.settle([await this.decideAlone(ticket)]);
    if (settled!.recorded) await this.publish(settled!.ticket);
    return settled!;
  }

  private async decideAlone(ticket: PurchaseTicket): Promise<SettledOutcome> {
    const { ticketId } = ticket;
    try {
      const placed = await this.orders.placeOrder({
        actor: { userId: ticket.userId, role: 'CUSTOMER' },
        lines: [{ productId: ticket.productId, quantity: ticket.quantity }],
        idempotencyKey: `purchase:${ticketId}`,
        source: 'PURCHASE',
        correlationId: ticketId,
      });
      return { ticketId, outcome: 'RESERVED', orderId: placed.orderId };
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      if (error.code === 'OUT_OF_STOCK') {
        const orderId = typeof error.details?.orderId === 'string' ? error.details.orderId : null;
        return { ticketId, outcome: 'SOLD_OUT', orderId };
      }
      if (error.code === 'NOT_FOUND' || error.code === 'BAD_USER_INPUT') {
        return { ticketId, outcome: 'REJECTED', orderId: null };
      }
      throw error;
    }
  }
}
