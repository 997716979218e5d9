import type { OnPaymentSettled } from '../../application/payments/payment-settled';
import { parsePaymentWebhookBody } from './payment-webhook-event';
import type { ProcessedWebhookEvents } from './processed-webhook-events';
import { verifyWebhookSignature } from './webhook-signature';

export interface WebhookResponse {
  status: 200 | 400 | 401;
  body: Record<string, unknown>;
}

/**
 * Receives one webhook request: the exact bytes of its body (never re-serialised JSON, which
 * would not match the signature), the `Chronocart-Signature` header and the time of receipt.
 * Rejects when `onPaymentSettled` fails, so that the HTTP layer answers 5xx and the gateway
 * delivers the event again.
 */
export type PaymentWebhookHandler = (
  rawBody: Buffer,
  signatureHeader: string | undefined,
  now: Date,
) => Promise<WebhookResponse>;

export interface PaymentWebhookHandlerOptions {
  /** PAYMENT_WEBHOOK_SECRET. */
  secret: string;
  processed: ProcessedWebhookEvents;
  onPaymentSettled: OnPaymentSettled;
  toleranceSeconds?: number;
}

/**
 * Authenticates before anything else (401 and nothing recorded for a missing, forged or stale
 * signature), then parses (400), then acts once per event id. The id is recorded only after the
 * callback succeeded: a crash in between means one more run of an idempotent callback, never a
 * lost outcome. Concurrent duplicates may both run it, for the same reason harmlessly.
 */
export function createPaymentWebhookHandler(
  options: PaymentWebhookHandlerOptions,
): PaymentWebhookHandler {
  return async (rawBody, signatureHeader, now) => {
    const verdict = verifyWebhookSignature({
      secret: options.secret,
      payload: rawBody,
      header: signatureHeader,
      now,
      ...(options.toleranceSeconds === undefined
        ? {}
        : { toleranceSeconds: options.toleranceSeconds }),
    });
    if (!verdict.valid) return { status: 401, body: { error: 'invalid signature' } };

    const parsed = parsePaymentWebhookBody(rawBody);
    if (parsed.kind === 'malformed') return { status: 400, body: { error: 'malformed event' } };
    // Acknowledged so that the sender stops retrying an event this application has no use for.
    if (parsed.kind === 'other') return { status: 200, body: { received: true, ignored: true } };

    const { event } = parsed;
    if (await options.processed.isProcessed(event.id)) {
      return { status: 200, body: { received: true, duplicate: true } };
    }
    await options.onPaymentSettled({
      paymentId: event.data.paymentId,
      orderId: event.data.orderId,
      succeeded: event.type === 'payment.succeeded',
      transactionId: event.data.transactionId,
      reason: event.data.reason,
    });
    await options.processed.markProcessed(
      { id: event.id, type: event.type, paymentId: event.data.paymentId },
      now,
    );
    return { status: 200, body: { received: true } };
  };
}
