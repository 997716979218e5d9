import { type Decision, type DomainError, domainError } from '../shared/domain-error';
import {
  type CancelOrder,
  type InitiatePayment,
  type MarkStockReserved,
  type OrderCommand,
  type PlaceOrder,
  type RecordPaymentFailed,
  type RecordPaymentSucceeded,
  type RejectOrder,
  type RequestRefund,
} from './order.commands';
import { type OrderEvent, type OrderLine } from './order.events';
import { type OrderState, type PlacedOrder } from './order.state';

const MAX_LINES = 100;
const MAX_LINE_QUANTITY = 1000;

// Only the contract's fields go into the log, whatever else the caller's objects carry.
const snapshot = ({ productId, sku, name, unitPrice, quantity }: OrderLine): OrderLine => ({
  productId,
  sku,
  name,
  unitPrice,
  quantity,
});

const invalid = (state: PlacedOrder, action: string): DomainError =>
  domainError('INVALID_STATE', `cannot ${action}: order ${state.orderId} is ${state.status}`);

const placeOrder = ({ data }: PlaceOrder, state: OrderState): Decision<OrderEvent> => {
  if (state.status !== 'EMPTY') return invalid(state, 'place the order again');
  const { orderId, userId, lines, source } = data;
  if (lines.length < 1 || lines.length > MAX_LINES) {
    return domainError('BAD_USER_INPUT', `an order has 1 to ${MAX_LINES} lines`);
  }
  const seen = new Set<string>();
  for (const line of lines) {
    if (
      !Number.isInteger(line.quantity) ||
      line.quantity < 1 ||
      line.quantity > MAX_LINE_QUANTITY
    ) {
      return domainError(
        'BAD_USER_INPUT',
        `quantity of ${line.productId} must be an integer from 1 to ${MAX_LINE_QUANTITY}`,
      );
    }
    if (!Number.isSafeInteger(line.unitPrice) || line.unitPrice < 0) {
      return domainError(
        'BAD_USER_INPUT',
        `unit price of ${line.productId} must be a non-negative integer`,
      );
    }
    if (seen.has(line.productId)) {
      return domainError('BAD_USER_INPUT', `product ${line.productId} appears on two lines`);
    }
    seen.add(line.productId);
  }
  const total = lines.reduce((sum, line) => sum + line.unitPrice * line.quantity, 0);
  if (!Number.isSafeInteger(total)) {
    return domainError('BAD_USER_INPUT', 'order total is too large');
  }
  return [
    {
      type: 'OrderPlaced',
      data: { orderId, userId, lines: lines.map(snapshot), total, source },
    },
  ];
};

const markStockReserved = (
  { data }: MarkStockReserved,
  state: PlacedOrder,
): Decision<OrderEvent> => {
  if (state.status !== 'PENDING') return invalid(state, 'mark stock reserved');
  if (state.stockReservedUntil !== null) return [];
  return [
    { type: 'OrderStockReserved', data: { orderId: state.orderId, expiresAt: data.expiresAt } },
  ];
};

const rejectOrder = ({ data }: RejectOrder, state: PlacedOrder): Decision<OrderEvent> => {
  if (state.status === 'REJECTED') return [];
  if (state.status !== 'PENDING') return invalid(state, 'reject the order');
  return [
    {
      type: 'OrderRejected',
      data: { orderId: state.orderId, reason: data.reason, productId: data.productId },
    },
  ];
};

const initiatePayment = ({ data }: InitiatePayment, state: PlacedOrder): Decision<OrderEvent> => {
  if (state.status === 'AWAITING_PAYMENT') {
    return state.payment.paymentId === data.paymentId
      ? []
      : invalid(
          state,
          `initiate payment ${data.paymentId} (payment ${state.payment.paymentId} exists)`,
        );
  }
  if (state.status !== 'PENDING') return invalid(state, 'initiate payment');
  if (state.stockReservedUntil === null) {
    return invalid(state, 'initiate payment before stock is reserved');
  }
  const { paymentId, provider } = data;
  return [
    {
      type: 'PaymentInitiated',
      data: { orderId: state.orderId, paymentId, amount: state.total, provider },
    },
  ];
};

