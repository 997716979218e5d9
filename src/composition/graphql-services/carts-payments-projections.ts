import { AppError } from '../../application/app-error';
import { type Cart } from '../../application/carts/cart';
import {
  type CartService,
  type PaymentService,
  type ProjectionService,
} from '../../graphql/services';
import { type CartView } from '../../graphql/views';
import { isUuid } from '../read-model';
import { type ServiceDeps } from './deps';

const toCartView = (cart: Cart): CartView => ({
  items: cart.items.map((i) => ({
    productId: i.productId,
    quantity: i.quantity,
    unitPrice: i.unitPrice,
  })),
  total: cart.total,
  itemCount: cart.itemCount,
  expiresAt: cart.expiresAt,
});

const productIdOrNotFound = (productId: string): string => {
  if (!isUuid(productId)) throw new AppError('NOT_FOUND', 'Product not found');
  return productId;
};

export function cartService(deps: ServiceDeps): CartService {
  return {
    cart: async (actor) => toCartView(await deps.carts.getCart(actor.userId)),
    addToCart: async (actor, productId, quantity) =>
      toCartView(
        await deps.carts.addToCart(actor.userId, productIdOrNotFound(productId), quantity),
      ),
    updateCartItem: async (actor, productId, quantity) =>
      toCartView(
        await deps.carts.updateCartItem(actor.userId, productIdOrNotFound(productId), quantity),
      ),
    removeFromCart: async (actor, productId) =>
      toCartView(await deps.carts.removeFromCart(actor.userId, productIdOrNotFound(productId))),
    clearCart: async (actor) => toCartView(await deps.carts.clearCart(actor.userId)),
  };
}

export function paymentService(deps: ServiceDeps): PaymentService {
  return {
    async simulatePayment(actor, orderId, succeed) {
      if (!isUuid(orderId)) throw new AppError('NOT_FOUND', 'Order not found');
      const { state } = await deps.orders.ownedOrder(actor, orderId);
      if (!state.payment)
        throw new AppError(
          'INVALID_STATE',
          `Order is ${state.status}: there is no payment to settle`,
        );
      // A payment may still be made while the order awaits it, or after its reservation ran out
      // (the stock is then taken again if it is there); never for an order the customer or an
      // admin cancelled, whose stock is already back on sale.
      const payable =
        state.status === 'AWAITING_PAYMENT' ||
        (state.status === 'CANCELLED' && state.cancelReason === 'RESERVATION_EXPIRED');
      if (!payable || state.payment.status !== 'PENDING')
        throw new AppError(
          'INVALID_STATE',
          state.payment.status === 'PENDING'
            ? `Order is ${state.status}: its payment can no longer be made`
            : `Payment already ${state.payment.status.toLowerCase()}`,
        );
      const payment = await deps.payments.settle(state.payment.paymentId, succeed);
      const position = await settledOnOrder(deps, orderId);
      if (position) await deps.readModel.waitForPosition(position, deps.readYourWritesMs);
      return {
        id: payment.paymentId,
        status: payment.status,
        amount: payment.amount,
        provider: payment.provider,
        transactionId: payment.transactionId,
      };
    },
  };
}

/**
 * The outcome reaches the order through the webhook, asynchronously; the caller gets its answer
 * once the order has taken it in (bounded), so the next query already shows it. Returns the
 * position of the order's last event: the log's head would stop short of it while any other
 * transaction on the server is still open.
 */
async function settledOnOrder(deps: ServiceDeps, orderId: string): Promise<string | null> {
  const deadline = Date.now() + deps.readYourWritesMs;
  for (;;) {
    const { state, position } = await deps.orderProcess.order(orderId);
    const settled = state.status === 'EMPTY' || state.payment?.status !== 'PENDING';
    const finished = state.status !== 'AWAITING_PAYMENT' || state.payment?.status === 'FAILED';
    if ((settled && finished) || Date.now() >= deadline) return position;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

export function projectionService(deps: ServiceDeps): ProjectionService {
  return { projectionStatuses: () => deps.readModel.projectionStatuses() };
}
