import {
  type CancelReason,
  type OrderEvent,
  type OrderLine,
  type OrderSource,
} from './order.events';

interface PaymentFields {
  paymentId: string;
  amount: number;
  provider: string;
}
export type PendingPayment = PaymentFields & { status: 'PENDING'; transactionId: null };
export type SucceededPayment = PaymentFields & { status: 'SUCCEEDED'; transactionId: string };
export type FailedPayment = PaymentFields & { status: 'FAILED'; transactionId: null };
export type Payment = PendingPayment | SucceededPayment | FailedPayment;
export type PaymentStatus = Payment['status'];

/** What every order carries once it has been placed. */
export interface PlacedOrderFields {
  orderId: string;
  userId: string;
  lines: OrderLine[];
  total: number;
  source: OrderSource;
  /** When the reserved stock expires; null until every line is reserved. */
  stockReservedUntil: string | null;
  statusReason: string | null;
  refundRequested: boolean;
}

export type EmptyOrder = { status: 'EMPTY' };
export type PendingOrder = PlacedOrderFields & { status: 'PENDING'; payment: null };
export type AwaitingPaymentOrder = PlacedOrderFields & {
  status: 'AWAITING_PAYMENT';
  payment: Payment;
};
export type PaidOrder = PlacedOrderFields & { status: 'PAID'; payment: SucceededPayment };
export type CompletedOrder = PlacedOrderFields & {
  status: 'COMPLETED';
  payment: SucceededPayment;
};
export type CancelledOrder = PlacedOrderFields & {
  status: 'CANCELLED';
  cancelReason: CancelReason;
  cancelNote: string | null;
  payment: Payment | null;
};
export type RejectedOrder = PlacedOrderFields & { status: 'REJECTED'; payment: null };

export type PlacedOrder =
  PendingOrder | AwaitingPaymentOrder | PaidOrder | CompletedOrder | CancelledOrder | RejectedOrder;
export type OrderState = EmptyOrder | PlacedOrder;

/** The statuses of the public contract; EMPTY only means "no such order yet". */
export type OrderStatus = PlacedOrder['status'];

export const initialOrderState = (): OrderState => ({ status: 'EMPTY' });

const fieldsOf = (state: PlacedOrder): PlacedOrderFields => ({
  orderId: state.orderId,
  userId: state.userId,
  lines: state.lines,
  total: state.total,
  source: state.source,
  stockReservedUntil: state.stockReservedUntil,
  statusReason: state.statusReason,
  refundRequested: state.refundRequested,
});

export const evolveOrder = (state: OrderState, event: OrderEvent): OrderState => {
  if (event.type === 'OrderPlaced') {
    const { orderId, userId, lines, total, source } = event.data;
    return {
      status: 'PENDING',
      orderId,
      userId,
      lines,
      total,
      source,
      stockReservedUntil: null,
      statusReason: null,
      refundRequested: false,
      payment: null,
    };
  }
  // Anything else before OrderPlaced cannot come from decide; evolve ignores it rather than throw.
  if (state.status === 'EMPTY') return state;

  switch (event.type) {
    case 'OrderStockReserved':
      return { ...state, stockReservedUntil: event.data.expiresAt };
    case 'OrderRejected':
      return {
        ...fieldsOf(state),
        status: 'REJECTED',
        statusReason: event.data.reason,
        payment: null,
      };
    case 'PaymentInitiated': {
      const { paymentId, amount, provider } = event.data;
      return {
        ...fieldsOf(state),
        status: 'AWAITING_PAYMENT',
        payment: { paymentId, amount, provider, status: 'PENDING', transactionId: null },
      };
    }
    case 'PaymentSucceeded': {
      if (state.status !== 'AWAITING_PAYMENT' && state.status !== 'CANCELLED') return state;
      if (!state.payment) return state;
      const payment: SucceededPayment = {
        ...state.payment,
        status: 'SUCCEEDED',
        transactionId: event.data.transactionId,
      };
      return { ...state, payment };
    }
    case 'PaymentFailed': {
      if (state.status !== 'AWAITING_PAYMENT' && state.status !== 'CANCELLED') return state;
      if (!state.payment) return state;
      const payment: FailedPayment = { ...state.payment, status: 'FAILED', transactionId: null };
      return { ...state, payment };
    }
    case 'OrderPaid': {
      const payment = state.payment;
      if (payment?.status !== 'SUCCEEDED') return state;
      return { ...fieldsOf(state), status: 'PAID', statusReason: null, payment };
    }
    case 'OrderCancelled':
      return {
        ...fieldsOf(state),
        status: 'CANCELLED',
        cancelReason: event.data.reason,
        cancelNote: event.data.note,
        statusReason: event.data.reason,
        payment: state.payment,
      };
    case 'OrderCompleted':
      if (state.status !== 'PAID') return state;
      return { ...state, status: 'COMPLETED' };
    case 'RefundRequested':
      return { ...state, refundRequested: true };
    default: {
      const _exhaustive: never = event;
      return state;
    }
  }
};

export const foldOrder = (events: readonly OrderEvent[]): OrderState =>
  events.reduce(evolveOrder, initialOrderState());