const recordPaymentSucceeded = (
  { data }: RecordPaymentSucceeded,
  state: PlacedOrder,
): Decision<OrderEvent> => {
  const { payment } = state;
  if (!payment) return invalid(state, 'record a payment success without a payment');
  if (payment.paymentId !== data.paymentId) {
    return invalid(state, `record success of unknown payment ${data.paymentId}`);
  }
  if (payment.status === 'SUCCEEDED') return [];
  if (payment.status === 'FAILED') return invalid(state, 'record success of a failed payment');
  // The gateway took the money: that is a fact to record even when the order was cancelled
  // meanwhile (expired, or by the customer or an admin), so that it is re-reserved or refunded.
  const cancelledWhilePaying =
    state.status === 'CANCELLED' && state.cancelReason !== 'PAYMENT_FAILED';
  if (state.status !== 'AWAITING_PAYMENT' && !cancelledWhilePaying) {
    return invalid(state, 'record a payment success');
  }
  return [
    {
      type: 'PaymentSucceeded',
      data: {
        orderId: state.orderId,
        paymentId: payment.paymentId,
        transactionId: data.transactionId,
      },
    },
  ];
};

const recordPaymentFailed = (
  { data }: RecordPaymentFailed,
  state: PlacedOrder,
): Decision<OrderEvent> => {
  const { payment } = state;
  if (!payment) return invalid(state, 'record a payment failure without a payment');
  if (payment.paymentId !== data.paymentId) {
    return invalid(state, `record failure of unknown payment ${data.paymentId}`);
  }
  if (payment.status === 'FAILED') return [];
  if (payment.status === 'SUCCEEDED') {
    return invalid(state, 'record failure of a succeeded payment');
  }
  const { orderId } = state;
  const failed: OrderEvent = {
    type: 'PaymentFailed',
    data: { orderId, paymentId: payment.paymentId, reason: data.reason },
  };
  if (state.status === 'CANCELLED') return [failed];
  if (state.status !== 'AWAITING_PAYMENT') return invalid(state, 'record a payment failure');
  return [
    failed,
    { type: 'OrderCancelled', data: { orderId, reason: 'PAYMENT_FAILED', note: data.reason } },
  ];
};

const markPaid = (state: PlacedOrder): Decision<OrderEvent> => {
  if (state.status === 'PAID' || state.status === 'COMPLETED') return [];
  if (state.payment?.status !== 'SUCCEEDED') {
    return invalid(state, 'mark paid before the payment succeeded');
  }
  const late =
    state.status === 'CANCELLED' &&
    state.cancelReason === 'RESERVATION_EXPIRED' &&
    // Once the money is on its way back the order cannot also be paid.
    !state.refundRequested;
  if (state.status !== 'AWAITING_PAYMENT' && !late) return invalid(state, 'mark paid');
  return [{ type: 'OrderPaid', data: { orderId: state.orderId } }];
};

const cancelOrder = ({ data }: CancelOrder, state: PlacedOrder): Decision<OrderEvent> => {
  const cancellable =
    state.status === 'PENDING' ||
    (state.status === 'AWAITING_PAYMENT' && state.payment.status !== 'SUCCEEDED');
  if (!cancellable) return invalid(state, 'cancel the order');
  const note = data.note?.trim() || null;
  return [{ type: 'OrderCancelled', data: { orderId: state.orderId, reason: data.reason, note } }];
};

const completeOrder = (state: PlacedOrder): Decision<OrderEvent> =>
  state.status === 'PAID'
    ? [{ type: 'OrderCompleted', data: { orderId: state.orderId } }]
    : invalid(state, 'complete the order');

const requestRefund = ({ data }: RequestRefund, state: PlacedOrder): Decision<OrderEvent> => {
  if (state.status !== 'CANCELLED' || state.payment?.status !== 'SUCCEEDED') {
    return invalid(state, 'refund an order that is not cancelled with a succeeded payment');
  }
  if (state.refundRequested) return [];
  return [
    {
      type: 'RefundRequested',
      data: {
        orderId: state.orderId,
        paymentId: state.payment.paymentId,
        amount: state.total,
        reason: data.reason,
      },
    },
  ];
};

export const decideOrder = (command: OrderCommand, state: OrderState): Decision<OrderEvent> => {
  if (command.type === 'PlaceOrder') return placeOrder(command, state);
  if (state.status === 'EMPTY') {
    return domainError('NOT_FOUND', `order ${command.data.orderId} not found`);
  }
  switch (command.type) {
    case 'MarkStockReserved':
      return markStockReserved(command, state);
    case 'RejectOrder':
      return rejectOrder(command, state);
    case 'InitiatePayment':
      return initiatePayment(command, state);
    case 'RecordPaymentSucceeded':
      return recordPaymentSucceeded(command, state);
    case 'RecordPaymentFailed':
      return recordPaymentFailed(command, state);
    case 'MarkPaid':
      return markPaid(state);
    case 'CancelOrder':
      return cancelOrder(command, state);
    case 'CompleteOrder':
      return completeOrder(state);
    case 'RequestRefund':
      return requestRefund(command, state);
    default: {
      const _exhaustive: never = command;
      return domainError('BAD_USER_INPUT', 'unknown order command');
    }
  }
};
