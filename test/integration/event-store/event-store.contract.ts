import { randomUUID } from 'node:crypto';
import {
  StreamNotFound,
  WrongExpectedVersion,
} from '../../../src/infrastructure/event-store/errors';
import {
  type EventStore,
  type NewEvent,
  type RecordedEvent,
} from '../../../src/infrastructure/event-store/event-store';

export interface ContractFixture {
  store: EventStore;
  teardown(): Promise<void>;
}

const ev = (type: string, n = 0, extra: Partial<NewEvent> = {}): NewEvent => ({
  type,
  data: { n, text: `payload ${n}` },
  metadata: { correlationId: `c-${n}`, userId: 'u-1' },
  ...extra,
});
const many = (count: number, type = 'Thing'): NewEvent[] =>
  Array.from({ length: count }, (_, i) => ev(type, i));

async function expectWrongVersion(
  promise: Promise<unknown>,
  actual: number | 'no_stream',
): Promise<WrongExpectedVersion> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(WrongExpectedVersion);
  expect((error as WrongExpectedVersion).actual).toEqual(actual);
  return error as WrongExpectedVersion;
}

/** Collects what a subscription delivers until `count` events arrived. */
function collect(
  store: EventStore,
  fromPosition: string | null,
  count: number,
  eventTypes?: string[],
): { events: RecordedEvent[]; finished: Promise<void>; stop: () => Promise<void> } {
  const events: RecordedEvent[] = [];
  let resolve!: () => void;
  const finished = new Promise<void>((r) => (resolve = r));
  const sub = store.subscribeToAll({ fromPosition, eventTypes, batchSize: 7 }, (batch) => {
    events.push(...batch);
    if (events.length >= count) resolve();
    return Promise.resolve();
  });
  return { events, finished, stop: () => sub.stop() };
}

/**
 * The contract of the EventStore port. Every adapter runs it; each test uses fresh stream ids,
 * and global-log assertions only look at the test's own streams (the log is shared).
 */
