import { createHmac } from 'node:crypto';
import { type TestServer } from './server';

/** The test server's PAYMENT_WEBHOOK_SECRET (support/server.ts). */
export const WEBHOOK_SECRET = 'e2e-webhook-secret';

/** A `Chronocart-Signature` header value, as a gateway signs a webhook body. */
export function webhookSignature(body: string, t: number, secret = WEBHOOK_SECRET): string {
  return `t=${t},v1=${createHmac('sha256', secret).update(`${t}.${body}`).digest('hex')}`;
}

/** POSTs a payment webhook to the server, signed with `signature` (none when undefined). */
export function postWebhook(
  server: TestServer,
  body: string,
  signature: string | undefined,
): Promise<Response> {
  return fetch(server.url.replace('/graphql', '/webhooks/payments'), {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(signature ? { 'chronocart-signature': signature } : {}),
    },
    body,
  });
}
