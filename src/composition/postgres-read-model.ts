import type pg from 'pg';
import { AppError } from '../application/app-error';
import { type CatalogProduct } from '../application/orders/ports';
import { type ReconcilerQueries } from '../application/processes/reconciler';
import { orderStreamId } from '../aggregates/order';
import { StreamNotFound } from '../infrastructure/event-store/errors';
import { type EventStore, type RecordedEvent } from '../infrastructure/event-store/event-store';
import { type ProductSearchQuery } from '../graphql/services';
import {
  type DomainEventView,
  type OrderUpdateView,
  type OrderView,
  type ProductView,
  type ProjectionStatusView,
} from '../graphql/views';
import { inventoryByProductIds } from '../projections/inventory/inventory.queries';
import {
  orderUpdatesAfterVersion,
  ordersByIds,
  ordersPage,
  paidNotMarkedOrders,
  stuckPendingOrders,
  userOrderUpdatesAfterPosition,
  type OrderRow,
} from '../projections/orders/order.queries';
import { foldOrderRow } from '../projections/orders/order-row';
import {
  productsByIds,
  productsBySkus,
  searchProducts,
  type ProductRow,
} from '../projections/products/product.queries';
import { recommendedProductIdsByProduct } from '../projections/recommendations/recommendation.queries';
import {
  closedOrdersHoldingStock,
  expiredReservations,
} from '../projections/reservations/reservation.queries';
import { type ProjectionRuntime } from '../projections/runtime/projection-runtime';
import { InvalidCursor } from '../projections/shared/cursor';
import { type OrderUpdateMessage } from '../projections/topics';
import { type FencedCache } from '../infrastructure/cache/fenced-cache';
import { readThrough } from '../infrastructure/cache/read-through';
import { acrossRequests, alignById, loadPresent } from '../infrastructure/postgres/read-batching';
import { onlyUuids, type ReadModel } from './read-model';

const toProductView = (row: ProductRow): ProductView => ({
  id: row.id,
  sku: row.sku,
  name: row.name,
  description: row.description,
  price: row.price,
  category: row.category,
  tags: row.tags,
  createdAt: row.createdAt,
  updatedAt: row.updatedAt,
});

const toOrderView = (row: OrderRow): OrderView => ({
  id: row.id,
  userId: row.userId,
  status: row.status,
  items: row.items,
  total: row.total,
  payment: row.payment,
  statusReason: row.statusReason,
  reservationExpiresAt: row.reservationExpiresAt,
  version: row.version,
  createdAt: row.createdAt,
  updatedAt: row.updatedAt,
});

const toUpdateView = (m: OrderUpdateMessage): OrderUpdateView => ({
  ...m,
  status: m.status as OrderUpdateView['status'],
  occurredAt: new Date(m.occurredAt),
});

const toEventView = (e: RecordedEvent): DomainEventView => ({
  type: e.type,
  streamId: e.streamId,
  version: e.version,
  position: e.position,
  occurredAt: e.occurredAt,
  data: e.data,
});

function splitRecommendationKey(key: string): [number, string] {
  const colon = key.indexOf(':');
  return [Number(key.slice(0, colon)), key.slice(colon + 1)];
}

/** A cursor that is not one of ours is the caller's mistake, not ours. */
async function cursorChecked<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof InvalidCursor) throw new AppError('BAD_USER_INPUT', 'Invalid cursor');
    throw error;
  }
}

/** The read tables (and, for time travel, the log) behind the GraphQL queries. */
export class PostgresReadModel implements ReadModel {
  private runtime: ProjectionRuntime | null = null;
  /** The latest position of a write answered before the read side had it (noteAnswered). */
  private answered: string | null = null;
  /** The catalog reads of a product page or a search, batched across the requests in flight. */
  private readonly productReads = acrossRequests(async (ids) =>
    alignById(ids, (await productsByIds(this.pool, ids)).map(toProductView), (p) => p.id),
  );
  private readonly inventoryReads = acrossRequests(async (ids) =>
    alignById(ids, await inventoryByProductIds(this.pool, ids), (level) => level.productId),
  );
  /** Keyed `${first}:${productId}`. */
  private readonly recommendationReads = acrossRequests(async (keys) => {
    const bySize = new Map<number, string[]>();
    for (const key of keys) {
      const [first, productId] = splitRecommendationKey(key);
      const ids = bySize.get(first);
      if (ids) ids.push(productId);
      else bySize.set(first, [productId]);
    }
    const found = new Map<string, string[]>();
    for (const [first, ids] of bySize) {
      const picks = await recommendedProductIdsByProduct(this.pool, ids, first);
      for (const [id, recommended] of picks) found.set(`${first}:${id}`, recommended);
    }
    return keys.map((key) => found.get(key) ?? []);
  });

  constructor(
    private readonly pool: pg.Pool,
    private readonly eventStore: EventStore,
    /** Product rows by id, kept fresh by the products projection's notifications (adapters.ts). */
    private readonly productCache: FencedCache<ProductView> | null = null,
  ) {}

  attach(runtime: ProjectionRuntime): void {
    this.runtime = runtime;
  }

