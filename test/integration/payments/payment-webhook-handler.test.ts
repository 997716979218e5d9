import { randomUUID } from 'node:crypto';
import type { PaymentSettled } from '../../../src/application/payments/payment-settled';
import type { PaymentWebhookEvent } from '../../../src/infrastructure/payments/payment-webhook-event';
import {
  createPaymentWebhookHandler,
  type PaymentWebhookHandler,
} from '../../../src/infrastructure/payments/payment-webhook-handler';
import { PostgresProcessedWebhookEvents } from '../../../src/infrastructure/payments/processed-webhook-events';
import { signWebhookPayload } from '../../../src/infrastructure/payments/webhook-signature';
import { createTestDatabase, type TestDatabase } from '../../support/database';

const SECRET = 'whsec_test_secret_0123456789';
const NOW = new Date('2030-05-01T10:00:00Z');
const nowSeconds = NOW.getTime() / 1000;

describe('payment webhook receiver', () => {
  let db: TestDatabase;
  let handle: PaymentWebhookHandler;
  const settled: PaymentSettled[] = [];
  let failNext: Error | null = null;

  beforeAll(async () => {
    db = await createTestDatabase();
    handle = createPaymentWebhookHandler({
      secret: SECRET,
      processed: new PostgresProcessedWebhookEvents(db.pool),
      onPaymentSettled: (outcome) => {
        if (failNext) {
          const error = failNext;
          failNext = null;
          return Promise.reject(error);
        }
        settled.push(outcome);
        return Promise.resolve();
      },
    });
  });
  afterAll(() => db.drop());
  beforeEach(() => {
    settled.length = 0;
  });

  const succeededEvent = (paymentId = `pay_${randomUUID()}`): PaymentWebhookEvent => ({
    id: `evt_${randomUUID()}`,
    type: 'payment.succeeded',
    created: nowSeconds,
    data: { paymentId, orderId: randomUUID(), amount: 4200, transactionId: 'txn_1', reason: null },
  });
  const failedEvent = (base: PaymentWebhookEvent): PaymentWebhookEvent => ({
    ...base,
    id: `evt_${randomUUID()}`,
    type: 'payment.failed',
    data: { ...base.data, transactionId: null, reason: 'card_declined' },
  });
  const signed = (value: unknown, t = nowSeconds, secret = SECRET) => {
    const body = Buffer.from(typeof value === 'string' ? value : JSON.stringify(value));
    return { body, header: signWebhookPayload(secret, body, t) };
  };
  const recorded = async () =>
    (await db.pool.query<{ event_id: string }>('SELECT event_id FROM webhook_events')).rows.map(
      (r) => r.event_id,
    );

  it('acts on a validly signed outcome and records its event id', async () => {
    const event = succeededEvent();
    const { body, header } = signed(event);
    await expect(handle(body, header, NOW)).resolves.toEqual({
      status: 200,
      body: { received: true },
    });
    expect(settled).toEqual([
      {
        paymentId: event.data.paymentId,
        orderId: event.data.orderId,
        succeeded: true,
        transactionId: 'txn_1',
        reason: null,
      },
    ]);
    expect(await recorded()).toContain(event.id);
  });

  it('acknowledges a duplicate delivery without acting again', async () => {
    const event = succeededEvent();
    const first = signed(event);
    await handle(first.body, first.header, NOW);
    // A redelivery is signed afresh, later.
    const again = signed(event, nowSeconds + 60);
    await expect(
      handle(again.body, again.header, new Date(NOW.getTime() + 60_000)),
    ).resolves.toEqual({ status: 200, body: { received: true, duplicate: true } });
    expect(settled).toHaveLength(1);
  });

  it('answers 401 to a forged signature, acts on nothing and records nothing', async () => {
    const event = succeededEvent();
    const before = await recorded();
    const forged = signed(event, nowSeconds, 'guessed secret');
    await expect(handle(forged.body, forged.header, NOW)).resolves.toMatchObject({ status: 401 });

    const genuine = signed(event);
    const tampered = Buffer.from(JSON.stringify({ ...event, data: { ...event.data, amount: 1 } }));
    await expect(handle(tampered, genuine.header, NOW)).resolves.toMatchObject({ status: 401 });
    await expect(handle(genuine.body, undefined, NOW)).resolves.toMatchObject({ status: 401 });
    await expect(handle(genuine.body, 'garbage', NOW)).resolves.toMatchObject({ status: 401 });

    expect(settled).toEqual([]);
    expect(await recorded()).toEqual(before);
  });

  it('answers 401 to a replay older than five minutes, and to one from the future', async () => {
    const before = await recorded();
    const old = signed(succeededEvent(), nowSeconds - 301);
    await expect(handle(old.body, old.header, NOW)).resolves.toMatchObject({ status: 401 });
    const future = signed(succeededEvent(), nowSeconds + 301);
    await expect(handle(future.body, future.header, NOW)).resolves.toMatchObject({ status: 401 });
    expect(settled).toEqual([]);
    expect(await recorded()).toEqual(before);
  });

  it('answers 400 to a correctly signed body that is not a valid event', async () => {
    const before = await recorded();
    for (const value of ['{"id":', '[]', { id: 'evt_x', type: 'payment.succeeded' }]) {
      const { body, header } = signed(value);
      await expect(handle(body, header, NOW)).resolves.toEqual({
        status: 400,
        body: { error: 'malformed event' },
      });
    }
    expect(settled).toEqual([]);
    expect(await recorded()).toEqual(before);
  });

  it('acknowledges well-formed events of other types without acting', async () => {
    const { body, header } = signed({ ...succeededEvent(), type: 'payment.refunded' });
    await expect(handle(body, header, NOW)).resolves.toEqual({
      status: 200,
      body: { received: true, ignored: true },
    });
    expect(settled).toEqual([]);
  });

  it('passes outcomes on in the order they arrive, even contradictory ones', async () => {
    const success = succeededEvent();
    const failure = failedEvent(success);
    for (const event of [success, failure]) {
      const { body, header } = signed(event);
      await expect(handle(body, header, NOW)).resolves.toMatchObject({ status: 200 });
    }
    expect(settled.map((s) => [s.paymentId, s.succeeded, s.reason])).toEqual([
      [success.data.paymentId, true, null],
      [success.data.paymentId, false, 'card_declined'],
    ]);
  });

  it('records nothing when acting fails, so that the redelivery acts', async () => {
    const event = succeededEvent();
    const { body, header } = signed(event);
    failNext = new Error('event store unavailable');
    await expect(handle(body, header, NOW)).rejects.toThrow('event store unavailable');
    expect(await recorded()).not.toContain(event.id);

    await expect(handle(body, header, NOW)).resolves.toEqual({
      status: 200,
      body: { received: true },
    });
    expect(settled).toHaveLength(1);
    expect(await recorded()).toContain(event.id);
  });

  it('concurrent duplicates are all acknowledged and the event is recorded once', async () => {
    const event = succeededEvent();
    const { body, header } = signed(event);
    const answers = await Promise.all(Array.from({ length: 5 }, () => handle(body, header, NOW)));
    expect(answers.every((a) => a.status === 200)).toBe(true);
    expect((await recorded()).filter((id) => id === event.id)).toHaveLength(1);
    // Racing duplicates may each act; the order commands they drive are idempotent.
    expect(settled.length).toBeGreaterThanOrEqual(1);
    expect(new Set(settled.map((s) => s.paymentId))).toEqual(new Set([event.data.paymentId]));
  });
});
