import {
  available,
  inventoryStreamId,
  type InventoryCommand,
  type ReleaseReason,
} from '../../aggregates/inventory';
import {
  orderStreamId,
  type OrderCommand,
  type OrderLine,
  type OrderState,
  type PlacedOrder,
  type RefundReason,
} from '../../aggregates/order';
import { type EventMetadata } from '../../infrastructure/event-store/event-store';
import { AppError } from '../app-error';
import { type Clock } from '../clock';
import { inventoryAggregate, orderAggregate } from '../commands/aggregates';
import { type CommandExecutor, type CommandResult } from '../commands/command-executor';
import { type CheckoutCart, type PaymentStarter } from './ports';

export interface OrderProcessDeps {
  executor: CommandExecutor;
  clock: Clock;
  payments: PaymentStarter;
  cart: Pick<CheckoutCart, 'removeOrdered'>;
  reservationTtlMs: number;
}

export interface PaymentOutcome {
  paymentId: string;
  orderId: string;
  succeeded: boolean;
  transactionId: string | null;
  reason: string | null;
}

/**
 * The checkout saga and the processes that follow an order to its end: reserve every line
 * (releasing earlier lines and rejecting when one is short), start the payment, settle it,
 * expire it. Every step is an idempotent command on the order's or a product's stream, so any
 * step can be run again after a crash — the reconciler does exactly that.
 */
export class OrderProcess {
  constructor(private readonly deps: OrderProcessDeps) {}

  async order(
    orderId: string,
  ): Promise<{ state: OrderState; version: number; position: string | null }> {
    return this.deps.executor.load(orderAggregate, orderStreamId(orderId));
  }

  onOrder(
    orderId: string,
    command: OrderCommand,
    meta: EventMetadata,
  ): Promise<CommandResult<OrderState>> {
    return this.deps.executor.execute(orderAggregate, orderStreamId(orderId), command, meta);
  }

  private onStock(productId: string, command: InventoryCommand, meta: EventMetadata) {
    return this.deps.executor.execute(
      inventoryAggregate,
      inventoryStreamId(productId),
      command,
      meta,
    );
  }

  /** Units of the product that can be reserved now, as the log says. */
  async availableStock(productId: string): Promise<number> {
    const { state } = await this.deps.executor.load(
      inventoryAggregate,
      inventoryStreamId(productId),
    );
    return available(state);
  }

  /** Drives a PENDING order to AWAITING_PAYMENT or REJECTED. */
  async advance(orderId: string, meta: EventMetadata): Promise<void> {
    const { state } = await this.order(orderId);
    if (state.status !== 'PENDING') return;
    const expiresAt = new Date(
      this.deps.clock.now().getTime() + this.deps.reservationTtlMs,
    ).toISOString();
    const shortage = await this.reserveAll(state, expiresAt, meta);
    if (shortage) {
      await this.releaseAll(state.lines, orderId, 'ORDER_REJECTED', meta);
      await this.onOrder(
        orderId,
        {
          type: 'RejectOrder',
          data: { orderId, reason: shortage.reason, productId: shortage.productId },
        },
        meta,
      );
      return;
    }
    const payment = await this.deps.payments.createPayment({
      orderId,
      amount: state.total,
      idempotencyKey: orderId,
    });
    // Issued together, the executor appends both in one write. INVALID_STATE means another
    // run of this saga (a retried request, the reconciler) got there first.
    await Promise.all([
      this.onOrder(
        orderId,
        { type: 'MarkStockReserved', data: { orderId, expiresAt } },
        meta,
      ).catch(ignoreInvalidState),
      this.onOrder(
        orderId,
        {
          type: 'InitiatePayment',
          data: { orderId, paymentId: payment.paymentId, provider: payment.provider },
        },
        meta,
      ).catch(ignoreInvalidState),
    ]);
  }

  /** Reserves every line at once; on any refusal the caller releases what was taken. */
  private async reserveAll(
    order: PlacedOrder,
    expiresAt: string,
    meta: EventMetadata,
  ): Promise<{ productId: string; reason: string } | null> {
    const results = await Promise.allSettled(
      order.lines.map((line) =>
        this.onStock(
          line.productId,
          {
            type: 'ReserveStock',
            data: {
              productId: line.productId,
              orderId: order.orderId,
              quantity: line.quantity,
              expiresAt,
            },
          },
          meta,
        ),
      ),
    );
    const failedAt = results.findIndex((r) => r.status === 'rejected');
    if (failedAt < 0) return null;
    const failure = results[failedAt] as PromiseRejectedResult;
    const error = failure.reason as unknown;
    if (!(error instanceof AppError) || error.code === 'CONFLICT' || error.code === 'RATE_LIMITED')
      throw error;
    return {
      productId: order.lines[failedAt]!.productId,
      reason: error.code === 'OUT_OF_STOCK' ? 'OUT_OF_STOCK' : error.message,
    };
  }

  async releaseAll(
    lines: readonly OrderLine[],
    orderId: string,
    reason: ReleaseReason,
    meta: EventMetadata,
  ): Promise<string | null> {
    const positions = await Promise.all(
      lines.map((line) =>
        this.onStock(
          line.productId,
          { type: 'ReleaseReservation', data: { productId: line.productId, orderId, reason } },
          meta,
        ).then((result) => result.position, ignoreInvalidState),
      ),
    );
    return latestPosition(positions);
  }

  private async commitAll(order: PlacedOrder, meta: EventMetadata): Promise<boolean> {
    const results = await Promise.allSettled(
      order.lines.map((line) =>
        this.onStock(
          line.productId,
          {
            type: 'CommitReservation',
            data: { productId: line.productId, orderId: order.orderId },
          },
          meta,
        ),
      ),
    );
    for (const r of results) {
      if (
        r.status === 'rejected' &&
        !(r.reason instanceof AppError && r.reason.code === 'INVALID_STATE')
      )
        throw r.reason;
    }
    return results.every((r) => r.status === 'fulfilled');
  }

