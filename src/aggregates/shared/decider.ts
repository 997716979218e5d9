import { type Decision } from './domain-error';

/** The shape every aggregate exposes; pure functions only. */
export interface Decider<Command, Event, State> {
  initialState: () => State;
  evolve: (state: State, event: Event) => State;
  decide: (command: Command, state: State) => Decision<Event>;
}
