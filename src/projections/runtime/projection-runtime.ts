import type pg from 'pg';
import { type EventStore } from '../../infrastructure/event-store/event-store';
import { type PubSub } from '../../infrastructure/pubsub/pubsub';
import { type Topics } from '../topics';
import { ensureReadTables } from './ensure-read-tables';
import { LockConnection } from './lock-connection';
import { silentLogger, type ProjectionLogger } from './logger';
import { PositionWaiter } from './position-waiter';
import { type Projection } from './projection';
import { Projector } from './projector';
import { projectionStatuses, type ProjectionStatus } from './status';

export interface ProjectionRuntimeOptions {
  pool: pg.Pool;
  eventStore: EventStore;
  pubsub: PubSub<Topics>;
  projections: readonly Projection[];
  logger?: ProjectionLogger;
  /** Events per live batch; default 1,000. */
  batchSize?: number;
  /** Standby lock attempts and owner health checks; default 500 ms. */
  retryMs?: number;
}

/**
 * Runs the projections of one process. Each projection is applied by exactly one process at a
 * time (the holder of its advisory lock); the others stand by and take over within `retryMs`
 * when the owner stops or dies. Start it in every process that should share the work.
 */
export class ProjectionRuntime {
  private readonly locks: LockConnection;
  private readonly projectors: Projector[];
  private readonly waiter: PositionWaiter;
  private heartbeat: NodeJS.Timeout | null = null;
  private started = false;

  constructor(private readonly options: ProjectionRuntimeOptions) {
    this.locks = new LockConnection(options.pool);
    const deps = {
      pool: options.pool,
      eventStore: options.eventStore,
      pubsub: options.pubsub,
      locks: this.locks,
      logger: options.logger ?? silentLogger,
      batchSize: options.batchSize ?? 1_000,
      retryMs: options.retryMs ?? 500,
    };
    this.projectors = options.projections.map((projection) => new Projector(projection, deps));
    this.waiter = new PositionWaiter(
      options.pool,
      options.pubsub,
      options.projections.map((p) => p.name),
    );
  }

  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    await ensureReadTables(this.options.pool, this.options.projections);
    for (const projector of this.projectors) projector.start();
    // A dead lock connection means the locks are gone: projectors must stop applying.
    this.heartbeat = setInterval(() => void this.locks.check(), this.options.retryMs ?? 500);
  }

  /** Lets every owned projection finish its batch, marks it STOPPED and releases it. */
  async stop(): Promise<void> {
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.heartbeat = null;
    await Promise.all(this.projectors.map((projector) => projector.stop()));
    await this.waiter.close();
    await this.locks.close();
  }

  status(): Promise<ProjectionStatus[]> {
    return projectionStatuses(this.options, this.options.projections);
  }

  /**
   * Read-your-writes: true once every projection (FAILED ones aside) has applied the log up to
   * `position` (an append's position), false when `timeoutMs` passes first.
   */
  waitForPosition(position: string, timeoutMs: number): Promise<boolean> {
    return this.waiter.waitForPosition(position, timeoutMs);
  }

  /** Names of the projections this process applies right now. */
  ownedProjections(): string[] {
    return this.projectors.filter((p) => p.isOwner).map((p) => p.name);
  }

  /** Backend pid of the connection holding this process's locks (operators, fault tests). */
  lockBackendPid(): Promise<number> {
    return this.locks.backendPid();
  }
}
