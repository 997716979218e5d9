import { isDomainError, type DomainError } from '../../aggregates/shared/domain-error';
import { WrongExpectedVersion } from '../../infrastructure/event-store/errors';
import {
  type EventMetadata,
  type EventStore,
  type RecordedEvent,
} from '../../infrastructure/event-store/event-store';
import { AppError } from '../app-error';
import { type AggregateType } from './aggregate-type';
import { loadStream, type LoadedStream } from './load-stream';
import { toNewEvent, type DomainEvent } from './stream-codec';
import { backoff } from './backoff';

export interface CommandResult<S> {
  /** The events this command appended (empty for an idempotent no-op). */
  events: RecordedEvent[];
  /** The aggregate after the command. */
  state: S;
  /** Stream version after the command; -1 when the stream does not exist. */
  version: number;
  /** Global position reached (of this command's last event, or the stream's last known). */
  position: string | null;
}

export interface ExecutorOptions {
  /** How often a batch is re-decided after losing a race to another process. */
  maxRetries?: number;
  /** Commands decided together and appended in one append. */
  maxBatch?: number;
  /** Queue length per stream beyond which commands are refused (back-pressure). */
  maxQueue?: number;
  /** Streams whose state stays cached between commands. */
  cacheSize?: number;
  /**
   * Metadata of the work under way (the request's id as correlationId), which every event gets
   * over the command's own: a command's correlationId (its order, its product) is the fallback
   * for work that no request caused, such as the expiry scheduler's.
   */
  ambientMetadata?: () => EventMetadata;
  observer?: CommandObserver;
}

/** Hears how commands end and how many events they wrote (for metrics). */
export interface CommandObserver {
  decided(
    aggregate: string,
    outcome: 'ok' | 'rejected' | 'conflict' | 'failed',
    count: number,
  ): void;
  appended(aggregate: string, events: number): void;
}

interface Pending<C, S> {
  command: C;
  metadata: EventMetadata;
  resolve: (result: CommandResult<S>) => void;
  reject: (error: unknown) => void;
}

interface StreamQueue<C, S> {
  items: Pending<C, S>[];
  draining: boolean;
}

/**
 * Decides commands and appends their events with optimistic concurrency, with group commit:
 * inside this process, commands for one stream queue up and are decided one after another
 * against the cached state, and all their events go to the log in a single append. A conflict
 * with another process refreshes the state and re-decides the whole batch. So a hot stream
 * (a flash-sale SKU) gains throughput under load instead of collapsing into retries.
 */
export class CommandExecutor {
  private readonly queues = new Map<string, StreamQueue<unknown, unknown>>();
  private readonly cache = new Map<string, LoadedStream<unknown>>();
  private readonly maxRetries: number;
  private readonly maxBatch: number;
  private readonly maxQueue: number;
  private readonly cacheSize: number;
  private readonly ambientMetadata: () => EventMetadata;
  private readonly observer: CommandObserver | undefined;

  constructor(
    private readonly store: EventStore,
    options: ExecutorOptions = {},
  ) {
    this.maxRetries = options.maxRetries ?? 8;
    this.maxBatch = options.maxBatch ?? 500;
    this.maxQueue = options.maxQueue ?? 20_000;
    this.cacheSize = options.cacheSize ?? 5_000;
    this.ambientMetadata = options.ambientMetadata ?? (() => ({}));
    this.observer = options.observer;
  }

  /** Commands waiting in every stream's queue. */
  queueDepth(): number {
    let depth = 0;
    for (const queue of this.queues.values()) depth += queue.items.length;
    return depth;
  }

  /**
   * @throws AppError with the decider's code when a rule refuses the command, CONFLICT when the
   * stream kept changing under us, RATE_LIMITED when the stream's queue is full
   */
  execute<C, E extends DomainEvent, S>(
    type: AggregateType<C, E, S>,
    streamId: string,
    command: C,
    metadata: EventMetadata = {},
  ): Promise<CommandResult<S>> {
    let queue = this.queues.get(streamId) as StreamQueue<C, S> | undefined;
    if (!queue) {
      queue = { items: [], draining: false };
      this.queues.set(streamId, queue as StreamQueue<unknown, unknown>);
    }
    if (queue.items.length >= this.maxQueue) {
      return Promise.reject(
        new AppError('RATE_LIMITED', 'Too many requests for this item right now; try again', {
          retryAfterSeconds: 1,
        }),
      );
    }
    const merged = { ...metadata, ...this.ambientMetadata() };
    const result = new Promise<CommandResult<S>>((resolve, reject) =>
      queue.items.push({ command, metadata: merged, resolve, reject }),
    );
    if (!queue.draining) {
      queue.draining = true;
      // Start on the next microtask, so that commands issued together share one append.
      queueMicrotask(() => void this.drain(type, streamId, queue));
    }
    return result;
  }

  /** Current state of a stream as this process knows it (loads it when not cached). */
  async load<C, E extends DomainEvent, S>(
    type: AggregateType<C, E, S>,
    streamId: string,
  ): Promise<LoadedStream<S>> {
    const cached = this.cache.get(streamId) as LoadedStream<S> | undefined;
    const loaded = await loadStream(this.store, type, streamId, cached);
    this.remember(streamId, loaded);
    return loaded;
  }

