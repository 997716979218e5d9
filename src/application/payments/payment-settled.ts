/** A payment outcome, as a verified webhook reported it. */
export interface PaymentSettled {
  paymentId: string;
  orderId: string;
  succeeded: boolean;
  transactionId: string | null;
  reason: string | null;
}

/**
 * Acts on a payment outcome (commit or release the reservation, mark the order). It may run more
 * than once for one outcome, and outcomes of one payment may arrive in any order, so it must be
 * idempotent and must ignore outcomes that no longer apply. A rejection makes the webhook answer
 * with an error so that the gateway delivers it again.
 */
export type OnPaymentSettled = (outcome: PaymentSettled) => Promise<void>;
