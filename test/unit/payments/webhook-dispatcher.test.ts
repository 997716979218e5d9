import type { PaymentWebhookEvent } from '../../../src/infrastructure/payments/payment-webhook-event';
import {
  WebhookDispatcher,
  type FetchLike,
  type WebhookDispatcherOptions,
} from '../../../src/infrastructure/payments/webhook-dispatcher';
import { verifyWebhookSignature } from '../../../src/infrastructure/payments/webhook-signature';

const SECRET = 'whsec_test_secret_0123456789';
const URL = 'http://127.0.0.1:4000/webhooks/payments';

const event = (id = 'evt_1'): PaymentWebhookEvent => ({
  id,
  type: 'payment.succeeded',
  created: 1_900_000_000,
  data: {
    paymentId: 'pay_1',
    orderId: 'order-1',
    amount: 100,
    transactionId: 'txn_1',
    reason: null,
  },
});

interface Call {
  url: string;
  headers: Record<string, string>;
  body: string;
  sentAt: Date;
}

/** A receiver that answers with the given statuses in turn (a thrown Error for a network failure). */
function receiver(answers: (number | Error)[], clock: () => Date) {
  const calls: Call[] = [];
  const fetch: FetchLike = (url, init) => {
    calls.push({ url, headers: init.headers, body: init.body, sentAt: clock() });
    const answer = answers[Math.min(calls.length - 1, answers.length - 1)]!;
    if (answer instanceof Error) return Promise.reject(answer);
    return Promise.resolve({ status: answer, text: () => Promise.resolve('') });
  };
  return { fetch, calls };
}

describe('WebhookDispatcher', () => {
  let nowMs: number;
  const clock = () => new Date(nowMs);
  let slept: number[];
  /** Moves the test clock instead of waiting. */
  const sleep = (ms: number, signal: AbortSignal) => {
    if (signal.aborted) return Promise.reject(new Error('aborted'));
    slept.push(ms);
    nowMs += ms;
    return Promise.resolve();
  };
  const dispatcher = (options: Partial<WebhookDispatcherOptions> & { fetch: FetchLike }) =>
    new WebhookDispatcher({ url: URL, secret: SECRET, sleep, now: clock, ...options });

  beforeEach(() => {
    nowMs = Date.parse('2030-01-01T00:00:00Z');
    slept = [];
  });

  it('POSTs the event as signed JSON and reports the delivery once', async () => {
    const { fetch, calls } = receiver([200], clock);
    const delivered: string[] = [];
    const d = dispatcher({ fetch, onDelivered: (id) => Promise.resolve(void delivered.push(id)) });
    d.enqueue(event());
    await d.idle();

    expect(calls).toHaveLength(1);
    const [call] = calls;
    expect(call!.url).toBe(URL);
    expect(JSON.parse(call!.body)).toEqual(event());
    expect(call!.headers['content-type']).toBe('application/json');
    const verdict = verifyWebhookSignature({
      secret: SECRET,
      payload: Buffer.from(call!.body),
      header: call!.headers['Chronocart-Signature'],
      now: clock(),
    });
    expect(verdict.valid).toBe(true);
    expect(delivered).toEqual(['evt_1']);
  });

  it('retries non-2xx answers and network errors with growing delays, re-signing each time', async () => {
    const { fetch, calls } = receiver([500, new Error('ECONNREFUSED'), 302, 204], clock);
    const delivered: string[] = [];
    const d = dispatcher({
      fetch,
      retryDelaysMs: [1_000, 5_000, 30_000, 120_000],
      onDelivered: (id) => Promise.resolve(void delivered.push(id)),
    });
    d.enqueue(event());
    await d.idle();

    expect(calls).toHaveLength(4);
    expect(slept).toEqual([1_000, 5_000, 30_000]);
    expect(delivered).toEqual(['evt_1']);
    expect(new Set(calls.map((c) => c.body)).size).toBe(1);
    // Each attempt carries a signature fresh at its own time, so a late retry is not stale.
    for (const call of calls) {
      const verdict = verifyWebhookSignature({
        secret: SECRET,
        payload: Buffer.from(call.body),
        header: call.headers['Chronocart-Signature'],
        now: call.sentAt,
        toleranceSeconds: 0,
      });
      expect(verdict.valid).toBe(true);
    }
  });

  it('gives up after the last delay without reporting a delivery', async () => {
    const { fetch, calls } = receiver([503], clock);
    const delivered: string[] = [];
    const warnings: string[] = [];
    const d = dispatcher({
      fetch,
      retryDelaysMs: [10, 20],
      onDelivered: (id) => Promise.resolve(void delivered.push(id)),
      log: { warn: (_, message) => void warnings.push(message) },
    });
    d.enqueue(event());
    await d.idle();
    expect(calls).toHaveLength(3);
    expect(delivered).toEqual([]);
    expect(warnings.at(-1)).toMatch(/given up/);
  });

  it('does not send an event twice at once', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let calls = 0;
    const fetch: FetchLike = async () => {
      calls++;
      await gate;
      return { status: 200, text: () => Promise.resolve('') };
    };
    const d = dispatcher({ fetch });
    d.enqueue(event('evt_a'));
    d.enqueue(event('evt_a'));
    d.enqueue(event('evt_b'));
    release();
    await d.idle();
    expect(calls).toBe(2);
    // Once finished, the same event may be sent again (a redelivery the owner asked for).
    d.enqueue(event('evt_a'));
    await d.idle();
    expect(calls).toBe(3);
  });

  it('close stops retrying and accepts nothing new', async () => {
    const { fetch, calls } = receiver([500], clock);
    let closing!: Promise<void>;
    const d = new WebhookDispatcher({
      url: URL,
      secret: SECRET,
      fetch,
      now: clock,
      retryDelaysMs: [60_000, 60_000],
      // The first wait is where the process is asked to stop.
      sleep: (_ms, signal) => {
        closing = d.close();
        return signal.aborted ? Promise.reject(new Error('aborted')) : Promise.resolve();
      },
    });
    d.enqueue(event());
    await d.idle();
    await closing;
    expect(calls).toHaveLength(1);
    d.enqueue(event('evt_2'));
    await d.idle();
    expect(calls).toHaveLength(1);
  });

  it('a failure to record the delivery is logged, not retried', async () => {
    const { fetch, calls } = receiver([200], clock);
    const warnings: string[] = [];
    const d = dispatcher({
      fetch,
      onDelivered: () => Promise.reject(new Error('database down')),
      log: { warn: (_, message) => void warnings.push(message) },
    });
    d.enqueue(event());
    await d.idle();
    expect(calls).toHaveLength(1);
    expect(warnings).toEqual(['webhook delivered, not recorded']);
  });
});