  private async drain<C, E extends DomainEvent, S>(
    type: AggregateType<C, E, S>,
    streamId: string,
    queue: StreamQueue<C, S>,
  ): Promise<void> {
    queue.draining = true;
    try {
      while (queue.items.length > 0) {
        const batch = queue.items.splice(0, this.maxBatch);
        try {
          await this.decideAndAppend(type, streamId, batch);
        } catch (error) {
          this.cache.delete(streamId);
          const conflict = error instanceof AppError && error.code === 'CONFLICT';
          this.observer?.decided(type.name, conflict ? 'conflict' : 'failed', batch.length);
          for (const pending of batch) pending.reject(error);
        }
      }
    } finally {
      queue.draining = false;
      if (queue.items.length === 0) this.queues.delete(streamId);
      else void this.drain(type, streamId, queue);
    }
  }

  private async decideAndAppend<C, E extends DomainEvent, S>(
    type: AggregateType<C, E, S>,
    streamId: string,
    batch: Pending<C, S>[],
  ): Promise<void> {
    // The cached state is trusted for decisions that append: the expected revision catches a
    // stale cache. Decisions that append nothing (no-ops, refusals) are confirmed on fresh state.
    const cached = this.cache.get(streamId) as LoadedStream<S> | undefined;
    let loaded = cached ?? (await this.load(type, streamId));
    let fresh = cached === undefined;
    for (let attempt = 0; attempt <= this.maxRetries; attempt++) {
      let state = loaded.state;
      const outcomes: Outcome<S>[] = [];
      const newEvents = [];
      for (const pending of batch) {
        const decision = decideSafely(type, pending.command, state);
        if (isDomainError(decision) || isFailure(decision)) {
          outcomes.push(decision);
          continue;
        }
        for (const event of decision) state = type.decider.evolve(state, event);
        outcomes.push({ state, from: newEvents.length, count: decision.length });
        newEvents.push(...decision.map((e) => toNewEvent(e, pending.metadata)));
      }
      if (newEvents.length === 0) {
        if (!fresh) {
          loaded = await this.load(type, streamId);
          fresh = true;
          continue;
        }
        this.observe(type.name, outcomes);
        settle(batch, outcomes, [], loaded);
        return;
      }
      try {
        const appended = await this.store.appendToStream(
          streamId,
          newEvents,
          loaded.version < 0 ? 'no_stream' : loaded.version,
        );
        const next: LoadedStream<S> = {
          state,
          version: appended.nextExpectedVersion,
          position: appended.position,
        };
        this.remember(streamId, next);
        this.observe(type.name, outcomes);
        this.observer?.appended(type.name, appended.events.length);
        settle(batch, outcomes, appended.events, next);
        return;
      } catch (error) {
        if (!(error instanceof WrongExpectedVersion)) throw error;
        loaded = await loadStream(this.store, type, streamId, loaded);
        fresh = true;
        await backoff(attempt);
      }
    }
    throw new AppError('CONFLICT', 'The item changed concurrently too often; try again');
  }

  private observe<S>(aggregate: string, outcomes: Outcome<S>[]): void {
    if (!this.observer) return;
    const rejected = outcomes.filter((o) => isDomainError(o)).length;
    const failed = outcomes.filter((o) => isFailure(o)).length;
    this.observer.decided(aggregate, 'ok', outcomes.length - rejected - failed);
    if (rejected > 0) this.observer.decided(aggregate, 'rejected', rejected);
    if (failed > 0) this.observer.decided(aggregate, 'failed', failed);
  }

  private remember(streamId: string, loaded: LoadedStream<unknown>): void {
    this.cache.delete(streamId);
    this.cache.set(streamId, loaded);
    if (this.cache.size > this.cacheSize) {
      const oldest = this.cache.keys().next().value;
      if (oldest !== undefined) this.cache.delete(oldest);
    }
  }
}

/** A decider that throws is a bug; it fails its own command, not the whole batch. */
function decideSafely<C, E extends DomainEvent, S>(
  type: AggregateType<C, E, S>,
  command: C,
  state: S,
): E[] | DomainError | Failure {
  try {
    return type.decider.decide(command, state);
  } catch (error) {
    return { failure: error };
  }
}

interface Failure {
  failure: unknown;
}
const isFailure = (value: unknown): value is Failure =>
  typeof value === 'object' && value !== null && 'failure' in value;

type Outcome<S> = DomainError | Failure | { state: S; from: number; count: number };

function settle<C, S>(
  batch: Pending<C, S>[],
  outcomes: Outcome<S>[],
  recorded: RecordedEvent[],
  after: LoadedStream<S>,
): void {
  batch.forEach((pending, i) => {
    const outcome = outcomes[i]!;
    if (isDomainError(outcome)) {
      pending.reject(new AppError(outcome.code, outcome.message));
      return;
    }
    if (isFailure(outcome)) {
      pending.reject(outcome.failure);
      return;
    }
    const events = recorded.slice(outcome.from, outcome.from + outcome.count);
    pending.resolve({
      events,
      state: outcome.state,
      version: events.length > 0 ? events[events.length - 1]!.version : after.version,
      position: events.length > 0 ? events[events.length - 1]!.position : after.position,
    });
  });
}
