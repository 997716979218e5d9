import { inventoryStreamId, type InventoryState } from '../../aggregates/inventory';
import { type EventStore } from '../../infrastructure/event-store/event-store';
import { inventoryAggregate } from '../commands/aggregates';
import { loadStream, type LoadedStream } from '../commands/load-stream';

const DEFAULT_LIMIT = 1_000;

/**
 * What this process knows of each product's stock: the fold of its inventory stream as last
 * read or written (the most recently used products, up to a limit), and, while a batch is
 * writing, the stock that batch will leave behind if its append succeeds.
 */
export class StockCache {
  private readonly folds = new Map<string, LoadedStream<InventoryState>>();
  private readonly forecasts = new Map<string, InventoryState>();

  constructor(
    private readonly store: EventStore,
    private readonly limit = DEFAULT_LIMIT,
  ) {}

  /** The product's stock as the log has it now: one read of what came after the cached fold. */
  async refresh(productId: string): Promise<LoadedStream<InventoryState>> {
    const loaded = await loadStream(
      this.store,
      inventoryAggregate,
      inventoryStreamId(productId),
      this.folds.get(productId),
    );
    this.remember(productId, loaded);
    return loaded;
  }

  /** The later of a fold read earlier and the one cached since (by a write, say). */
  latest(productId: string, read: LoadedStream<InventoryState>): LoadedStream<InventoryState> {
    const cached = this.folds.get(productId);
    return cached && cached.version > read.version ? cached : read;
  }

  remember(productId: string, loaded: LoadedStream<InventoryState>): void {
    const cached = this.folds.get(productId);
    // A read that started before the last write returns after it: the fold never goes back.
    if (cached && cached.version > loaded.version) return;
    this.folds.delete(productId);
    this.folds.set(productId, loaded);
    if (this.folds.size > this.limit) {
      const oldest = this.folds.keys().next().value;
      if (oldest !== undefined) this.folds.delete(oldest);
    }
  }

  /** After a failure nothing cached is trusted: the next batch reads the stream again. */
  forget(productId: string): void {
    this.folds.delete(productId);
    this.forecasts.delete(productId);
  }

  /** The stock a batch is about to write; cleared when its write is over. */
  forecast(productId: string, state: InventoryState | null): void {
    if (state) this.forecasts.set(productId, state);
    else this.forecasts.delete(productId);
  }

  /** The stock the next batch will most likely meet: the forecast, else the latest fold. */
  expected(productId: string, read: LoadedStream<InventoryState>): InventoryState {
    return this.forecasts.get(productId) ?? this.latest(productId, read).state;
  }
}