export function describeEventStoreContract(
  adapterName: string,
  setup: () => Promise<ContractFixture>,
): void {
  describe(`EventStore contract: ${adapterName}`, () => {
    let fixture: ContractFixture;
    let store: EventStore;
    beforeAll(async () => {
      fixture = await setup();
      store = fixture.store;
    });
    afterAll(() => fixture.teardown());
    const stream = (prefix = 'test') => `${prefix}-${randomUUID()}`;
    const mine = (events: RecordedEvent[], ids: string[]) =>
      events.filter((e) => ids.includes(e.streamId));

    describe('append with expected revision', () => {
      it('no_stream creates a stream with 0-based versions and refuses an existing one', async () => {
        const id = stream();
        const result = await store.appendToStream(id, many(3), 'no_stream');
        expect(result.nextExpectedVersion).toBe(2);
        expect(result.events.map((e) => e.version)).toEqual([0, 1, 2]);
        await expectWrongVersion(store.appendToStream(id, many(1), 'no_stream'), 2);
        expect(await store.readStream(id)).toHaveLength(3);
      });

      it('stream_exists refuses a missing stream and accepts an existing one at any version', async () => {
        const id = stream();
        await expectWrongVersion(store.appendToStream(id, many(1), 'stream_exists'), 'no_stream');
        await expect(store.readStream(id)).rejects.toBeInstanceOf(StreamNotFound);
        await store.appendToStream(id, many(2), 'any');
        const result = await store.appendToStream(id, many(1), 'stream_exists');
        expect(result.nextExpectedVersion).toBe(2);
      });

      it('an exact revision must match the last version', async () => {
        const id = stream();
        await expectWrongVersion(store.appendToStream(id, many(1), 0), 'no_stream');
        await store.appendToStream(id, many(2), 'no_stream');
        const error = await expectWrongVersion(store.appendToStream(id, many(1), 0), 1);
        expect(error.expected).toBe(0);
        expect(error.streamId).toBe(id);
        const ok = await store.appendToStream(id, many(2), 1);
        expect(ok.nextExpectedVersion).toBe(3);
        expect((await store.readStream(id)).map((e) => e.version)).toEqual([0, 1, 2, 3]);
      });

      it('any appends whether or not the stream exists', async () => {
        const id = stream();
        expect((await store.appendToStream(id, many(1), 'any')).nextExpectedVersion).toBe(0);
        expect((await store.appendToStream(id, many(1), 'any')).nextExpectedVersion).toBe(1);
      });

      it('an append is all or nothing', async () => {
        const id = stream();
        const duplicate = randomUUID();
        await expect(
          store.appendToStream(
            id,
            [ev('A', 1, { id: duplicate }), ev('B', 2, { id: duplicate })],
            'no_stream',
          ),
        ).rejects.toThrow();
        await expect(store.readStream(id)).rejects.toBeInstanceOf(StreamNotFound);
      });

      it('of concurrent appends at the same revision exactly one wins', async () => {
        const id = stream();
        await store.appendToStream(id, many(1), 'no_stream');
        const results = await Promise.allSettled(
          Array.from({ length: 8 }, (_, i) => store.appendToStream(id, [ev('Race', i)], 0)),
        );
        expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
        for (const r of results.filter((x) => x.status === 'rejected')) {
          expect(r.reason).toBeInstanceOf(WrongExpectedVersion);
        }
        expect(await store.readStream(id)).toHaveLength(2);
      });
    });

    describe('append to several streams', () => {
      const versions = (events: RecordedEvent[]) => events.map((e) => e.version);

      it('appends with mixed expected revisions and returns per-stream results in log order', async () => {
        const [exact, exists, fresh, anyOld, anyNew] = [1, 2, 3, 4, 5].map(() => stream('batch'));
        await store.appendToStream(exact!, many(2), 'no_stream');
        await store.appendToStream(exists!, many(1), 'no_stream');
        await store.appendToStream(anyOld!, many(3), 'no_stream');
        const start = await store.headPosition();
        const results = await store.appendToStreams([
          { streamId: exact!, events: many(2, 'Batched'), expected: 1 },
          { streamId: exists!, events: many(1, 'Batched'), expected: 'stream_exists' },
          { streamId: fresh!, events: many(3, 'Batched'), expected: 'no_stream' },
          { streamId: anyOld!, events: many(1, 'Batched'), expected: 'any' },
          { streamId: anyNew!, events: many(2, 'Batched'), expected: 'any' },
        ]);
        expect(results.map((r) => r.nextExpectedVersion)).toEqual([3, 1, 2, 3, 1]);
        expect(results.map((r) => versions(r.events))).toEqual([
          [2, 3],
          [1],
          [0, 1, 2],
          [3],
          [0, 1],
        ]);
        const ids = [exact!, exists!, fresh!, anyOld!, anyNew!];
        results.forEach((r, i) => {
          expect(r.events.every((e) => e.streamId === ids[i] && e.type === 'Batched')).toBe(true);
          expect(r.position).toBe(r.events.at(-1)!.position);
        });
        const appended = results.flatMap((r) => r.events);
        const positions = appended.map((e) => e.position);
        expect([...positions].sort()).toEqual(positions);
        expect(new Set(positions).size).toBe(positions.length);
        const logged = mine(await store.readAll({ fromPosition: start, maxCount: 10_000 }), ids);
        expect(logged).toEqual(appended);
        expect(versions(await store.readStream(exact!))).toEqual([0, 1, 2, 3]);
        expect(versions(await store.readStream(fresh!))).toEqual([0, 1, 2]);
      });

      it('throws WrongExpectedVersion for the first stream that refuses, and goes no further', async () => {
        const [before, wrong, alsoWrong, after] = [1, 2, 3, 4].map(() => stream('batch'));
        await store.appendToStream(wrong!, many(1), 'no_stream');
        const start = await store.headPosition();
        const error = await expectWrongVersion(
          store.appendToStreams([
            { streamId: before!, events: many(2), expected: 'no_stream' },
            { streamId: wrong!, events: many(1), expected: 5 },
            { streamId: alsoWrong!, events: many(1), expected: 'stream_exists' },
            { streamId: after!, events: many(1), expected: 'any' },
          ]),
          0,
        );
        expect(error.streamId).toBe(wrong);
        expect(error.expected).toBe(5);
        expect(await store.readStream(wrong!)).toHaveLength(1);
        await expect(store.readStream(after!)).rejects.toBeInstanceOf(StreamNotFound);
        const logged = mine(await store.readAll({ fromPosition: start, maxCount: 10_000 }), [
          before!,
          wrong!,
          after!,
        ]);
        if (store.atomicMultiStreamAppend) {
          await expect(store.readStream(before!)).rejects.toBeInstanceOf(StreamNotFound);
          expect(logged).toEqual([]);
        } else {
          expect(versions(await store.readStream(before!))).toEqual([0, 1]);
          expect(logged.map((e) => e.streamId)).toEqual([before, before]);
        }
      });

      it('refuses a stream named twice or an append without events, appending nothing', async () => {
        const [a, b] = [stream('batch'), stream('batch')];
        for (const appends of [
          [
            { streamId: a, events: many(1), expected: 'any' as const },
            { streamId: b, events: many(1), expected: 'any' as const },
            { streamId: a, events: many(1), expected: 'any' as const },
          ],
          [
            { streamId: a, events: many(1), expected: 'any' as const },
            { streamId: b, events: [], expected: 'any' as const },
          ],
        ]) {
          const error = await store.appendToStreams(appends).catch((e: unknown) => e);
          expect(error).toBeInstanceOf(Error);
          expect(error).not.toBeInstanceOf(WrongExpectedVersion);
        }
        await expect(store.readStream(a)).rejects.toBeInstanceOf(StreamNotFound);
        await expect(store.readStream(b)).rejects.toBeInstanceOf(StreamNotFound);
        expect(await store.appendToStreams([])).toEqual([]);
      });

      it('is read by readAll and subscribeToAll once and in order', async () => {
        const ids = [stream('batch-sub'), stream('batch-sub'), stream('batch-sub')];
        const start = await store.headPosition();
        const sub = collect(store, start, 9, ['BatchSub']);
        try {
          const results = await store.appendToStreams(
            ids.map((streamId, i) => ({
              streamId,
              events: many(i + 2, 'BatchSub'),
              expected: 'no_stream' as const,
            })),
          );
          const appended = results.flatMap((r) => r.events.map((e) => e.id));
          await sub.finished;
          expect(mine(sub.events, ids).map((e) => e.id)).toEqual(appended);
          const logged = mine(await store.readAll({ fromPosition: start, maxCount: 10_000 }), ids);
          expect(logged.map((e) => e.id)).toEqual(appended);
        } finally {
          await sub.stop();
        }
      });
    });

    describe('reading a stream', () => {
      it('round-trips type, data, metadata, ids and time', async () => {
        const id = stream();
        const eventId = randomUUID();
        const before = Date.now();
        await store.appendToStream(
          id,
          [
            {
              id: eventId,
              type: 'Typed',
              data: { a: 1, nested: { b: [1, 2] } },
              metadata: { correlationId: 'c', causationId: 'k', userId: 'u', idempotencyKey: 'i' },
              schemaVersion: 2,
            },
          ],
          'no_stream',
        );
        const [event] = await store.readStream(id);
        expect(event).toMatchObject({
          id: eventId,
          type: 'Typed',
          schemaVersion: 2,
          data: { a: 1, nested: { b: [1, 2] } },
          metadata: { correlationId: 'c', causationId: 'k', userId: 'u', idempotencyKey: 'i' },
          streamId: id,
          version: 0,
        });
        expect(event!.occurredAt).toBeInstanceOf(Date);
        expect(event!.occurredAt.getTime()).toBeGreaterThanOrEqual(before - 5000);
        expect(typeof event!.position).toBe('string');
      });

      it('keeps awkward JSON exactly, appended to one stream or to several', async () => {
        const awkward = {
          quotes: 'say "hi", {x}, a\\b, \\"',
          unicode: 'zß水🛒 \u2028',
          list: [null, true, 0, -1.5, '', [], {}],
          braces: '{"not": "an array literal"}',
        };
        const meta = { correlationId: '"c"', userId: 'u\\1' };
        const one = stream();
        const [a, b] = [stream(), stream()];
        await store.appendToStream(
          one,
          [{ type: 'Odd', data: awkward, metadata: meta }],
          'no_stream',
        );
        await store.appendToStreams([
          { streamId: a, events: [{ type: 'Odd', data: awkward }], expected: 'no_stream' },
          {
            streamId: b,
            events: [
              { type: 'Odd', data: { n: 1 }, metadata: meta },
              { type: 'Odd', data: awkward },
            ],
            expected: 'no_stream',
          },
        ]);
        expect((await store.readStream(one)).map((e) => [e.data, e.metadata])).toEqual([
          [awkward, expect.objectContaining(meta)],
        ]);
        expect((await store.readStream(a)).map((e) => e.data)).toEqual([awkward]);
        expect((await store.readStream(b)).map((e) => e.data)).toEqual([{ n: 1 }, awkward]);
        expect((await store.readStream(b))[0]!.metadata).toMatchObject(meta);
      });

      it('reads from a version, up to a version, and a limited count', async () => {
        const id = stream();
        await store.appendToStream(id, many(10), 'no_stream');
        expect((await store.readStream(id, { fromVersion: 7 })).map((e) => e.version)).toEqual([
          7, 8, 9,
        ]);
        expect((await store.readStream(id, { toVersion: 2 })).map((e) => e.version)).toEqual([
          0, 1, 2,
        ]);
        expect(
          (await store.readStream(id, { fromVersion: 3, maxCount: 2 })).map((e) => e.version),
        ).toEqual([3, 4]);
        expect(await store.readStream(id, { fromVersion: 10 })).toEqual([]);
      });

      it('reads as of a time', async () => {
        const id = stream();
        await store.appendToStream(id, many(2), 'no_stream');
        const [, second] = await store.readStream(id);
        await new Promise((r) => setTimeout(r, 20));
        await store.appendToStream(id, many(2), 1);
        const asOf = await store.readStream(id, { asOf: second!.occurredAt });
        expect(asOf.map((e) => e.version)).toEqual([0, 1]);
      });

      it('throws StreamNotFound for a stream with no events', async () => {
        const id = stream();
        const error = await store.readStream(id).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(StreamNotFound);
        expect((error as StreamNotFound).streamId).toBe(id);
      });
    });

    describe('the global log', () => {
      it('keeps append order, with positions that compare as strings', async () => {
        const a = stream();
        const b = stream();
        const start = await store.headPosition();
        await store.appendToStream(a, many(2), 'no_stream');
        await store.appendToStream(b, many(2), 'no_stream');
        await store.appendToStream(a, many(1), 1);
        const all = mine(await store.readAll({ fromPosition: start, maxCount: 10_000 }), [a, b]);
        expect(all.map((e) => `${e.streamId === a ? 'a' : 'b'}${e.version}`)).toEqual([
          'a0',
          'a1',
          'b0',
          'b1',
          'a2',
        ]);
        const positions = all.map((e) => e.position);
        expect([...positions].sort()).toEqual(positions);
        expect(new Set(positions).size).toBe(positions.length);
      });

      it('reads after a position exclusively, in batches, and filters by type', async () => {
        const id = stream();
        const start = await store.headPosition();
        await store.appendToStream(
          id,
          [ev('Keep', 0), ev('Skip', 1), ev('Keep', 2), ev('Keep', 3)],
          'no_stream',
        );
        const first = mine(await store.readAll({ fromPosition: start, maxCount: 10_000 }), [id]);
        expect(first).toHaveLength(4);
        const rest = mine(
          await store.readAll({ fromPosition: first[1]!.position, maxCount: 10_000 }),
          [id],
        );
        expect(rest.map((e) => e.version)).toEqual([2, 3]);
        const kept = mine(
          await store.readAll({ fromPosition: start, maxCount: 10_000, eventTypes: ['Keep'] }),
          [id],
        );
        expect(kept.map((e) => e.version)).toEqual([0, 2, 3]);
        const batch = await store.readAll({ fromPosition: start, maxCount: 2 });
        expect(batch.length).toBeLessThanOrEqual(2);
      });

      it('reports the head and the lag of a reader', async () => {
        const id = stream();
        await store.appendToStream(id, many(3), 'no_stream');
        expect(await store.headPosition()).not.toBeNull();
        const [first, , last] = await store.readStream(id);
        expect((await store.lagAfter(last!.position)).events).toBe(0);
        expect((await store.lagAfter(last!.position)).oldestAt).toBeNull();
        const lag = await store.lagAfter(first!.position);
        expect(lag.events).toBe(2);
        expect(lag.oldestAt).toBeInstanceOf(Date);
      });
    });

    describe('subscriptions', () => {
      it('catch up on history, then deliver live appends once and in order', async () => {
        const id = stream('sub');
        const start = await store.headPosition();
        await store.appendToStream(id, many(5, 'SubEvent'), 'no_stream');
        const sub = collect(store, start, 12, ['SubEvent']);
        try {
          for (let i = 0; i < 7; i++)
            await store.appendToStream(id, [ev('SubEvent', 5 + i)], 4 + i);
          await sub.finished;
          const seen = mine(sub.events, [id]);
          expect(seen.map((e) => e.version)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
        } finally {
          await sub.stop();
        }
      });

      it('resubscribes from a checkpoint without repeating anything', async () => {
        const id = stream('resub');
        const start = await store.headPosition();
        await store.appendToStream(id, many(4, 'Resub'), 'no_stream');
        const first = collect(store, start, 4, ['Resub']);
        await first.finished;
        await first.stop();
        const checkpoint = mine(first.events, [id])[3]!.position;
        await store.appendToStream(id, many(3, 'Resub'), 3);
        const second = collect(store, checkpoint, 3, ['Resub']);
        try {
          await second.finished;
          expect(mine(second.events, [id]).map((e) => e.version)).toEqual([4, 5, 6]);
        } finally {
          await second.stop();
        }
      });

      it('stops cleanly and reports a failing handler through done', async () => {
        const id = stream('fail');
        const start = await store.headPosition();
        await store.appendToStream(id, many(1, 'Failing'), 'no_stream');
        const sub = store.subscribeToAll({ fromPosition: start, eventTypes: ['Failing'] }, () =>
          Promise.reject(new Error('handler broke')),
        );
        await expect(sub.done).rejects.toThrow('handler broke');
        await sub.stop();
      });
    });
  });
}
