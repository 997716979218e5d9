import { type Decider } from '../../aggregates/shared/decider';
import { type DomainEvent } from './stream-codec';

/** What the command side needs to know about an aggregate besides its decider. */
export interface AggregateType<C, E extends DomainEvent, S> {
  name: string;
  decider: Decider<C, E, S>;
  eventTypes: readonly string[];
}
