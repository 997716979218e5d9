import type pg from 'pg';
import { type EventStore, type RecordedEvent } from '../../infrastructure/event-store/event-store';
import { transaction } from './transaction';
import { type PubSub } from '../../infrastructure/pubsub/pubsub';
import { type Topics } from '../topics';
import { applyLiveBatch } from './apply-batch';
import {
  ensureCheckpoint,
  isRunnable,
  markFailed,
  markRunning,
  markStopped,
  readCheckpoint,
} from './checkpoints';
import { CheckpointMoved, errorMessage, isTransientError, ProjectionEventFailed } from './errors';
import { type LockConnection } from './lock-connection';
import { type ProjectionLogger } from './logger';
import { type Projection } from './projection';
import { publishCommitted } from './publish';
import { rebuildProjection } from './rebuild';
import { rebuildRunning } from './rebuild-lock';
import { createTablesIn, LIVE_SCHEMA, tablesExist } from './schema';
import { Sleeper } from './sleeper';

export interface ProjectorDeps {
  pool: pg.Pool;
  eventStore: EventStore;
  pubsub: PubSub<Topics>;
  locks: LockConnection;
  logger: ProjectionLogger;
  /** Events per live batch. */
  batchSize: number;
  /** How often a standby tries the lock, and an owner checks for a pause request. */
  retryMs: number;
}

const MIN_BACKOFF_MS = 100;
const MAX_BACKOFF_MS = 5_000;

/** Why the owner stopped following the log. */
type Outcome = 'again' | 'idle' | 'lost';

/**
 * Keeps one projection's live tables following the log in this process whenever this process
 * holds the projection's advisory lock; otherwise stands by and tries again every `retryMs`.
 */
export class Projector {
  private stopped = false;
  private readonly sleeper = new Sleeper();
  private interruptFollow: (() => void) | null = null;
  private loop: Promise<void> | null = null;
  private readonly abort = new AbortController();
  /** Said once: a newer version is live and this process stands by. */
  private warnedNewer = false;

  constructor(
    readonly projection: Projection,
    private readonly deps: ProjectorDeps,
  ) {}

  get name(): string {
    return this.projection.name;
  }

  /** True while this process holds the projection's lock. */
  get isOwner(): boolean {
    return this.deps.locks.holds(this.name);
  }

  start(): void {
    this.loop ??= this.run();
  }

  /** Finishes the batch in flight, then lets go of the projection (state STOPPED). */
  async stop(): Promise<void> {
    this.stopped = true;
    this.abort.abort();
    this.interruptFollow?.();
    this.sleeper.wake();
    await this.loop;
  }

  private async run(): Promise<void> {
    let backoff = MIN_BACKOFF_MS;
    while (!this.stopped) {
      try {
        if (!(await this.deps.locks.tryLock(this.name))) {
          await this.sleeper.sleep(this.deps.retryMs);
          continue;
        }
        const outcome = await this.own();
        backoff = MIN_BACKOFF_MS;
        if (outcome === 'idle') {
          await this.deps.locks.unlock(this.name);
          await this.sleeper.sleep(this.deps.retryMs);
        }
      } catch (error) {
        if (this.stopped) break;
        if (error instanceof CheckpointMoved) continue;
        if (isTransientError(error) || !(await this.stillOwner())) {
          this.deps.logger.warn(`${this.name}: ${errorMessage(error)}; retrying in ${backoff} ms`);
        } else {
          this.deps.logger.error(`${this.name}: ${errorMessage(error)}`);
          const at = (await readCheckpoint(this.deps.pool, this.name).catch(() => null))?.position;
          if (at !== undefined) {
            await markFailed(this.deps.pool, this.name, errorMessage(error), at).catch(
              () => undefined,
            );
          }
        }
        await this.sleeper.sleep(backoff);
        backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
      }
    }
    if (this.isOwner) {
      await markStopped(this.deps.pool, this.name).catch(() => undefined);
      await this.deps.locks.unlock(this.name);
    }
  }

