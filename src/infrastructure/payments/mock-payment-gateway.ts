import { randomBytes } from 'node:crypto';
import type pg from 'pg';
import { AppError } from '../../application/app-error';
import type {
  CreatedPayment,
  CreatePaymentRequest,
  PaymentGateway,
  PaymentRecord,
  PaymentSimulator,
  PaymentStatus,
} from '../../application/payments/payment-gateway';
import { paymentWebhookEventFor } from './payment-webhook-event';
import { WebhookDispatcher, type WebhookDispatcherOptions } from './webhook-dispatcher';

export interface MockPaymentGatewayOptions {
  pool: pg.Pool;
  /** Where and how outcomes are reported; `onDelivered` and `now` are the gateway's own. */
  webhook: Omit<WebhookDispatcherOptions, 'onDelivered' | 'now'>;
  now?: () => Date;
}

interface PaymentRow {
  payment_id: string;
  order_id: string;
  amount: string;
  status: string;
  transaction_id: string | null;
  failure_reason: string | null;
  webhook_event_id: string | null;
  webhook_delivered_at: Date | null;
  created_at: Date;
  settled_at: Date | null;
}

const PROVIDER = 'mock';
const DECLINED = 'card_declined';
const STATUSES: readonly string[] = ['PENDING', 'SUCCEEDED', 'FAILED'] satisfies PaymentStatus[];

const token = (prefix: string) => `${prefix}_${randomBytes(12).toString('hex')}`;

/**
 * The built-in stand-in for an external gateway (migrations/0012_payments.sql). It keeps its own
 * records, settles only when asked, and reports outcomes to the application only through the
 * signed webhook, so the application's payment path is the one a real gateway would drive.
 */
export class MockPaymentGateway implements PaymentGateway, PaymentSimulator {
  private readonly pool: pg.Pool;
  private readonly now: () => Date;
  private readonly dispatcher: WebhookDispatcher;

  constructor(options: MockPaymentGatewayOptions) {
    this.pool = options.pool;
    this.now = options.now ?? (() => new Date());
    this.dispatcher = new WebhookDispatcher({
      ...options.webhook,
      now: this.now,
      onDelivered: (eventId) => this.markDelivered(eventId),
    });
  }

  async createPayment({
    orderId,
    amount,
    idempotencyKey,
  }: CreatePaymentRequest): Promise<CreatedPayment> {
    if (!Number.isSafeInteger(amount) || amount < 0) {
      throw new AppError('BAD_USER_INPUT', 'A payment amount must be a whole number of cents');
    }
    const { rows } = await this.pool.query<PaymentRow>(
      `INSERT INTO mock_gateway_payments (payment_id, order_id, amount, idempotency_key, created_at)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (order_id) DO NOTHING
       RETURNING *`,
      [token('pay'), orderId, amount, idempotencyKey, this.now()],
    );
    const payment = rows[0] ? toRecord(rows[0]) : await this.paymentForOrder(orderId);
    if (payment === null) throw new Error(`payment for order ${orderId} vanished`);
    if (payment.amount !== amount) {
      throw new AppError('CONFLICT', 'This order already has a payment of another amount', {
        orderId,
      });
    }
    return { paymentId: payment.paymentId, provider: PROVIDER };
  }

  async createPayments(requests: readonly CreatePaymentRequest[]): Promise<CreatedPayment[]> {
    if (requests.length === 0) return [];
    if (requests.some((r) => !Number.isSafeInteger(r.amount) || r.amount < 0)) {
      throw new AppError('BAD_USER_INPUT', 'A payment amount must be a whole number of cents');
    }
    // Inserted rows and the ones that were there before: the snapshot does not see its own inserts.
    const { rows } = await this.pool.query<PaymentRow>({
      name: 'mock_gateway_create_payments',
      text: `WITH inserted AS (
          INSERT INTO mock_gateway_payments (payment_id, order_id, amount, idempotency_key, created_at)
          SELECT p.*, $5::timestamptz FROM unnest($1::text[], $2::text[], $3::bigint[], $4::text[]) AS p
          ON CONFLICT (order_id) DO NOTHING RETURNING *)
        SELECT * FROM inserted
        UNION ALL SELECT * FROM mock_gateway_payments WHERE order_id = ANY($2::text[])`,
      values: [
        requests.map(() => token('pay')),
        requests.map((r) => r.orderId),
        requests.map((r) => r.amount),
        requests.map((r) => r.idempotencyKey),
        this.now(),
      ],
    });
    const byOrder = new Map(rows.map((row) => [row.order_id, toRecord(row)]));
    return requests.map(({ orderId, amount }) => {
      const payment = byOrder.get(orderId);
      if (!payment) throw new Error(`payment for order ${orderId} vanished`);
      if (payment.amount !== amount) {
        throw new AppError('CONFLICT', 'This order already has a payment of another amount', {
          orderId,
        });
      }
      return { paymentId: payment.paymentId, provider: PROVIDER };
    });
  }

