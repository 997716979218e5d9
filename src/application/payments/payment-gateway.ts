export type PaymentStatus = 'PENDING' | 'SUCCEEDED' | 'FAILED';

/** A payment as the gateway keeps it. Amount in minor units. */
export interface PaymentRecord {
  paymentId: string;
  orderId: string;
  amount: number;
  status: PaymentStatus;
  provider: string;
  /** The gateway's reference for the money movement; set once the payment succeeded. */
  transactionId: string | null;
  /** Why the payment failed; set once it failed. */
  failureReason: string | null;
  createdAt: Date;
  settledAt: Date | null;
}

export interface CreatePaymentRequest {
  orderId: string;
  amount: number;
  idempotencyKey: string;
}

export interface CreatedPayment {
  paymentId: string;
  provider: string;
}

/**
 * An external payment provider. It learns about orders through `createPayment` and reports their
 * outcome later, only through its signed webhook (see `onPaymentSettled`), never as a return value.
 */
export interface PaymentGateway {
  /**
   * Opens a payment for the order. Idempotent per order: asking again returns the same payment.
   * @throws AppError CONFLICT when the order already has a payment of another amount
   */
  createPayment(request: CreatePaymentRequest): Promise<CreatedPayment>;
  /**
   * `createPayment` for many orders at once (a flash-sale batch), results in request order.
   * @throws AppError CONFLICT when one of the orders already has a payment of another amount
   */
  createPayments(requests: readonly CreatePaymentRequest[]): Promise<CreatedPayment[]>;
  getPayment(paymentId: string): Promise<PaymentRecord | null>;
  paymentForOrder(orderId: string): Promise<PaymentRecord | null>;
}

/**
 * What only the built-in mock gateway can do: play the customer who pays or declines. The outcome
 * reaches the application through the webhook, as a real gateway's would.
 */
export interface PaymentSimulator {
  /**
   * Settles a pending payment and sends the webhook. Settling again with the same outcome returns
   * the record and re-sends the webhook if it was not delivered yet.
   * @throws AppError NOT_FOUND for an unknown payment; INVALID_STATE when it settled the other way
   */
  settle(paymentId: string, succeed: boolean): Promise<PaymentRecord>;
}
