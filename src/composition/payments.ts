import express from 'express';
import type pg from 'pg';
import { AppError } from '../application/app-error';
import { type OnPaymentSettled } from '../application/payments/payment-settled';
import { type Logger } from '../infrastructure/logging/logger';
import { MockPaymentGateway } from '../infrastructure/payments/mock-payment-gateway';
import { renderPayPage } from '../infrastructure/payments/pay-page';
import { createPaymentWebhookHandler } from '../infrastructure/payments/payment-webhook-handler';
import { PostgresProcessedWebhookEvents } from '../infrastructure/payments/processed-webhook-events';

export interface Payments {
  gateway: MockPaymentGateway;
  stop(): Promise<void>;
}

/**
 * The built-in mock gateway, its webhook receiver and its pay page. The gateway reaches the app
 * only over HTTP, through the signed webhook, exactly as an external one would.
 */
export async function startPayments(options: {
  pool: pg.Pool;
  secret: string;
  webhookUrl: string;
  onPaymentSettled: OnPaymentSettled;
  router: express.Router;
  logger: Logger;
}): Promise<Payments> {
  const gateway = new MockPaymentGateway({
    pool: options.pool,
    webhook: { url: options.webhookUrl, secret: options.secret, log: options.logger },
  });
  const receive = createPaymentWebhookHandler({
    secret: options.secret,
    processed: new PostgresProcessedWebhookEvents(options.pool),
    onPaymentSettled: options.onPaymentSettled,
  });
  const router = options.router;
  router.post(
    '/webhooks/payments',
    express.raw({ type: () => true, limit: '64kb' }),
    (req, res, next) => {
      const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      receive(body, req.header('chronocart-signature'), new Date())
        .then((response) => res.status(response.status).json(response.body))
        .catch(next);
    },
  );
  router.get('/pay/:paymentId', (req, res, next) => {
    gateway
      .getPayment(req.params.paymentId)
      .then((payment) => {
        if (!payment) res.status(404).type('html').send('<!doctype html><p>No such payment</p>');
        else res.type('html').send(renderPayPage(payment));
      })
      .catch(next);
  });
  router.post(
    '/pay/:paymentId',
    express.urlencoded({ extended: false, limit: '4kb' }),
    (req, res, next) => {
      const body = req.body as Record<string, unknown>;
      gateway
        .settle(req.params.paymentId, body.outcome === 'succeed' || body.succeed === 'true')
        .then((payment) => res.type('html').send(renderPayPage(payment)))
        .catch((error: unknown) => {
          if (error instanceof AppError)
            res
              .status(error.code === 'NOT_FOUND' ? 404 : 409)
              .type('html')
              .send(`<!doctype html><p>${error.code}</p>`);
          else next(error);
        });
    },
  );
  await gateway.resumeDeliveries();
  return { gateway, stop: () => gateway.close() };
}