  /** As the owner: get the tables ready, then follow the log until something interrupts. */
  private async own(): Promise<Outcome> {
    const { pool } = this.deps;
    const checkpoint = await ensureCheckpoint(pool, this.projection);
    if (checkpoint.version > this.projection.version) {
      if (!this.warnedNewer) {
        this.deps.logger.warn(
          `${this.name}: version ${checkpoint.version} is live, this process has ${this.projection.version}; standing by`,
        );
      }
      this.warnedNewer = true;
      return 'idle';
    }
    if (!isRunnable(checkpoint, new Date())) return 'idle';
    const tablesReady = await tablesExist(pool, LIVE_SCHEMA, this.projection);
    if (checkpoint.version < this.projection.version || (!tablesReady && checkpoint.position)) {
      this.deps.logger.info(`${this.name}: rebuilding for version ${this.projection.version}`);
      await rebuildProjection(this.deps, this.projection, {
        lockHeld: true,
        signal: this.abort.signal,
      });
      return 'again';
    }
    if (!tablesReady) {
      await transaction(pool, (client) => createTablesIn(client, LIVE_SCHEMA, [this.projection]));
    }
    const rebuildDied =
      checkpoint.state === 'REBUILDING' && !(await rebuildRunning(pool, this.name));
    await markRunning(pool, this.name, rebuildDied);
    return this.follow(checkpoint.position);
  }

  private async follow(from: string | null): Promise<Outcome> {
    const { pool, eventStore, locks, logger, pubsub } = this.deps;
    let position = from;
    let pending: RecordedEvent[] = [];
    let interrupted: Outcome | null = null;
    const interruption = new Promise<void>((resolve) => {
      this.interruptFollow = () => resolve();
    });
    const interrupt = (outcome: Outcome) => {
      interrupted ??= outcome;
      this.interruptFollow?.();
    };
    const stopListening = locks.onLost(() => interrupt('lost'));
    if (this.stopped) interrupt('idle');
    const watch = setInterval(() => {
      void this.stillRunnable().then((ok) => ok || interrupt('idle'));
    }, this.deps.retryMs);
    const subscription = eventStore.subscribeToAll(
      { fromPosition: from, batchSize: this.deps.batchSize },
      async (events) => {
        pending = events;
        const notifications = await applyLiveBatch(pool, this.projection, position, events);
        position = events[events.length - 1]!.position;
        pending = [];
        publishCommitted(pubsub, logger, this.name, position, notifications);
      },
    );
    try {
      await Promise.race([subscription.done, interruption]);
      await subscription.stop();
      return interrupted ?? 'again';
    } catch (error) {
      await subscription.stop();
      if (error instanceof CheckpointMoved) return 'again';
      if (isTransientError(error)) throw error;
      // A process that lost its lock (or its connections) sees odd errors; that is no poison.
      if (!(await this.stillOwner())) return 'lost';
      await this.isolatePoisonEvent(position, pending, error);
      return 'idle';
    } finally {
      clearInterval(watch);
      stopListening();
      this.interruptFollow = null;
    }
  }

  /** Whether this process still holds the projection's lock, the connection checked. */
  private async stillOwner(): Promise<boolean> {
    await this.deps.locks.check();
    return this.isOwner;
  }

  private async stillRunnable(): Promise<boolean> {
    try {
      const checkpoint = await readCheckpoint(this.deps.pool, this.name);
      return (
        checkpoint !== null &&
        checkpoint.version === this.projection.version &&
        isRunnable(checkpoint, new Date())
      );
    } catch {
      return true;
    }
  }

  /**
   * A batch failed for a reason of its own: apply its events one at a time so that those before
   * the culprit commit and the projection is marked FAILED with the culprit's position.
   */
  private async isolatePoisonEvent(
    from: string | null,
    batch: readonly RecordedEvent[],
    error: unknown,
  ): Promise<void> {
    const { pool, pubsub, logger } = this.deps;
    let position = from;
    for (const event of batch) {
      try {
        const notifications = await applyLiveBatch(pool, this.projection, position, [event]);
        position = event.position;
        publishCommitted(pubsub, logger, this.name, position, notifications);
      } catch (cause) {
        if (cause instanceof CheckpointMoved || isTransientError(cause)) throw cause;
        if (!(await this.stillOwner())) return;
        const failure = new ProjectionEventFailed(this.name, event, cause);
        logger.error(failure.message);
        await markFailed(pool, this.name, failure.message, position);
        return;
      }
    }
    if (batch.length === 0) {
      logger.error(`${this.name}: ${errorMessage(error)}`);
      await markFailed(pool, this.name, errorMessage(error), position);
    }
  }
}
