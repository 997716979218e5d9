import { StreamNotFound } from '../../infrastructure/event-store/errors';
import { type EventStore } from '../../infrastructure/event-store/event-store';
import { type AggregateType } from './aggregate-type';
import { upcast, type DomainEvent } from './stream-codec';

export interface LoadedStream<S> {
  state: S;
  /** Version of the last folded event; -1 for a stream that does not exist. */
  version: number;
  position: string | null;
}

/** Folds a stream into state, continuing from `from` (a cached fold) when given. */
export async function loadStream<C, E extends DomainEvent, S>(
  store: EventStore,
  type: AggregateType<C, E, S>,
  streamId: string,
  from?: LoadedStream<S>,
): Promise<LoadedStream<S>> {
  let state = from?.state ?? type.decider.initialState();
  let version = from?.version ?? -1;
  let position = from?.position ?? null;
  try {
    const events = await store.readStream(streamId, { fromVersion: version + 1 });
    for (const recorded of events) {
      state = type.decider.evolve(state, upcast<E>(recorded, type.eventTypes));
      version = recorded.version;
      position = recorded.position;
    }
  } catch (error) {
    if (!(error instanceof StreamNotFound)) throw error;
  }
  return { state, version, position };
}
