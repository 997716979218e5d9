import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AppError, type ErrorCode } from '../../../src/application/app-error';
import type { PaymentSettled } from '../../../src/application/payments/payment-settled';
import { MockPaymentGateway } from '../../../src/infrastructure/payments/mock-payment-gateway';
import {
  createPaymentWebhookHandler,
  type PaymentWebhookHandler,
} from '../../../src/infrastructure/payments/payment-webhook-handler';
import { PostgresProcessedWebhookEvents } from '../../../src/infrastructure/payments/processed-webhook-events';
import type { FetchLike } from '../../../src/infrastructure/payments/webhook-dispatcher';
import { createTestDatabase, type TestDatabase } from '../../support/database';

const SECRET = 'whsec_test_secret_0123456789';
const URL = 'http://app.test/webhooks/payments';

describe('mock payment gateway', () => {
  let db: TestDatabase;
  let nowMs = Date.parse('2030-07-01T08:00:00Z');
  const clock = () => new Date(nowMs);
  const settled: PaymentSettled[] = [];
  let handle: PaymentWebhookHandler;
  /** What the receiver answers before handing requests to the real handler; empty = just handle. */
  let outages: number[] = [];
  let deliveries = 0;
  const gateways: MockPaymentGateway[] = [];

  /** Hands the request to the application's handler, as HTTP would, without a server. */
  const fetchIntoHandler: FetchLike = async (_url, init) => {
    deliveries++;
    const outage = outages.shift();
    if (outage !== undefined) return { status: outage, text: () => Promise.resolve('') };
    const signature = init.headers['Chronocart-Signature'];
    const response = await handle(Buffer.from(init.body), signature, clock());
    return { status: response.status, text: () => Promise.resolve(JSON.stringify(response.body)) };
  };

  const newGateway = (fetch: FetchLike = fetchIntoHandler, url = URL) => {
    const gateway = new MockPaymentGateway({
      pool: db.pool,
      now: clock,
      webhook: {
        url,
        secret: SECRET,
        fetch,
        retryDelaysMs: [1_000, 5_000],
        sleep: (ms) => Promise.resolve(void (nowMs += ms)),
      },
    });
    gateways.push(gateway);
    return gateway;
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    handle = createPaymentWebhookHandler({
      secret: SECRET,
      processed: new PostgresProcessedWebhookEvents(db.pool),
      onPaymentSettled: (outcome) => Promise.resolve(void settled.push(outcome)),
    });
  });
  afterAll(async () => {
    await Promise.all(gateways.map((g) => g.close()));
    await db.drop();
  });
  beforeEach(() => {
    settled.length = 0;
    outages = [];
    deliveries = 0;
  });

  async function expectAppError(promise: Promise<unknown>, code: ErrorCode): Promise<AppError> {
    const error = await promise.then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe(code);
    return error as AppError;
  }

  const open = (gateway: MockPaymentGateway, amount = 4200) => {
    const orderId = randomUUID();
    return gateway
      .createPayment({ orderId, amount, idempotencyKey: `key-${orderId}` })
      .then((created) => ({ orderId, ...created }));
  };

  const deliveredAt = async (paymentId: string) =>
    (
      await db.pool.query<{ webhook_delivered_at: Date | null }>(
        'SELECT webhook_delivered_at FROM mock_gateway_payments WHERE payment_id = $1',
        [paymentId],
      )
    ).rows[0]?.webhook_delivered_at;

  it('opens payments for many orders in one call, each the same one createPayment gives', async () => {
    const gateway = newGateway();
    const existing = await open(gateway, 1500);
    const fresh = Array.from({ length: 50 }, (_, i) => ({
      orderId: randomUUID(),
      amount: 100 + i,
      idempotencyKey: `batch-${i}`,
    }));
    const requests = [
      ...fresh,
      { orderId: existing.orderId, amount: 1500, idempotencyKey: 'again' },
    ];
    const created = await gateway.createPayments(requests);
    expect(created).toHaveLength(51);
    expect(created[50]).toEqual({ paymentId: existing.paymentId, provider: 'mock' });
    expect(new Set(created.map((c) => c.paymentId)).size).toBe(51);
    for (const [i, request] of fresh.entries()) {
      const record = await gateway.paymentForOrder(request.orderId);
      expect(record).toMatchObject({
        paymentId: created[i]!.paymentId,
        amount: request.amount,
        status: 'PENDING',
      });
    }
    await expect(gateway.createPayments(requests)).resolves.toEqual(created);
    await expectAppError(
      gateway.createPayments([{ orderId: existing.orderId, amount: 1, idempotencyKey: 'x' }]),
      'CONFLICT',
    );
  });

  it('opens one pending payment per order, however often asked', async () => {
    const gateway = newGateway();
    const orderId = randomUUID();
    const request = { orderId, amount: 4200, idempotencyKey: 'k1' };
    const first = await gateway.createPayment(request);
    expect(first.paymentId).toMatch(/^pay_[0-9a-f]{24}$/);
    expect(first.provider).toBe('mock');
    await expect(gateway.createPayment({ ...request, idempotencyKey: 'k2' })).resolves.toEqual(
      first,
    );
    const racing = await Promise.all(
      Array.from({ length: 5 }, () => gateway.createPayment(request)),
    );
    expect(new Set(racing.map((r) => r.paymentId))).toEqual(new Set([first.paymentId]));

    const record = {
      paymentId: first.paymentId,
      orderId,
      amount: 4200,
      status: 'PENDING',
      provider: 'mock',
      transactionId: null,
      failureReason: null,
      createdAt: clock(),
      settledAt: null,
    };
    await expect(gateway.getPayment(first.paymentId)).resolves.toEqual(record);
    await expect(gateway.paymentForOrder(orderId)).resolves.toEqual(record);
    await expect(gateway.getPayment('pay_unknown')).resolves.toBeNull();
    await expect(gateway.paymentForOrder(randomUUID())).resolves.toBeNull();
  });

  it('refuses a second payment of another amount for the same order', async () => {
    const gateway = newGateway();
    const { orderId } = await open(gateway, 4200);
    await expectAppError(
      gateway.createPayment({ orderId, amount: 4300, idempotencyKey: 'k' }),
      'CONFLICT',
    );
    await expectAppError(
      gateway.createPayment({ orderId: randomUUID(), amount: 1.5, idempotencyKey: 'k' }),
      'BAD_USER_INPUT',
    );
  });

  it('a payment made reaches the application through the signed webhook, once', async () => {
    const gateway = newGateway();
    const { orderId, paymentId } = await open(gateway);
    const record = await gateway.settle(paymentId, true);
    expect(record).toMatchObject({
      paymentId,
      orderId,
      status: 'SUCCEEDED',
      failureReason: null,
      settledAt: clock(),
    });
    expect(record.transactionId).toMatch(/^txn_[0-9a-f]{24}$/);
    await gateway.idle();

    expect(settled).toEqual([
      { paymentId, orderId, succeeded: true, transactionId: record.transactionId, reason: null },
    ]);
    expect(await deliveredAt(paymentId)).toEqual(clock());

    // Paying again answers the same and sends nothing more: the application already has it.
    await expect(gateway.settle(paymentId, true)).resolves.toEqual(record);
    await gateway.idle();
    expect(deliveries).toBe(1);
    expect(settled).toHaveLength(1);
  });

  it('a declined payment reaches the application as a failure', async () => {
    const gateway = newGateway();
    const { orderId, paymentId } = await open(gateway);
    const record = await gateway.settle(paymentId, false);
    expect(record).toMatchObject({
      status: 'FAILED',
      transactionId: null,
      failureReason: 'card_declined',
    });
    await gateway.idle();
    expect(settled).toEqual([
      { paymentId, orderId, succeeded: false, transactionId: null, reason: 'card_declined' },
    ]);
  });

  it('a settled payment cannot settle the other way; unknown payments are NOT_FOUND', async () => {
    const gateway = newGateway();
    const { paymentId } = await open(gateway);
    await gateway.settle(paymentId, true);
    await expectAppError(gateway.settle(paymentId, false), 'INVALID_STATE');
    await expectAppError(gateway.settle('pay_nope', true), 'NOT_FOUND');
    await gateway.idle();
    await expect(gateway.getPayment(paymentId)).resolves.toMatchObject({ status: 'SUCCEEDED' });
    expect(settled.map((s) => s.succeeded)).toEqual([true]);
  });

  it('of racing settlements exactly one outcome wins', async () => {
    const gateway = newGateway();
    const { paymentId } = await open(gateway);
    const results = await Promise.allSettled([
      gateway.settle(paymentId, true),
      gateway.settle(paymentId, false),
      gateway.settle(paymentId, true),
      gateway.settle(paymentId, false),
    ]);
    await gateway.idle();
    const final = await gateway.getPayment(paymentId);
    for (const result of results) {
      if (result.status === 'fulfilled') expect(result.value.status).toBe(final?.status);
      else expect((result.reason as AppError).code).toBe('INVALID_STATE');
    }
    expect(settled.map((s) => s.succeeded)).toEqual([final?.status === 'SUCCEEDED']);
  });

  it('retries while the application answers errors, then delivers', async () => {
    const gateway = newGateway();
    const { paymentId } = await open(gateway);
    outages = [503, 500];
    await gateway.settle(paymentId, true);
    await gateway.idle();
    expect(deliveries).toBe(3);
    expect(settled).toHaveLength(1);
    expect(await deliveredAt(paymentId)).not.toBeNull();
  });

  it('what a stopped or unreachable gateway left undelivered is sent at the next start', async () => {
    const down: FetchLike = () => Promise.reject(new Error('ECONNREFUSED'));
    const first = newGateway(down);
    const { orderId, paymentId } = await open(first);
    await first.settle(paymentId, false);
    await first.idle();
    await first.close();
    expect(settled).toEqual([]);
    expect(await deliveredAt(paymentId)).toBeNull();

    const restarted = newGateway();
    await expect(restarted.resumeDeliveries()).resolves.toBeGreaterThanOrEqual(1);
    await restarted.idle();
    expect(settled).toContainEqual({
      paymentId,
      orderId,
      succeeded: false,
      transactionId: null,
      reason: 'card_declined',
    });
    expect(await deliveredAt(paymentId)).not.toBeNull();
    await expect(restarted.resumeDeliveries()).resolves.toBe(0);
  });

  it('settling again re-sends an outcome that was never acknowledged, with the same event id', async () => {
    const offline = newGateway(() => Promise.reject(new Error('offline')));
    const { paymentId } = await open(offline);
    const record = await offline.settle(paymentId, true);
    await offline.idle();
    expect(settled).toEqual([]);

    const online = newGateway();
    await expect(online.settle(paymentId, true)).resolves.toEqual(record);
    await online.idle();
    expect(settled).toEqual([expect.objectContaining({ paymentId, succeeded: true })]);
    const events = await db.pool.query<{ n: string }>(
      `SELECT count(*) AS n FROM webhook_events w JOIN mock_gateway_payments p
         ON p.webhook_event_id = w.event_id WHERE p.payment_id = $1`,
      [paymentId],
    );
    expect(events.rows[0]?.n).toBe('1');
  });

  describe('over real HTTP with global fetch', () => {
    let server: Server;
    let url: string;
    beforeAll(async () => {
      server = createServer((req, res) => {
        const chunks: Buffer[] = [];
        req.on('data', (chunk: Buffer) => chunks.push(chunk));
        req.on('end', () => {
          const signature = req.headers['chronocart-signature'];
          void handle(
            Buffer.concat(chunks),
            typeof signature === 'string' ? signature : undefined,
            new Date(),
          ).then(({ status, body }) => {
            res.writeHead(status, { 'content-type': 'application/json' });
            res.end(JSON.stringify(body));
          });
        });
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/payments`;
    });
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

    it('delivers a signed webhook that the receiver verifies', async () => {
      const gateway = new MockPaymentGateway({
        pool: db.pool,
        webhook: { url, secret: SECRET, retryDelaysMs: [] },
      });
      gateways.push(gateway);
      const { orderId, paymentId } = await open(gateway);
      await gateway.settle(paymentId, true);
      await gateway.idle();
      expect(settled).toEqual([expect.objectContaining({ paymentId, orderId, succeeded: true })]);
      expect(await deliveredAt(paymentId)).not.toBeNull();
    });
  });
});