  async productsByIds(ids: readonly string[]): Promise<ProductView[]> {
    const load = (uuids: string[]) => loadPresent(this.productReads, uuids);
    const uuids = onlyUuids(ids);
    return this.productCache
      ? readThrough(this.productCache, uuids, load, (product) => product.id)
      : load(uuids);
  }

  async productBySku(sku: string) {
    const rows = await productsBySkus(this.pool, [sku]);
    // Claims keep SKUs unique whatever their case, but the log itself does not: exact wins.
    const row = rows.find((r) => r.sku === sku.trim()) ?? rows[0];
    return row ? toProductView(row) : null;
  }

  /** Current name, SKU and price of products for sale, for carts and orders. */
  async catalogProducts(ids: string[]): Promise<Map<string, CatalogProduct>> {
    const rows = await this.productsByIds(ids);
    return new Map(rows.map((r) => [r.id, { id: r.id, sku: r.sku, name: r.name, price: r.price }]));
  }

  async searchProducts(query: ProductSearchQuery) {
    const page = await cursorChecked(
      searchProducts(this.pool, {
        search: query.search,
        filter: query.filter,
        sort: query.sort,
        first: query.first,
        after: query.after,
      }),
    );
    return {
      rows: page.rows.map((r) => ({ cursor: r.cursor, node: toProductView(r.node) })),
      hasNextPage: page.hasNextPage,
      endCursor: page.endCursor,
      totalCount: page.totalCount,
      facets: page.facets,
    };
  }

  async recommendedProductIds(productId: string, first: number): Promise<string[]> {
    return (await this.recommendationReads.load(`${first}:${productId}`)) ?? [];
  }

  inventoryByProductIds(ids: readonly string[]) {
    return loadPresent(this.inventoryReads, onlyUuids(ids));
  }

  async ordersByIds(ids: readonly string[]) {
    return (await ordersByIds(this.pool, onlyUuids(ids))).map(toOrderView);
  }

  async ordersPage(query: Parameters<ReadModel['ordersPage']>[0]) {
    const page = await cursorChecked(ordersPage(this.pool, query));
    return {
      ...page,
      rows: page.rows.map((r) => ({ cursor: r.cursor, node: toOrderView(r.node) })),
    };
  }

  async orderUpdatesAfterVersion(orderId: string, afterVersion: number | null) {
    return (await orderUpdatesAfterVersion(this.pool, orderId, afterVersion)).map(toUpdateView);
  }

  async userOrderUpdatesAfterPosition(userId: string, afterPosition: string | null) {
    return (await userOrderUpdatesAfterPosition(this.pool, userId, afterPosition)).map(
      toUpdateView,
    );
  }

  orderFromEvents(events: readonly RecordedEvent[]): OrderView | null {
    const row = events.length > 0 ? foldOrderRow(events) : null;
    return row ? toOrderView(row) : null;
  }

  async orderAsOf(orderId: string, at: { asOf?: Date; atVersion?: number }) {
    const events = await this.orderEvents(orderId, { asOf: at.asOf, toVersion: at.atVersion });
    const row = events.length > 0 ? foldOrderRow(events) : null;
    return row ? toOrderView(row) : null;
  }

  async orderHistory(orderId: string) {
    return (await this.orderEvents(orderId, {})).map(toEventView);
  }

  private async orderEvents(orderId: string, options: { asOf?: Date; toVersion?: number }) {
    try {
      return await this.eventStore.readStream(orderStreamId(orderId), options);
    } catch (error) {
      if (error instanceof StreamNotFound) return [];
      throw error;
    }
  }

  async projectionStatuses(): Promise<ProjectionStatusView[]> {
    const statuses = (await this.runtime?.status()) ?? [];
    return statuses.map((s) => ({
      name: s.name,
      position: s.position ?? '',
      lagEvents: s.lagEvents,
      lagMs: s.lagMs,
      state: s.state,
    }));
  }

  noteAnswered(position: string): void {
    if (this.answered === null || position > this.answered) this.answered = position;
  }

  async catchUpWithAnswered(timeoutMs: number): Promise<void> {
    if (this.answered !== null) await this.waitForPosition(this.answered, timeoutMs);
  }

  waitForPosition(position: string, timeoutMs: number): Promise<boolean> {
    // What the caller reads next must not come from a cache that has not seen this position yet.
    this.productCache?.requirePosition(position);
    return this.runtime
      ? this.runtime.waitForPosition(position, timeoutMs)
      : Promise.resolve(false);
  }

  reconcilerQueries(): ReconcilerQueries {
    const ids = (rows: { id: string }[]) => rows.map((r) => r.id);
    return {
      expiredReservations: async (now, limit) =>
        (await expiredReservations(this.pool, now, limit)).map((r) => r.orderId),
      stuckPendingOrders: async (olderThan, limit) =>
        ids(await stuckPendingOrders(this.pool, olderThan, limit)),
      paidNotMarkedOrders: async (limit) => ids(await paidNotMarkedOrders(this.pool, limit)),
      closedOrdersHoldingStock: (limit) => closedOrdersHoldingStock(this.pool, limit),
    };
  }
}