  async getPayment(paymentId: string): Promise<PaymentRecord | null> {
    return this.findOne('payment_id', paymentId);
  }

  async paymentForOrder(orderId: string): Promise<PaymentRecord | null> {
    return this.findOne('order_id', orderId);
  }

  async settle(paymentId: string, succeed: boolean): Promise<PaymentRecord> {
    const status: PaymentStatus = succeed ? 'SUCCEEDED' : 'FAILED';
    const { rows } = await this.pool.query<PaymentRow>(
      `UPDATE mock_gateway_payments
       SET status = $2, transaction_id = $3, failure_reason = $4, settled_at = $5,
           webhook_event_id = $6
       WHERE payment_id = $1 AND status = 'PENDING'
       RETURNING *`,
      [
        paymentId,
        status,
        succeed ? token('txn') : null,
        succeed ? null : DECLINED,
        this.now(),
        token('evt'),
      ],
    );
    const row = rows[0] ?? (await this.findRow('payment_id', paymentId));
    if (row === null) throw new AppError('NOT_FOUND', 'Payment not found', { paymentId });
    const payment = toRecord(row);
    if (payment.status !== status) {
      throw new AppError('INVALID_STATE', `Payment already ${payment.status.toLowerCase()}`, {
        paymentId,
        status: payment.status,
      });
    }
    // Sent unless already acknowledged, so that settling again re-sends an outcome lost earlier.
    if (row.webhook_event_id !== null && row.webhook_delivered_at === null) {
      this.dispatcher.enqueue(paymentWebhookEventFor(payment, row.webhook_event_id));
    }
    return payment;
  }

  /** Re-sends every outcome not yet acknowledged, e.g. when the last process stopped first. */
  async resumeDeliveries(): Promise<number> {
    const { rows } = await this.pool.query<PaymentRow>(
      `SELECT * FROM mock_gateway_payments
       WHERE webhook_event_id IS NOT NULL AND webhook_delivered_at IS NULL
       ORDER BY settled_at`,
    );
    for (const row of rows) {
      if (row.webhook_event_id === null) continue;
      this.dispatcher.enqueue(paymentWebhookEventFor(toRecord(row), row.webhook_event_id));
    }
    return rows.length;
  }

  /** Resolves when deliveries under way have finished (acknowledged or given up). */
  idle(): Promise<void> {
    return this.dispatcher.idle();
  }

  /** Stops retrying; what is undelivered stays recorded for `resumeDeliveries`. */
  close(): Promise<void> {
    return this.dispatcher.close();
  }

  private async markDelivered(eventId: string): Promise<void> {
    await this.pool.query(
      `UPDATE mock_gateway_payments SET webhook_delivered_at = $2
       WHERE webhook_event_id = $1 AND webhook_delivered_at IS NULL`,
      [eventId, this.now()],
    );
  }

  private async findOne(column: 'payment_id' | 'order_id', value: string) {
    const row = await this.findRow(column, value);
    return row === null ? null : toRecord(row);
  }

  private async findRow(
    column: 'payment_id' | 'order_id',
    value: string,
  ): Promise<PaymentRow | null> {
    const { rows } = await this.pool.query<PaymentRow>(
      `SELECT * FROM mock_gateway_payments WHERE ${column} = $1`,
      [value],
    );
    return rows[0] ?? null;
  }
}

function toRecord(row: PaymentRow): PaymentRecord {
  if (!STATUSES.includes(row.status)) {
    throw new Error(`payment ${row.payment_id} has an unknown status ${row.status}`);
  }
  return {
    paymentId: row.payment_id,
    orderId: row.order_id,
    amount: Number(row.amount),
    status: row.status as PaymentStatus,
    provider: PROVIDER,
    transactionId: row.transaction_id,
    failureReason: row.failure_reason,
    createdAt: row.created_at,
    settledAt: row.settled_at,
  };
}
