export type CancelReason = 'CUSTOMER' | 'ADMIN' | 'PAYMENT_FAILED' | 'RESERVATION_EXPIRED';
export type OrderSource = 'CHECKOUT' | 'PLACE_ORDER' | 'PURCHASE';

/** A line as it was sold: name and price are snapshots taken when the order was placed. */
export interface OrderLine {
  productId: string;
  sku: string;
  name: string;
  unitPrice: number;
  quantity: number;
}

export type OrderPlaced = {
  type: 'OrderPlaced';
  data: { orderId: string; userId: string; lines: OrderLine[]; total: number; source: OrderSource };
};
export type OrderStockReserved = {
  type: 'OrderStockReserved';
  data: { orderId: string; expiresAt: string };
};
export type OrderRejected = {
  type: 'OrderRejected';
  data: { orderId: string; reason: string; productId: string | null };
};
export type PaymentInitiated = {
  type: 'PaymentInitiated';
  data: { orderId: string; paymentId: string; amount: number; provider: string };
};
export type PaymentSucceeded = {
  type: 'PaymentSucceeded';
  data: { orderId: string; paymentId: string; transactionId: string };
};
export type PaymentFailed = {
  type: 'PaymentFailed';
  data: { orderId: string; paymentId: string; reason: string };
};
export type OrderPaid = {
  type: 'OrderPaid';
  data: { orderId: string };
};
export type OrderCancelled = {
  type: 'OrderCancelled';
  data: { orderId: string; reason: CancelReason; note: string | null };
};
export type OrderCompleted = {
  type: 'OrderCompleted';
  data: { orderId: string };
};
/**
 * A payment arrived for an order that cannot be fulfilled: its stock was gone after the
 * reservation expired (STOCK_SHORTFALL), or it had been cancelled by the customer or an admin
 * while the payment was under way (ORDER_CANCELLED). The money must go back.
 */
export type RefundRequested = {
  type: 'RefundRequested';
  data: { orderId: string; paymentId: string; amount: number; reason: RefundReason };
};
export type RefundReason = 'STOCK_SHORTFALL' | 'ORDER_CANCELLED';

/** Events of the stream `order-<orderId>`. */
export type OrderEvent =
  | OrderPlaced
  | OrderStockReserved
  | OrderRejected
  | PaymentInitiated
  | PaymentSucceeded
  | PaymentFailed
  | OrderPaid
  | OrderCancelled
  | OrderCompleted
  | RefundRequested;

export const orderEventTypes = [
  'OrderPlaced',
  'OrderStockReserved',
  'OrderRejected',
  'PaymentInitiated',
  'PaymentSucceeded',
  'PaymentFailed',
  'OrderPaid',
  'OrderCancelled',
  'OrderCompleted',
  'RefundRequested',
] as const satisfies readonly OrderEvent['type'][];

export const orderStreamId = (orderId: string): string => `order-${orderId}`;
