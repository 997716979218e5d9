import {
  type BatchHandler,
  type ReadAllOptions,
  type RecordedEvent,
  type SubscribeOptions,
  type Subscription,
} from './event-store';

export interface PollingSource {
  readAll(options: ReadAllOptions): Promise<RecordedEvent[]>;
  /** Calls the listener when new events may be readable; returns an unsubscribe function. */
  onWake(listener: () => void): () => void;
}

/** Upper bound on how long a subscriber waits when no wake-up arrives (lost notification). */
const POLL_MS = 500;
/** After a wake-up that found nothing (an older transaction still open), look again soon. */
const FIRST_RETRY_MS = 5;

/**
 * Catch-up then live: reads batches after the last delivered position until the log is drained,
 * then sleeps until woken or the poll interval passes. Delivers every event once, in log order.
 */
export function pollingSubscription(
  source: PollingSource,
  options: SubscribeOptions,
  handler: BatchHandler,
): Subscription {
  let position = options.fromPosition ?? null;
  const batchSize = options.batchSize ?? 500;
  let stopped = false;
  let wake: (() => void) | null = null;
  // After a wake-up the new events may still be hidden behind an older open transaction:
  // look again quickly, backing off towards the poll interval.
  let chasing = false;
  let retryMs = FIRST_RETRY_MS;
  const unsubscribe = source.onWake(() => {
    chasing = true;
    retryMs = FIRST_RETRY_MS;
    wake?.();
  });

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(finish, ms);
      function finish() {
        clearTimeout(timer);
        wake = null;
        resolve();
      }
      wake = finish;
      if (stopped) finish();
    });

  const run = async () => {
    while (!stopped) {
      const events = await source.readAll({
        fromPosition: position,
        maxCount: batchSize,
        eventTypes: options.eventTypes,
      });
      if (stopped) break;
      if (events.length > 0) {
        await handler(events);
        position = events[events.length - 1]!.position;
        continue;
      }
      if (chasing) {
        await sleep(retryMs);
        retryMs *= 2;
        if (retryMs > POLL_MS) chasing = false;
      } else {
        await sleep(POLL_MS);
      }
    }
  };

  const done = run().finally(unsubscribe);
  // Callers observe failures through `done`; this keeps an unobserved rejection from crashing.
  done.catch(() => undefined);
  return {
    done,
    async stop() {
      stopped = true;
      wake?.();
      await done.catch(() => undefined);
    },
  };
}