  /** What the payment webhook reports; safe to receive twice or out of order. */
  async settlePayment(outcome: PaymentOutcome, meta: EventMetadata): Promise<void> {
    const { orderId, paymentId } = outcome;
    if (outcome.succeeded) {
      await this.onOrder(
        orderId,
        {
          type: 'RecordPaymentSucceeded',
          data: { orderId, paymentId, transactionId: outcome.transactionId ?? paymentId },
        },
        meta,
      ).catch(ignoreOutcomeThatDoesNotApply);
      await this.finishPaidOrder(orderId, meta);
      return;
    }
    await this.onOrder(
      orderId,
      {
        type: 'RecordPaymentFailed',
        data: { orderId, paymentId, reason: outcome.reason ?? 'declined' },
      },
      meta,
    ).catch(ignoreOutcomeThatDoesNotApply);
    const { state } = await this.order(orderId);
    if (state.status === 'CANCELLED' && state.payment?.status === 'FAILED') {
      await this.releaseAll(state.lines, orderId, 'PAYMENT_FAILED', meta);
    }
  }

  /**
   * The money is in: commit the stock and mark the order paid. When the reservation had
   * expired first, take the stock again if it is still there, else ask for a refund.
   */
  async finishPaidOrder(orderId: string, meta: EventMetadata): Promise<void> {
    for (let attempt = 0; attempt < 3; attempt++) {
      const { state } = await this.order(orderId);
      if (state.status === 'EMPTY' || state.payment?.status !== 'SUCCEEDED') return;
      if (state.status === 'PAID' || state.status === 'COMPLETED') {
        await this.commitAll(state, meta);
        return;
      }
      if (state.status === 'CANCELLED') {
        if (state.refundRequested) return;
        if (state.cancelReason !== 'RESERVATION_EXPIRED') {
          // Cancelled by the customer or an admin while the payment was under way: the stock
          // went back at the cancellation, so the money goes back too.
          await this.refund(orderId, 'ORDER_CANCELLED', meta);
          return;
        }
        const expiresAt = new Date(
          this.deps.clock.now().getTime() + this.deps.reservationTtlMs,
        ).toISOString();
        if (await this.reserveAll(state, expiresAt, meta)) {
          await this.releaseAll(state.lines, orderId, 'ORDER_CANCELLED', meta);
          await this.refund(orderId, 'STOCK_SHORTFALL', meta);
          return;
        }
      }
      if (await this.commitAll(state, meta)) {
        await this.onOrder(orderId, { type: 'MarkPaid', data: { orderId } }, meta).catch(
          ignoreInvalidState,
        );
        if (state.source === 'CHECKOUT') {
          await this.deps.cart.removeOrdered(state.userId, state.lines);
        }
        return;
      }
    }
    throw new AppError('CONFLICT', `Order ${orderId} could not be settled; it will be retried`);
  }

  private async refund(orderId: string, reason: RefundReason, meta: EventMetadata): Promise<void> {
    await this.onOrder(orderId, { type: 'RequestRefund', data: { orderId, reason } }, meta).catch(
      ignoreInvalidState,
    );
  }

  /** The reservation ran out: cancel the unpaid order and give the stock back. */
  async expire(orderId: string, meta: EventMetadata): Promise<void> {
    const { state } = await this.order(orderId);
    if (state.status === 'EMPTY') return;
    if (
      state.status === 'PENDING' ||
      (state.status === 'AWAITING_PAYMENT' && state.payment.status === 'PENDING')
    ) {
      await this.onOrder(
        orderId,
        { type: 'CancelOrder', data: { orderId, reason: 'RESERVATION_EXPIRED', note: null } },
        meta,
      ).catch(ignoreInvalidState);
    }
    await this.releaseIfClosed(orderId, meta);
  }

  /** Gives back the stock of an order that can no longer be paid; heals a paid one. */
  async releaseIfClosed(orderId: string, meta: EventMetadata): Promise<void> {
    const { state } = await this.order(orderId);
    if (state.status === 'EMPTY') return;
    if (state.payment?.status === 'SUCCEEDED') {
      await this.finishPaidOrder(orderId, meta);
      return;
    }
    if (state.status === 'CANCELLED' || state.status === 'REJECTED') {
      const reason: ReleaseReason =
        state.status === 'REJECTED'
          ? 'ORDER_REJECTED'
          : state.cancelReason === 'RESERVATION_EXPIRED'
            ? 'RESERVATION_EXPIRED'
            : state.cancelReason === 'PAYMENT_FAILED'
              ? 'PAYMENT_FAILED'
              : 'ORDER_CANCELLED';
      await this.releaseAll(state.lines, orderId, reason, meta);
    }
  }
}

/** The command found the work already done (or made moot) by someone else. */
/**
 * A payment outcome for an order in another state, or for an order this application never
 * placed, applies to nothing; failing would only make the gateway deliver it again, forever.
 */
function ignoreOutcomeThatDoesNotApply(error: unknown): void {
  if (error instanceof AppError && error.code === 'NOT_FOUND') return;
  ignoreInvalidState(error);
}

function ignoreInvalidState(error: unknown): void {
  if (error instanceof AppError && error.code === 'INVALID_STATE') return;
  throw error;
}

/** The latest of some log positions (they compare as strings); null when there are none. */
export function latestPosition(
  positions: readonly (string | null | undefined | void)[],
): string | null {
  let latest: string | null = null;
  for (const position of positions) {
    if (typeof position === 'string' && (latest === null || position > latest)) latest = position;
  }
  return latest;
}
