import { randomUUID } from 'node:crypto';
import { EventStoreDBClient, jsonEvent } from '@eventstore/db-client';
import { status } from '@grpc/grpc-js';
import { WrongExpectedVersion } from '../../../src/infrastructure/event-store/errors';
import { type RecordedEvent } from '../../../src/infrastructure/event-store/event-store';
import { closeClient } from '../../../src/infrastructure/event-store/eventstoredb/client-plumbing';
import { EventStoreDbEventStore } from '../../../src/infrastructure/event-store/eventstoredb/eventstoredb-event-store';
import { type EsdbTestServer, startEsdbTestServer } from '../../support/esdb-test-server/server';
import { describeEventStoreContract } from './event-store.contract';

describeEventStoreContract('EventStoreDB (wire-level test server)', async () => {
  const server = await startEsdbTestServer();
  const store = EventStoreDbEventStore.fromConnectionString(server.connectionString);
  return {
    store,
    teardown: async () => {
      await store.close();
      await server.close();
    },
  };
});

// The same contract against a real EventStoreDB, only when one is configured.
const eventStoreUrl = process.env.EVENTSTORE_URL;
if (eventStoreUrl) {
  describeEventStoreContract('EventStoreDB (EVENTSTORE_URL)', () => {
    const store = EventStoreDbEventStore.fromConnectionString(eventStoreUrl);
    return Promise.resolve({ store, teardown: () => store.close() });
  });
}

const thing = (n: number, type = 'Thing') => ({ type, data: { n } });

/** Collects deliveries until `count` events of the test's own stream arrived. */
function collect(store: EventStoreDbEventStore, streamId: string, count: number, batchSize = 7) {
  const events: RecordedEvent[] = [];
  const batches: number[] = [];
  let running = 0;
  let maxRunning = 0;
  let resolve!: () => void;
  const finished = new Promise<void>((r) => (resolve = r));
  const subscription = store.subscribeToAll({ fromPosition: null, batchSize }, async (batch) => {
    running++;
    maxRunning = Math.max(maxRunning, running);
    batches.push(batch.length);
    await new Promise((r) => setTimeout(r, 2));
    events.push(...batch.filter((e) => e.streamId === streamId));
    running--;
    if (events.length >= count) resolve();
  });
  return { events, batches, finished, subscription, maxRunning: () => maxRunning };
}

