import { AppError } from '../../application/app-error';
import { type OrderOutcome } from '../../application/orders/order-service';
import { type OrderService } from '../../graphql/services';
import { type Actor, type OrderUpdateView, type OrderView } from '../../graphql/views';
import { isUuid, onlyUuids } from '../read-model';
import { caughtUp, type ServiceDeps } from './deps';
import { replayThenLive } from './replay-then-live';

const visibleTo = (actor: Actor, order: OrderView | null | undefined): order is OrderView =>
  !!order && (actor.role === 'ADMIN' || order.userId === actor.userId);

/**
 * Orders from the read table; one that is not there yet (the projector is a few milliseconds
 * behind a write) is folded from its events instead, so an order id just handed out always
 * resolves.
 */
async function ordersByIds(deps: ServiceDeps, ids: readonly string[]): Promise<OrderView[]> {
  const wanted = onlyUuids(ids);
  const found = await deps.readModel.ordersByIds(wanted);
  const have = new Set(found.map((o) => o.id));
  const missing = wanted.filter((id) => !have.has(id));
  const folded = await Promise.all(missing.map((id) => deps.readModel.orderAsOf(id, {})));
  return [...found, ...folded.filter((o): o is OrderView => o !== null)];
}

async function orderAfter(deps: ServiceDeps, outcome: OrderOutcome): Promise<OrderView> {
  await caughtUp(deps, outcome.position);
  const [order] = await deps.readModel.ordersByIds([outcome.orderId]);
  if (order) return order;
  const rebuilt = await deps.readModel.orderAsOf(outcome.orderId, {});
  if (!rebuilt) throw new AppError('NOT_FOUND', 'Order not found');
  return rebuilt;
}

async function requireVisible(deps: ServiceDeps, actor: Actor, orderId: string): Promise<void> {
  if (!isUuid(orderId)) throw new AppError('NOT_FOUND', 'Order not found');
  await deps.orders.ownedOrder(actor, orderId);
}

/**
 * A rejected order (OUT_OF_STOCK) is answered once the read side shows it REJECTED and the stock
 * it held given back, as a successful one is once it shows it reserved.
 */
async function rejectionCaughtUp<T>(deps: ServiceDeps, placing: Promise<T>): Promise<T> {
  try {
    return await placing;
  } catch (error) {
    const position = error instanceof AppError ? error.details?.['position'] : undefined;
    if (!(error instanceof AppError) || typeof position !== 'string') throw error;
    await caughtUp(deps, position);
    const { position: _internal, ...details } = error.details ?? {};
    throw new AppError(error.code, error.message, details);
  }
}

export function orderService(deps: ServiceDeps): OrderService {
  return {
    async checkout(actor, idempotencyKey) {
      return orderAfter(
        deps,
        await rejectionCaughtUp(deps, deps.orders.checkout(actor, idempotencyKey)),
      );
    },
    async placeOrder(actor, command) {
      const outcome = await rejectionCaughtUp(
        deps,
        deps.orders.placeOrder({
          actor,
          lines: command.items,
          idempotencyKey: command.idempotencyKey,
          source: 'PLACE_ORDER',
        }),
      );
      return orderAfter(deps, outcome);
    },
    async cancelOrder(actor, orderId, reason) {
      if (!isUuid(orderId)) throw new AppError('NOT_FOUND', 'Order not found');
      return orderAfter(deps, await deps.orders.cancelOrder(actor, orderId, reason));
    },
    async completeOrder(actor, orderId) {
      if (!isUuid(orderId)) throw new AppError('NOT_FOUND', 'Order not found');
      return orderAfter(deps, await deps.orders.completeOrder(actor, orderId));
    },
    async orderById(actor, orderId) {
      if (!isUuid(orderId)) return null;
      const [order] = await ordersByIds(deps, [orderId]);
      return visibleTo(actor, order) ? order : null;
    },
    async orderAsOf(actor, orderId, at) {
      if (!isUuid(orderId)) return null;
      const order = await deps.readModel.orderAsOf(orderId, at);
      return visibleTo(actor, order) ? order : null;
    },
    ordersByIds: (ids) => ordersByIds(deps, ids),
    ordersPage: (query) => deps.readModel.ordersPage(query),
    async orderHistories(orderIds) {
      const entries = await Promise.all(
        orderIds.map(
          async (id) => [id, isUuid(id) ? await deps.readModel.orderHistory(id) : []] as const,
        ),
      );
      return new Map(entries);
    },
    async orderUpdates(actor, orderId, fromVersion) {
      await requireVisible(deps, actor, orderId);
      return replayThenLive<OrderUpdateView>({
        listen: (push, onResync) =>
          deps.pubsub.subscribe('orderUpdated', orderId, (m) => push(toUpdate(m)), { onResync }),
        replay: (last) =>
          deps.readModel.orderUpdatesAfterVersion(orderId, last?.version ?? fromVersion),
        isAfter: (item, last) => item.version > last.version,
      });
    },
    async myOrderUpdates(actor, fromPosition) {
      return replayThenLive<OrderUpdateView>({
        listen: (push, onResync) =>
          deps.pubsub.subscribe('userOrderUpdated', actor.userId, (m) => push(toUpdate(m)), {
            onResync,
          }),
        replay: (last) =>
          deps.readModel.userOrderUpdatesAfterPosition(
            actor.userId,
            last?.position ?? fromPosition,
          ),
        isAfter: (item, last) => item.position > last.position,
      });
    },
  };
}

function toUpdate(message: {
  orderId: string;
  userId: string;
  status: string;
  version: number;
  position: string;
  occurredAt: string;
  reason: string | null;
}): OrderUpdateView {
  return {
    ...message,
    status: message.status as OrderUpdateView['status'],
    occurredAt: new Date(message.occurredAt),
  };
}
