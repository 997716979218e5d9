import { z } from 'zod';
import type { PaymentRecord } from '../../application/payments/payment-gateway';

export type PaymentWebhookEventType = 'payment.succeeded' | 'payment.failed';

/** The body of a payment webhook: JSON, one unique `id` per event. */
export interface PaymentWebhookEvent {
  id: string;
  type: PaymentWebhookEventType;
  /** Unix seconds when the outcome happened. */
  created: number;
  data: {
    paymentId: string;
    orderId: string;
    amount: number;
    transactionId: string | null;
    reason: string | null;
  };
}

const id = z.string().min(1).max(200);
const envelope = z.object({
  id,
  type: z.string().min(1).max(100),
  created: z.number().int().nonnegative(),
  data: z.unknown(),
});
const paymentData = z.object({
  paymentId: id,
  orderId: id,
  amount: z.number().int().nonnegative(),
  transactionId: z.string().min(1).max(200).nullable(),
  reason: z.string().max(500).nullable(),
});

export type ParsedWebhookBody =
  | { kind: 'payment'; event: PaymentWebhookEvent }
  /** Well-formed, of a type this application does not act on. */
  | { kind: 'other'; id: string; type: string }
  | { kind: 'malformed' };

export function parsePaymentWebhookBody(rawBody: Buffer): ParsedWebhookBody {
  let json: unknown;
  try {
    json = JSON.parse(rawBody.toString('utf8'));
  } catch {
    return { kind: 'malformed' };
  }
  const outer = envelope.safeParse(json);
  if (!outer.success) return { kind: 'malformed' };
  const { type } = outer.data;
  if (type !== 'payment.succeeded' && type !== 'payment.failed') {
    return { kind: 'other', id: outer.data.id, type };
  }
  const data = paymentData.safeParse(outer.data.data);
  if (!data.success) return { kind: 'malformed' };
  return { kind: 'payment', event: { ...outer.data, type, data: data.data } };
}

/** The event that reports a settled payment; the same for every delivery of it. */
export function paymentWebhookEventFor(
  payment: PaymentRecord,
  eventId: string,
): PaymentWebhookEvent {
  if (payment.status === 'PENDING' || payment.settledAt === null) {
    throw new Error(`payment ${payment.paymentId} has not settled`);
  }
  return {
    id: eventId,
    type: payment.status === 'SUCCEEDED' ? 'payment.succeeded' : 'payment.failed',
    created: Math.floor(payment.settledAt.getTime() / 1000),
    data: {
      paymentId: payment.paymentId,
      orderId: payment.orderId,
      amount: payment.amount,
      transactionId: payment.transactionId,
      reason: payment.failureReason,
    },
  };
}