describe('EventStoreDB adapter on the wire-level test server', () => {
  let server: EsdbTestServer;
  let store: EventStoreDbEventStore;
  beforeAll(async () => {
    server = await startEsdbTestServer();
    store = EventStoreDbEventStore.fromConnectionString(server.connectionString);
  });
  afterAll(async () => {
    await store.close();
    await server.close();
  });

  it('resubscribes after the server goes away (UNAVAILABLE), without losing or repeating', async () => {
    const id = `order-${randomUUID()}`;
    await store.appendToStream(id, [thing(0), thing(1), thing(2)], 'no_stream');
    const sub = collect(store, id, 8);
    try {
      await waitFor(() => sub.events.length === 3);
      expect(server.dropSubscriptions(status.UNAVAILABLE)).toBeGreaterThan(0);
      // The client reconnects its channel first, failing calls in flight: append once it has.
      await waitFor(() => server.openSubscriptions() > 0);
      await store.appendToStream(id, [thing(3), thing(4)], 2);
      await waitFor(() => sub.events.length === 5);
      expect(server.dropSubscriptions(status.UNAVAILABLE)).toBeGreaterThan(0);
      await waitFor(() => server.openSubscriptions() > 0);
      await store.appendToStream(id, [thing(5), thing(6), thing(7)], 4);
      await sub.finished;
      expect(sub.events.map((e) => e.version)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    } finally {
      await sub.subscription.stop();
    }
  });

  it('sees every event of racing appenders once and in order while dropped as too slow', async () => {
    const type = `Raced${randomUUID().slice(0, 8)}`;
    const seen: RecordedEvent[] = [];
    const subscription = store.subscribeToAll(
      { fromPosition: await store.headPosition(), eventTypes: [type], batchSize: 4 },
      (batch) => {
        seen.push(...batch);
        return Promise.resolve();
      },
    );
    // EventStoreDB drops a subscription whose consumer falls behind; the client must resubscribe.
    const dropping = setInterval(() => server.dropSubscriptions(), 30);
    try {
      await Promise.all(
        Array.from({ length: 8 }, async (_, a) => {
          const id = `order-${randomUUID()}`;
          for (let i = 0; i < 10; i++) {
            await store.appendToStream(
              id,
              [thing(a * 10 + i, type)],
              i === 0 ? 'no_stream' : i - 1,
            );
            await new Promise((r) => setTimeout(r, Math.random() * 10));
          }
        }),
      );
      clearInterval(dropping);
      await waitFor(() => seen.length >= 80);
      const positions = seen.map((e) => e.position);
      expect(new Set(seen.map((e) => e.id)).size).toBe(80);
      expect(seen).toHaveLength(80);
      expect([...positions].sort()).toEqual(positions);
    } finally {
      clearInterval(dropping);
      await subscription.stop();
    }
  });

  it('awaits the handler before delivering more, in batches of at most batchSize', async () => {
    const id = `order-${randomUUID()}`;
    await store.appendToStream(
      id,
      Array.from({ length: 40 }, (_, i) => thing(i)),
      'no_stream',
    );
    const sub = collect(store, id, 40, 5);
    try {
      await sub.finished;
      expect(sub.maxRunning()).toBe(1);
      expect(Math.max(...sub.batches)).toBeLessThanOrEqual(5);
      expect(sub.events.map((e) => e.version)).toEqual(Array.from({ length: 40 }, (_, i) => i));
    } finally {
      await sub.subscription.stop();
    }
  });

  it('leaves system events out of the global log, its head and the lag', async () => {
    const id = `product-${randomUUID()}`;
    const start = await store.headPosition();
    const { position } = await store.appendToStream(id, [thing(0)], 'no_stream');
    const raw = EventStoreDBClient.connectionString(server.connectionString);
    try {
      await raw.appendToStream(
        '$stats-127.0.0.1:2113',
        jsonEvent({ type: '$statsCollected', data: {} }),
      );
    } finally {
      await closeClient(raw);
    }
    expect(await store.headPosition()).toBe(position);
    const all = await store.readAll({ fromPosition: start, maxCount: 100 });
    expect(all.map((e) => e.type)).toEqual(['Thing']);
    expect(await store.lagAfter(position)).toEqual({ events: 0, oldestAt: null });
    const fromStart = await store.readAll({ fromPosition: null, maxCount: 10_000 });
    expect(fromStart.filter((e) => e.type.startsWith('$'))).toEqual([]);
  });

  it('refuses an append that repeats an event id', async () => {
    const id = `order-${randomUUID()}`;
    const eventId = randomUUID();
    await expect(
      store.appendToStream(
        id,
        [
          { ...thing(0), id: eventId },
          { ...thing(1), id: eventId },
        ],
        'any',
      ),
    ).rejects.toThrow('repeats an event id');
  });
});

describe('EventStoreDB adapter on a server without BatchAppend (before 21.10)', () => {
  let server: EsdbTestServer;
  let store: EventStoreDbEventStore;
  beforeAll(async () => {
    server = await startEsdbTestServer({ batchAppend: false });
    store = EventStoreDbEventStore.fromConnectionString(server.connectionString);
  });
  afterAll(async () => {
    await store.close();
    await server.close();
  });

  it('appends through Append, with the same expected-revision errors', async () => {
    const id = `inventory-${randomUUID()}`;
    const first = await store.appendToStream(id, [thing(0), thing(1)], 'no_stream');
    expect(first.events.map((e) => e.version)).toEqual([0, 1]);
    const error = await store.appendToStream(id, [thing(2)], 0).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WrongExpectedVersion);
    expect(error).toMatchObject({ expected: 0, actual: 1 });
    const missing = await store
      .appendToStream(`inventory-${randomUUID()}`, [thing(0)], 'stream_exists')
      .catch((e: unknown) => e);
    expect(missing).toMatchObject({ expected: 'stream_exists', actual: 'no_stream' });
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 5));
  }
}
