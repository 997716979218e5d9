import {
  type CancelReason,
  type OrderLine,
  type OrderSource,
  type RefundReason,
} from './order.events';

/** Every command names its order so that a handler can route it to `order-<orderId>`. */
export type PlaceOrder = {
  type: 'PlaceOrder';
  data: { orderId: string; userId: string; lines: OrderLine[]; source: OrderSource };
};
/** Every line's stock is held until expiresAt (ISO-8601 instant). */
export type MarkStockReserved = {
  type: 'MarkStockReserved';
  data: { orderId: string; expiresAt: string };
};
export type RejectOrder = {
  type: 'RejectOrder';
  data: { orderId: string; reason: string; productId: string | null };
};
export type InitiatePayment = {
  type: 'InitiatePayment';
  data: { orderId: string; paymentId: string; provider: string };
};
export type RecordPaymentSucceeded = {
  type: 'RecordPaymentSucceeded';
  data: { orderId: string; paymentId: string; transactionId: string };
};
export type RecordPaymentFailed = {
  type: 'RecordPaymentFailed';
  data: { orderId: string; paymentId: string; reason: string };
};
export type MarkPaid = {
  type: 'MarkPaid';
  data: { orderId: string };
};
export type CancelOrder = {
  type: 'CancelOrder';
  data: { orderId: string; reason: CancelReason; note: string | null };
};
export type CompleteOrder = {
  type: 'CompleteOrder';
  data: { orderId: string };
};
/** The refund is always the whole order total. */
export type RequestRefund = {
  type: 'RequestRefund';
  data: { orderId: string; reason: RefundReason };
};

/** Commands for the stream `order-<orderId>`. */
export type OrderCommand =
  | PlaceOrder
  | MarkStockReserved
  | RejectOrder
  | InitiatePayment
  | RecordPaymentSucceeded
  | RecordPaymentFailed
  | MarkPaid
  | CancelOrder
  | CompleteOrder
  | RequestRefund;
