import { type OrderLine, type OrderState } from '../../aggregates/order';
import { type EventMetadata } from '../../infrastructure/event-store/event-store';
import { AppError } from '../app-error';
import { orderIdFor } from './order-ids';
import { latestPosition, type OrderProcess } from './order-process';
import { type Actor, type CheckoutCart, type PlaceOrderRequest, type ProductLookup } from './ports';

export interface OrderOutcome {
  orderId: string;
  state: OrderState;
  /** Global position of the last event of the order: wait for the read side up to here. */
  position: string | null;
}

const MAX_KEY_LENGTH = 200;

/** The order use cases behind the GraphQL mutations. */
export class OrderService {
  constructor(
    private readonly process: OrderProcess,
    private readonly lookupProducts: ProductLookup,
    private readonly cart: CheckoutCart,
  ) {}

  /**
   * Places the order and runs the checkout saga before returning. The same idempotency key
   * from the same user returns the first order and changes nothing more.
   * @throws AppError OUT_OF_STOCK when a line could not be reserved (nothing stays reserved)
   */
  async placeOrder(request: PlaceOrderRequest): Promise<OrderOutcome> {
    const { actor, idempotencyKey } = request;
    const key = idempotencyKey.trim();
    if (key.length === 0 || key.length > MAX_KEY_LENGTH) {
      throw new AppError(
        'BAD_USER_INPUT',
        `idempotencyKey must be 1 to ${MAX_KEY_LENGTH} characters`,
      );
    }
    const orderId = orderIdFor(actor.userId, key);
    const meta: EventMetadata = {
      userId: actor.userId,
      correlationId: request.correlationId ?? orderId,
      idempotencyKey: key,
    };
    const existing = await this.process.order(orderId);
    if (existing.state.status === 'EMPTY') {
      const lines = await this.priceLines(request.lines);
      await this.process
        .onOrder(
          orderId,
          {
            type: 'PlaceOrder',
            data: { orderId, userId: actor.userId, lines, source: request.source },
          },
          meta,
        )
        .catch((error: unknown) => {
          // A concurrent request with the same key placed it first: fall through to its result.
          if (!(error instanceof AppError && error.code === 'INVALID_STATE')) throw error;
        });
    }
    await this.process.advance(orderId, meta);
    const outcome = await this.process.order(orderId);
    if (outcome.state.status === 'REJECTED') {
      // The position lets the API wait for the read side to show the rejection, and the stock
      // given back before it, before answering.
      throw new AppError('OUT_OF_STOCK', 'Not enough stock for this order; nothing was reserved', {
        orderId,
        position: outcome.position,
      });
    }
    return { orderId, state: outcome.state, position: outcome.position };
  }

  async checkout(
    actor: Actor,
    idempotencyKey: string,
    correlationId?: string,
  ): Promise<OrderOutcome> {
    const orderId = orderIdFor(actor.userId, idempotencyKey.trim());
    const existing = await this.process.order(orderId);
    const lines =
      existing.state.status === 'EMPTY' ? await this.cart.checkoutLines(actor.userId) : [];
    return this.placeOrder({ actor, lines, idempotencyKey, source: 'CHECKOUT', correlationId });
  }

  availableStock(productId: string): Promise<number | null> {
    return this.process.availableStock(productId);
  }

  /** Owner or ADMIN, only before payment; the stock goes back at once. */
  async cancelOrder(actor: Actor, orderId: string, note: string | null): Promise<OrderOutcome> {
    const { state } = await this.ownedOrder(actor, orderId);
    if (note !== null && note.length > 500)
      throw new AppError('BAD_USER_INPUT', 'reason must be at most 500 characters');
    const reason = actor.role === 'ADMIN' && state.userId !== actor.userId ? 'ADMIN' : 'CUSTOMER';
    const meta = { userId: actor.userId, correlationId: orderId };
    const result = await this.process.onOrder(
      orderId,
      { type: 'CancelOrder', data: { orderId, reason, note } },
      meta,
    );
    const released = await this.process.releaseAll(state.lines, orderId, 'ORDER_CANCELLED', meta);
    // Read-your-writes must include the stock given back, appended after the cancellation.
    return { orderId, state: result.state, position: latestPosition([result.position, released]) };
  }

  async completeOrder(actor: Actor, orderId: string): Promise<OrderOutcome> {
    if (actor.role !== 'ADMIN')
      throw new AppError('FORBIDDEN', 'Only an admin can complete orders');
    await this.ownedOrder(actor, orderId);
    const result = await this.process.onOrder(
      orderId,
      { type: 'CompleteOrder', data: { orderId } },
      { userId: actor.userId, correlationId: orderId },
    );
    return { orderId, state: result.state, position: result.position };
  }

  /**
   * The order if the actor may act on it: its owner or an ADMIN, as the contract says. FORBIDDEN
   * tells a stranger only that the id is an order, never whose it is or what it holds.
   * @throws AppError NOT_FOUND when there is no such order, FORBIDDEN when it is someone else's
   */
  async ownedOrder(actor: Actor, orderId: string) {
    const { state, position } = await this.process.order(orderId);
    if (state.status === 'EMPTY') throw new AppError('NOT_FOUND', 'Order not found');
    if (actor.role !== 'ADMIN' && state.userId !== actor.userId) {
      throw new AppError('FORBIDDEN', 'This order belongs to another customer');
    }
    return { state, position };
  }

  private async priceLines(lines: PlaceOrderRequest['lines']): Promise<OrderLine[]> {
    if (lines.length === 0)
      throw new AppError('BAD_USER_INPUT', 'An order needs at least one line');
    const products = await this.lookupProducts([...new Set(lines.map((l) => l.productId))]);
    return lines.map((line) => {
      const product = products.get(line.productId);
      if (!product) throw new AppError('NOT_FOUND', `Product ${line.productId} not found`);
      return {
        productId: product.id,
        sku: product.sku,
        name: product.name,
        unitPrice: product.price,
        quantity: line.quantity,
      };
    });
  }
}
