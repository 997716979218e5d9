import { setTimeout as delay } from 'node:timers/promises';
import {
  type AllStreamResolvedEvent,
  type AllStreamSubscription,
  type EventStoreDBClient,
  eventTypeFilter,
  START,
} from '@eventstore/db-client';
import { type BatchHandler, type SubscribeOptions, type Subscription } from '../event-store';
import { eventTypeRegex, toRecordedEvent } from './event-mapping';
import { decodePosition } from './position';

const FIRST_RETRY_MS = 100;
const MAX_RETRY_MS = 5_000;

/**
 * A catch-up subscription to $all with a server-side event-type filter (system events left out).
 * Events arrive one by one; whatever is already buffered is handed over as one batch, and nothing
 * more is read until the handler's promise settles (the client's stream applies backpressure to
 * the server meanwhile). When the server drops the subscription it resubscribes after the last
 * delivered position, with backoff, so every event is delivered once and in order. `done` rejects
 * with the handler's error, or when an event cannot be read.
 */
export function resubscribingSubscription(
  client: EventStoreDBClient,
  options: SubscribeOptions,
  handler: BatchHandler,
): Subscription {
  const batchSize = options.batchSize ?? 500;
  const filter = eventTypeFilter({ regex: eventTypeRegex(options.eventTypes) });
  let lastDelivered = options.fromPosition ?? null;
  let stopped = false;
  let source: AllStreamSubscription | null = null;
  const backoff = new AbortController();

  /** Delivers until the source ends or fails; throws only what the handler or mapping threw. */
  const pump = async (from: AllStreamSubscription): Promise<void> => {
    const iterator = from[Symbol.asyncIterator]();
    for (;;) {
      const batch = await nextBatch(iterator, from, batchSize).catch(() => null);
      if (batch === null || stopped) return;
      const events = batch
        .flatMap((resolved) => (resolved.event ? [toRecordedEvent(resolved.event)] : []))
        .filter((e) => lastDelivered === null || e.position > lastDelivered);
      if (events.length === 0) continue;
      await handler(events);
      lastDelivered = events[events.length - 1]!.position;
    }
  };

  const run = async () => {
    let retryMs = FIRST_RETRY_MS;
    while (!stopped) {
      const current = client.subscribeToAll({
        fromPosition: lastDelivered === null ? START : decodePosition(lastDelivered),
        filter,
      });
      source = current;
      current.once('confirmation', () => (retryMs = FIRST_RETRY_MS));
      try {
        await pump(current);
      } finally {
        source = null;
        await close(current);
      }
      if (stopped) break;
      await delay(retryMs, undefined, { signal: backoff.signal }).catch(() => undefined);
      retryMs = Math.min(retryMs * 2, MAX_RETRY_MS);
    }
  };

  const done = run();
  // Callers observe failures through `done`; this keeps an unobserved rejection from crashing.
  done.catch(() => undefined);
  return {
    done,
    async stop() {
      stopped = true;
      backoff.abort();
      if (source) await close(source);
      await done.catch(() => undefined);
    },
  };
}

/** Waits for one event, then takes what is already buffered, up to `max`; null when ended. */
async function nextBatch(
  iterator: AsyncIterator<AllStreamResolvedEvent>,
  source: AllStreamSubscription,
  max: number,
): Promise<AllStreamResolvedEvent[] | null> {
  const first = await iterator.next();
  if (first.done) return null;
  const batch = [first.value];
  while (batch.length < max && source.readableLength > 0) {
    const next = await iterator.next();
    if (next.done) break;
    batch.push(next.value);
  }
  return batch;
}

async function close(subscription: AllStreamSubscription): Promise<void> {
  await subscription.unsubscribe().catch(() => undefined);
  subscription.destroy();
}
