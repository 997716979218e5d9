import { randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import {
  ANY,
  type AppendExpectedRevision,
  BACKWARDS,
  END,
  EventStoreDBClient,
  NO_STREAM,
  STREAM_EXISTS,
  StreamNotFoundError,
  UnavailableError,
  WrongExpectedVersionError,
} from '@eventstore/db-client';
import { StreamNotFound, WrongExpectedVersion } from '../errors';
import {
  type AppendResult,
  type BatchHandler,
  type EventStore,
  type ExpectedRevision,
  type LogLag,
  type NewEvent,
  type ReadAllOptions,
  type ReadStreamOptions,
  type RecordedEvent,
  type StreamAppend,
  type SubscribeOptions,
  type Subscription,
  assertValidStreamAppends,
} from '../event-store';
import { assertPlumbing, closeClient, readAllFiltered } from './client-plumbing';
import {
  type EsdbEvent,
  eventTypeRegex,
  toEventData,
  toRecordedEvent,
  UnreadableEsdbEvent,
} from './event-mapping';
import { decodePosition, encodePosition } from './position';
import { resubscribingSubscription } from './resubscribing-subscription';

/**
 * lagAfter counts by reading the events (EventStoreDB has no count query), so it stops at this
 * many: a reader further behind is reported as LAG_CAP events behind.
 */
export const LAG_CAP = 10_000;
const PING_DEADLINE_MS = 5_000;
const READ_BACK_ATTEMPTS = 3;

/**
 * The event log on EventStoreDB (brief section 4), used when EVENTSTORE_URL is set. Our expected
 * revisions map one to one onto EventStoreDB's; the global log is $all read through a server-side
 * event-type filter that leaves out EventStoreDB's own ($-prefixed) system events.
 */
export class EventStoreDbEventStore implements EventStore {
  readonly atomicMultiStreamAppend = false;
  private readonly subscriptions = new Set<Subscription>();

  constructor(private readonly client: EventStoreDBClient) {
    assertPlumbing(client);
  }

  static fromConnectionString(connectionString: string): EventStoreDbEventStore {
    return new EventStoreDbEventStore(EventStoreDBClient.connectionString(connectionString));
  }

  async appendToStream(
    streamId: string,
    events: readonly NewEvent[],
    expected: ExpectedRevision,
  ): Promise<AppendResult> {
    const expectedRevision = toClientRevision(expected);
    if (events.length === 0) return this.checkOnly(streamId, expected);
    const ids = events.map((e) => e.id ?? randomUUID());
    // EventStoreDB would store both; the port promises event ids are unique.
    if (new Set(ids).size !== ids.length) throw new DuplicateEventIds(streamId);
    let last: number;
    try {
      const result = await this.client.appendToStream(
        streamId,
        events.map((e, i) => toEventData(e, ids[i]!)),
        { expectedRevision },
      );
      last = Number(result.nextExpectedRevision);
    } catch (error) {
      if (error instanceof WrongExpectedVersionError) {
        const actual = error.actualVersion;
        throw new WrongExpectedVersion(
          streamId,
          expected,
          actual === 'no_stream' ? actual : Number(actual),
        );
      }
      throw error;
    }
    const recorded = await this.readBack(streamId, last - events.length + 1, events.length);
    return { nextExpectedVersion: last, position: recorded.at(-1)!.position, events: recorded };
  }

  /** EventStoreDB has no transaction across streams: one append after the other, in order. */
  async appendToStreams(appends: readonly StreamAppend[]): Promise<AppendResult[]> {
    assertValidStreamAppends(appends);
    const results: AppendResult[] = [];
    for (const { streamId, events, expected } of appends) {
      results.push(await this.appendToStream(streamId, events, expected));
    }
    return results;
  }

  /**
   * Positions and times are assigned by the server and only a read returns them. The write is
   * done by then: a channel reset (any call that meets UNAVAILABLE makes the client reconnect)
   * must not make it look failed, or the caller would write it again.
   */
  private async readBack(
    streamId: string,
    fromVersion: number,
    count: number,
  ): Promise<RecordedEvent[]> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.readStream(streamId, { fromVersion, maxCount: count });
      } catch (error) {
        if (!(error instanceof UnavailableError) || attempt >= READ_BACK_ATTEMPTS) throw error;
        await delay(50 * attempt);
      }
    }
  }

  private async checkOnly(streamId: string, expected: ExpectedRevision): Promise<AppendResult> {
    const actual = await this.currentVersion(streamId);
    const ok =
      expected === 'any' ||
      (expected === 'no_stream' && actual === 'no_stream') ||
      (expected === 'stream_exists' && actual !== 'no_stream') ||
      expected === actual;
    if (!ok) throw new WrongExpectedVersion(streamId, expected, actual);
    return {
      nextExpectedVersion: actual === 'no_stream' ? -1 : actual,
      position: (await this.headPosition()) ?? encodePosition({ commit: 0n, prepare: 0n }),
      events: [],
    };
  }

  private async currentVersion(streamId: string): Promise<number | 'no_stream'> {
    try {
      const read = this.client.readStream(streamId, {
        direction: BACKWARDS,
        fromRevision: END,
        maxCount: 1,
      });
      for await (const resolved of read) {
        if (resolved.event) return Number(resolved.event.revision);
      }
      return 'no_stream';
    } catch (error) {
      if (error instanceof StreamNotFoundError) return 'no_stream';
      throw error;
    }
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const from = options.fromVersion ?? 0;
    let count = options.maxCount ?? Number.MAX_SAFE_INTEGER;
    if (options.toVersion !== undefined) count = Math.min(count, options.toVersion - from + 1);
    if (count <= 0) {
      if ((await this.currentVersion(streamId)) === 'no_stream') throw new StreamNotFound(streamId);
      return [];
    }
    const events: RecordedEvent[] = [];
    try {
      const read = this.client.readStream(streamId, {
        fromRevision: BigInt(from),
        maxCount: count,
      });
      for await (const resolved of read) {
        if (resolved.event) events.push(toRecordedEvent(resolved.event));
      }
    } catch (error) {
      if (error instanceof StreamNotFoundError) throw new StreamNotFound(streamId);
      throw error;
    }
    const asOf = options.asOf?.getTime();
    // `created` comes in whole milliseconds, as PostgreSQL's is compared.
    return asOf === undefined ? events : events.filter((e) => e.occurredAt.getTime() <= asOf);
  }

  async readAll(options: ReadAllOptions): Promise<RecordedEvent[]> {
    if (options.maxCount <= 0) return [];
    const events = await this.readAfter(options.fromPosition ?? null, options.maxCount, {
      eventTypes: options.eventTypes,
    });
    return events.map(toRecordedEvent);
  }

  /**
   * Matching events strictly after `position`. A forward read of $all starts at the event at its
   * position, inclusive, so one more is read and that one dropped.
   */
  private async readAfter(
    position: string | null,
    maxCount: number,
    options: { eventTypes?: readonly string[] },
  ): Promise<EsdbEvent[]> {
    const events = await readAllFiltered(this.client, {
      from: position === null ? 'start' : decodePosition(position),
      direction: 'forwards',
      maxCount: position === null ? maxCount : maxCount + 1,
      eventTypeRegex: eventTypeRegex(options.eventTypes),
    });
    return events.filter((e) => position === null || positionOf(e) > position).slice(0, maxCount);
  }

  subscribeToAll(options: SubscribeOptions, handler: BatchHandler): Subscription {
    const subscription = resubscribingSubscription(this.client, options, handler);
    this.subscriptions.add(subscription);
    void subscription.done
      .finally(() => this.subscriptions.delete(subscription))
      .catch(() => undefined);
    return subscription;
  }

  async headPosition(): Promise<string | null> {
    return this.lastPosition();
  }

  private async lastPosition(deadline?: number): Promise<string | null> {
    const [last] = await readAllFiltered(this.client, {
      from: 'end',
      direction: 'backwards',
      maxCount: 1,
      eventTypeRegex: eventTypeRegex(),
      deadline,
    });
    return last ? positionOf(last) : null;
  }

  /** Counts at most LAG_CAP events. */
  async lagAfter(position: string | null, eventTypes?: readonly string[]): Promise<LogLag> {
    const behind = await this.readAfter(position, LAG_CAP, { eventTypes });
    return { events: behind.length, oldestAt: behind[0]?.created ?? null };
  }

  async ping(): Promise<void> {
    await this.lastPosition(PING_DEADLINE_MS);
  }

  async close(): Promise<void> {
    await Promise.all([...this.subscriptions].map((s) => s.stop()));
    await closeClient(this.client);
  }
}

/** @throws RangeError for a number that is not a revision ('no_stream' is not -1 here) */
function toClientRevision(expected: ExpectedRevision): AppendExpectedRevision {
  switch (expected) {
    case 'any':
      return ANY;
    case 'no_stream':
      return NO_STREAM;
    case 'stream_exists':
      return STREAM_EXISTS;
    default:
      if (!Number.isSafeInteger(expected) || expected < 0) {
        throw new RangeError(`Expected revision must be a version (0 or more), got ${expected}`);
      }
      return BigInt(expected);
  }
}

function positionOf(event: EsdbEvent): string {
  if (!event.position) throw new UnreadableEsdbEvent(event, 'the server sent no position');
  return encodePosition(event.position);
}

export class DuplicateEventIds extends Error {
  override readonly name = 'DuplicateEventIds';
  constructor(readonly streamId: string) {
    super(`An append to ${streamId} repeats an event id`);
  }
}
