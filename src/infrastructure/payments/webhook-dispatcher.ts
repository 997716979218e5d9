import { setTimeout as delay } from 'node:timers/promises';
import type { PaymentWebhookEvent } from './payment-webhook-event';
import { SIGNATURE_HEADER, signWebhookPayload } from './webhook-signature';

/** The part of `fetch` the dispatcher uses; tests pass a fake. */
export type FetchLike = (
  url: string,
  init: { method: 'POST'; headers: Record<string, string>; body: string; signal: AbortSignal },
) => Promise<{ status: number; text(): Promise<string> }>;

/** pino's `logger.warn(details, message)` shape. */
export interface DeliveryLog {
  warn(details: Record<string, unknown>, message: string): void;
}

export interface WebhookDispatcherOptions {
  /** Where the application receives webhooks: its own `POST /webhooks/payments`. */
  url: string;
  /** PAYMENT_WEBHOOK_SECRET, shared with the receiver. */
  secret: string;
  fetch?: FetchLike;
  /**
   * Waits before the second, third, … attempt; one attempt more than there are delays.
   * Default 1 s, 5 s, 30 s, 2 min.
   */
  retryDelaysMs?: readonly number[];
  /** Per attempt; a receiver that hangs counts as a failed attempt. Default 10 s. */
  attemptTimeoutMs?: number;
  /** Injected so that tests run retries without waiting; must reject when `signal` aborts. */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  now?: () => Date;
  /** Called once the receiver answered 2xx. */
  onDelivered?: (eventId: string) => Promise<void>;
  log?: DeliveryLog;
}

/** Why an attempt failed: the receiver's status, or the network error. */
type AttemptOutcome = { delivered: true } | { delivered: false; reason: string };

const DEFAULT_RETRY_DELAYS_MS = [1_000, 5_000, 30_000, 120_000];
const DEFAULT_ATTEMPT_TIMEOUT_MS = 10_000;
const silent: DeliveryLog = { warn: () => undefined };

/**
 * Delivers webhook events by POST, retrying with growing delays until the receiver answers 2xx.
 * The queue lives in this process: what is still undelivered when it stops is redelivered by
 * its owner at the next start (`MockPaymentGateway.resumeDeliveries`).
 */
export class WebhookDispatcher {
  private readonly inFlight = new Map<string, Promise<void>>();
  private readonly stopping = new AbortController();
  private readonly fetch: FetchLike;
  private readonly retryDelaysMs: readonly number[];
  private readonly attemptTimeoutMs: number;
  private readonly sleep: (ms: number, signal: AbortSignal) => Promise<void>;
  private readonly now: () => Date;
  private readonly log: DeliveryLog;

  constructor(private readonly options: WebhookDispatcherOptions) {
    this.fetch = options.fetch ?? ((url, init) => fetch(url, init));
    this.retryDelaysMs = options.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS;
    this.attemptTimeoutMs = options.attemptTimeoutMs ?? DEFAULT_ATTEMPT_TIMEOUT_MS;
    this.sleep = options.sleep ?? ((ms, signal) => delay(ms, undefined, { signal }));
    this.now = options.now ?? (() => new Date());
    this.log = options.log ?? silent;
  }

  /** Starts delivering the event; an event already being delivered is not sent twice at once. */
  enqueue(event: PaymentWebhookEvent): void {
    if (this.stopping.signal.aborted || this.inFlight.has(event.id)) return;
    const task = this.deliver(event).finally(() => this.inFlight.delete(event.id));
    this.inFlight.set(event.id, task);
  }

  /** Resolves when every delivery started so far has succeeded or given up. */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight.values()]);
  }

  /** Stops retrying and waits for attempts under way; nothing new starts afterwards. */
  async close(): Promise<void> {
    this.stopping.abort();
    await this.idle();
  }

  private async deliver(event: PaymentWebhookEvent): Promise<void> {
    const body = JSON.stringify(event);
    const attempts = this.retryDelaysMs.length + 1;
    for (let attempt = 1; attempt <= attempts; attempt++) {
      const outcome = await this.attempt(body);
      if (outcome.delivered) {
        await this.options.onDelivered?.(event.id).catch((error: unknown) => {
          this.log.warn({ eventId: event.id, err: error }, 'webhook delivered, not recorded');
        });
        return;
      }
      this.log.warn(
        { eventId: event.id, attempt, attempts, reason: outcome.reason },
        'webhook delivery failed',
      );
      const wait = this.retryDelaysMs[attempt - 1];
      if (wait === undefined) break;
      try {
        await this.sleep(wait, this.stopping.signal);
      } catch {
        return;
      }
    }
    this.log.warn({ eventId: event.id }, 'webhook delivery given up until the next start');
  }

  private async attempt(body: string): Promise<AttemptOutcome> {
    if (this.stopping.signal.aborted) return { delivered: false, reason: 'stopped' };
    // The signature is made per attempt: a retry minutes later must not arrive already stale.
    const timestamp = Math.floor(this.now().getTime() / 1000);
    try {
      const response = await this.fetch(this.options.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          [SIGNATURE_HEADER]: signWebhookPayload(this.options.secret, body, timestamp),
        },
        body,
        signal: AbortSignal.any([this.stopping.signal, AbortSignal.timeout(this.attemptTimeoutMs)]),
      });
      // Reading the body lets the connection be reused.
      await response.text().catch(() => undefined);
      return response.status >= 200 && response.status < 300
        ? { delivered: true }
        : { delivered: false, reason: `status ${response.status}` };
    } catch (error) {
      return { delivered: false, reason: error instanceof Error ? error.message : String(error) };
    }
  }
}
