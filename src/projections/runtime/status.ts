import type pg from 'pg';
import { type EventStore } from '../../infrastructure/event-store/event-store';
import { readCheckpoints } from './checkpoints';
import { type Projection, type ProjectionState } from './projection';

export interface ProjectionStatus {
  name: string;
  /** The version of the live tables (the code's version until it first ran). */
  version: number;
  /** Last global position applied; null before the first event. */
  position: string | null;
  /** Events in the log after the position (the live projector reads the whole log). */
  lagEvents: number;
  /** Age of the oldest unapplied event; null when caught up. */
  lagMs: number | null;
  state: ProjectionState;
  /** Why it FAILED: names the event's position. */
  error: string | null;
  updatedAt: Date | null;
}

/** Where every projection stands, from the checkpoints table (so from any process). */
export async function projectionStatuses(
  deps: { pool: pg.Pool; eventStore: EventStore },
  projections: readonly Projection[],
): Promise<ProjectionStatus[]> {
  const checkpoints = await readCheckpoints(
    deps.pool,
    projections.map((p) => p.name),
  );
  const lagByPosition = new Map<string, ReturnType<EventStore['lagAfter']>>();
  const lagOf = (position: string | null) => {
    const key = position ?? '';
    let lag = lagByPosition.get(key);
    if (!lag) {
      lag = deps.eventStore.lagAfter(position);
      lagByPosition.set(key, lag);
    }
    return lag;
  };
  const now = Date.now();
  return Promise.all(
    projections.map(async (projection) => {
      const checkpoint = checkpoints.get(projection.name);
      const position = checkpoint?.position ?? null;
      const lag = await lagOf(position);
      return {
        name: projection.name,
        version: checkpoint?.version ?? projection.version,
        position,
        lagEvents: lag.events,
        lagMs: lag.oldestAt ? Math.max(0, now - lag.oldestAt.getTime()) : null,
        state: checkpoint?.state ?? 'STOPPED',
        error: checkpoint?.error ?? null,
        updatedAt: checkpoint?.updatedAt ?? null,
      };
    }),
  );
}
