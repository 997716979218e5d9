import { type Projection } from '../../../../src/projections/runtime/projection';

/** Counts batches applied at once per projection across every runtime of the test process. */
export class ConcurrencyProbe {
  private readonly active = new Map<string, number>();
  readonly maxActive = new Map<string, number>();
  readonly batches = new Map<string, number>();

  wrap(projections: readonly Projection[]): Projection[] {
    return projections.map((projection) => ({
      ...projection,
      applyBatch: async (client, events) => {
        const name = projection.name;
        const now = (this.active.get(name) ?? 0) + 1;
        this.active.set(name, now);
        this.maxActive.set(name, Math.max(now, this.maxActive.get(name) ?? 0));
        this.batches.set(name, (this.batches.get(name) ?? 0) + 1);
        try {
          // Widen the window in which a second owner would overlap.
          await client.query('SELECT pg_sleep(0.002)');
          return await projection.applyBatch(client, events);
        } finally {
          this.active.set(name, (this.active.get(name) ?? 1) - 1);
        }
      },
    }));
  }
}

/** A promise with its resolver, for a test to hold a batch open. */
export function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}
