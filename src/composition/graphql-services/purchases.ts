import { AppError } from '../../application/app-error';
import { type PurchaseTicket } from '../../application/purchases/purchase-service';
import { type PurchaseService } from '../../graphql/services';
import { type PurchaseResultView } from '../../graphql/views';
import { type ServiceDeps } from './deps';
import { replayThenLive } from './replay-then-live';

const toResult = (
  t: Pick<PurchaseTicket, 'ticketId' | 'outcome' | 'orderId' | 'userId'>,
): PurchaseResultView => ({
  ticketId: t.ticketId,
  outcome: t.outcome,
  orderId: t.orderId,
  userId: t.userId,
});

/** @throws AppError NOT_FOUND when the catalogue has no such product */
async function requireProduct(deps: ServiceDeps, productId: string): Promise<void> {
  const [product] = await deps.readModel.productsByIds([productId]);
  if (!product) throw new AppError('NOT_FOUND', 'Product not found', { productId });
}

export function purchaseService(deps: ServiceDeps): PurchaseService {
  return {
    async purchase(actor, { productId, quantity, idempotencyKey }) {
      // The order is returned as its events say (read from its stream when it was placed
      // before), without waiting for the read side: the queries that follow wait for it
      // instead (read-your-writes.ts), so a sale's answers are not held by its projections.
      const { ticket, orderEvents } = await deps.purchases.purchase(
        actor,
        productId,
        quantity,
        idempotencyKey,
      );
      // The batcher rejects a product it does not know without telling why; only then is it
      // worth asking the catalogue, so that an unknown product is NOT_FOUND as everywhere else.
      if (ticket.outcome === 'REJECTED') await requireProduct(deps, productId);
      const position = orderEvents?.at(-1)?.position;
      if (position) deps.readModel.noteAnswered(position);
      const order = orderEvents
        ? deps.readModel.orderFromEvents(orderEvents)
        : ticket.orderId
          ? await deps.readModel.orderAsOf(ticket.orderId, {})
          : null;
      return { ...toResult(ticket), order };
    },
    async purchaseAsync(actor, { productId, quantity, idempotencyKey }) {
      // Checked before a ticket is queued: QUEUED promises the product exists. A cache hit,
      // or one query for every request of the same turn of the event loop.
      await requireProduct(deps, productId);
      return toResult(
        await deps.purchases.purchaseAsync(actor, productId, quantity, idempotencyKey),
      );
    },
    async purchaseTicket(actor, ticketId) {
      const ticket = await deps.purchases.ticket(actor, ticketId);
      return ticket ? toResult(ticket) : null;
    },
    async purchaseSettled(actor, ticketId) {
      if (!(await deps.purchases.ticket(actor, ticketId))) {
        throw new AppError('NOT_FOUND', 'Purchase ticket not found');
      }
      return replayThenLive<PurchaseResultView>({
        listen: (push, onResync) =>
          deps.pubsub.subscribe(
            'purchaseSettled',
            ticketId,
            (m) => {
              if (actor.role === 'ADMIN' || m.userId === actor.userId) push(toResult(m));
            },
            { onResync },
          ),
        replay: async () => {
          const ticket = await deps.purchases.ticket(actor, ticketId);
          return ticket && ticket.outcome !== 'QUEUED' ? [toResult(ticket)] : [];
        },
        isAfter: () => false,
        isLast: (item) => item.outcome !== 'QUEUED',
      });
    },
  };
}
