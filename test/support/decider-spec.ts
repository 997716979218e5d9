import { type Decider } from '../../src/aggregates/shared/decider';
import {
  type Decision,
  type DomainErrorCode,
  isDomainError,
} from '../../src/aggregates/shared/domain-error';

const deepFreeze = <T>(value: T): T => {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
};

const describeDecision = (decision: Decision<unknown>): string =>
  isDomainError(decision)
    ? `${decision.code}: ${decision.message}`
    : `events ${JSON.stringify(decision)}`;

/**
 * Given/when/then for a pure decider, after Emmett's DeciderSpecification:
 * `spec(decider).given(events).when(command).then(expectedEvents)` or `.thenError(code)`.
 * Given events, the folded state and the command are frozen, so a decider that mutates its
 * input fails the spec instead of corrupting a cached state in production.
 */
export const spec = <Command, Event, State>(decider: Decider<Command, Event, State>) => ({
  given: (events: Event[]) => ({
    when: (command: Command) => {
      const decide = (): Decision<Event> => {
        const state = deepFreeze(events).reduce(
          (current, event) => deepFreeze(decider.evolve(current, event)),
          deepFreeze(decider.initialState()),
        );
        const decision = decider.decide(deepFreeze(command), state);
        // Same input, same answer: nothing hidden (clock, randomness, shared state) may leak in.
        expect(decider.decide(command, state)).toEqual(decision);
        return decision;
      };
      return {
        then: (expected: Event[]): void => {
          const decision = decide();
          if (isDomainError(decision)) {
            throw new Error(`expected events but got ${describeDecision(decision)}`);
          }
          expect(decision).toEqual(expected);
        },
        /** The command was already done (or there is nothing to do): an idempotent no-op. */
        thenNothingHappened: (): void => {
          const decision = decide();
          if (isDomainError(decision)) {
            throw new Error(`expected no events but got ${describeDecision(decision)}`);
          }
          expect(decision).toEqual([]);
        },
        thenError: (code: DomainErrorCode, message?: string | RegExp): void => {
          const decision = decide();
          if (!isDomainError(decision)) {
            throw new Error(`expected ${code} but got ${describeDecision(decision)}`);
          }
          expect(decision.code).toBe(code);
          if (message !== undefined) expect(decision.message).toMatch(message);
        },
      };
    },
  }),
});
