import { type OrderEvent } from '../../aggregates/order/order.events';
import { type RecordedEvent } from '../../infrastructure/event-store/event-store';
import { asDomainEvent } from '../shared/domain-event';

export type OrderStatus =
  'PENDING' | 'AWAITING_PAYMENT' | 'PAID' | 'COMPLETED' | 'CANCELLED' | 'REJECTED';

export type PaymentStatus = 'PENDING' | 'SUCCEEDED' | 'FAILED';

/** A line as it was sold: sku, name and price are snapshots taken when the order was placed. */
export interface OrderItemRow {
  productId: string;
  sku: string;
  name: string;
  quantity: number;
  unitPrice: number;
}

export interface OrderPaymentRow {
  id: string;
  status: PaymentStatus;
  amount: number;
  provider: string;
  transactionId: string | null;
}

/** An order as the read side serves it, and as time travel rebuilds it. */
export interface OrderRow {
  id: string;
  userId: string;
  status: OrderStatus;
  statusReason: string | null;
  items: OrderItemRow[];
  total: number;
  payment: OrderPaymentRow | null;
  reservationExpiresAt: Date | null;
  refundRequested: boolean;
  /** Revision of the order stream this row reflects. */
  version: number;
  /** Global position of the order's last event. */
  lastPosition: string;
  createdAt: Date;
  updatedAt: Date;
}

/**
 * Folds one order event into the order's row. The projection and time travel both use it, so
 * the live table and an order rebuilt as of a moment cannot disagree.
 * @throws when the event cannot apply (an event before OrderPlaced, a payment never initiated)
 */
export function evolveOrderRow(row: OrderRow | null, recorded: RecordedEvent): OrderRow {
  const event = asDomainEvent<OrderEvent>(recorded);
  if (event.type === 'OrderPlaced') {
    if (row) throw new Error(`order ${row.id} was already placed`);
    const { orderId, userId, lines, total } = event.data;
    return {
      id: orderId,
      userId,
      status: 'PENDING',
      statusReason: null,
      items: lines.map((line) => ({
        productId: line.productId,
        sku: line.sku,
        name: line.name,
        quantity: line.quantity,
        unitPrice: line.unitPrice,
      })),
      total,
      payment: null,
      reservationExpiresAt: null,
      refundRequested: false,
      version: recorded.version,
      lastPosition: recorded.position,
      createdAt: recorded.occurredAt,
      updatedAt: recorded.occurredAt,
    };
  }
  if (!row) throw new Error(`order ${event.data.orderId} was never placed`);
  const next: OrderRow = {
    ...row,
    version: recorded.version,
    lastPosition: recorded.position,
    updatedAt: recorded.occurredAt,
  };
  switch (event.type) {
    case 'OrderStockReserved':
      return { ...next, reservationExpiresAt: new Date(event.data.expiresAt) };
    // A reservation that was committed or given back no longer expires: a frontend must not
    // show "pay before …" on a paid or dead order.
    case 'OrderRejected':
      return {
        ...next,
        status: 'REJECTED',
        statusReason: event.data.reason,
        reservationExpiresAt: null,
      };
    case 'PaymentInitiated': {
      const { paymentId, amount, provider } = event.data;
      const payment: OrderPaymentRow = {
        id: paymentId,
        status: 'PENDING',
        amount,
        provider,
        transactionId: null,
      };
      return { ...next, status: 'AWAITING_PAYMENT', payment };
    }
    case 'PaymentSucceeded':
      return {
        ...next,
        payment: {
          ...paymentOf(row),
          status: 'SUCCEEDED',
          transactionId: event.data.transactionId,
        },
      };
    case 'PaymentFailed':
      return { ...next, payment: { ...paymentOf(row), status: 'FAILED' } };
    case 'OrderPaid':
      return { ...next, status: 'PAID', statusReason: null, reservationExpiresAt: null };
    case 'OrderCancelled':
      return {
        ...next,
        status: 'CANCELLED',
        statusReason: event.data.reason,
        reservationExpiresAt: null,
      };
    case 'OrderCompleted':
      return { ...next, status: 'COMPLETED' };
    case 'RefundRequested':
      return { ...next, refundRequested: true };
    default: {
      const unknown: never = event;
      throw new Error(`not an order event: ${(unknown as { type: string }).type}`);
    }
  }
}

function paymentOf(row: OrderRow): OrderPaymentRow {
  if (!row.payment) throw new Error(`order ${row.id} has no payment`);
  return row.payment;
}

/** The reason an event gives for the order's new state, if any (status history, updates). */
export function reasonOf(recorded: RecordedEvent): string | null {
  const event = asDomainEvent<OrderEvent>(recorded);
  switch (event.type) {
    case 'OrderRejected':
    case 'OrderCancelled':
    case 'PaymentFailed':
    case 'RefundRequested':
      return event.data.reason;
    case 'OrderPlaced':
    case 'OrderStockReserved':
    case 'PaymentInitiated':
    case 'PaymentSucceeded':
    case 'OrderPaid':
    case 'OrderCompleted':
      return null;
    default: {
      const unknown: never = event;
      throw new Error(`not an order event: ${(unknown as { type: string }).type}`);
    }
  }
}

/** An order's row after its events in order, or null when there are none. */
export const foldOrderRow = (events: readonly RecordedEvent[]): OrderRow | null =>
  events.reduce<OrderRow | null>(evolveOrderRow, null);
