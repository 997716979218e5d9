import {
  type DomainEventView,
  type InventoryView,
  type OrderStatus,
  type OrderUpdateView,
  type OrderView,
  type PageView,
  type ProductPageView,
  type ProductView,
  type ProjectionStatusView,
} from '../graphql/views';
import { type ProductSearchQuery } from '../graphql/services';
import { type RecordedEvent } from '../infrastructure/event-store/event-store';

/** Everything the API reads from the read tables and, for time travel, from the log. */
export interface ReadModel {
  productsByIds(ids: readonly string[]): Promise<ProductView[]>;
  productBySku(sku: string): Promise<ProductView | null>;
  searchProducts(query: ProductSearchQuery): Promise<ProductPageView>;
  recommendedProductIds(productId: string, first: number): Promise<string[]>;
  inventoryByProductIds(ids: readonly string[]): Promise<InventoryView[]>;
  ordersByIds(ids: readonly string[]): Promise<OrderView[]>;
  ordersPage(query: {
    userId: string | null;
    status: OrderStatus | null;
    first: number;
    after: string | null;
  }): Promise<PageView<OrderView>>;
  orderUpdatesAfterVersion(
    orderId: string,
    afterVersion: number | null,
  ): Promise<OrderUpdateView[]>;
  userOrderUpdatesAfterPosition(
    userId: string,
    afterPosition: string | null,
  ): Promise<OrderUpdateView[]>;
  orderAsOf(orderId: string, at: { asOf?: Date; atVersion?: number }): Promise<OrderView | null>;
  /** An order as the given events of its stream (all of them, in order) say. */
  orderFromEvents(events: readonly RecordedEvent[]): OrderView | null;
  orderHistory(orderId: string): Promise<DomainEventView[]>;
  projectionStatuses(): Promise<ProjectionStatusView[]>;
  /** Resolves true once every projection has applied the log up to `position`. */
  waitForPosition(position: string, timeoutMs: number): Promise<boolean>;
  /**
   * A write answered without waiting for the read side (the flash-sale hot path): queries that
   * start after it wait for it instead (`catchUpWithAnswered`), so the answer and what is read
   * next still agree.
   */
  noteAnswered(position: string): void;
  /** Until the read side holds every write this process answered before; bounded. */
  catchUpWithAnswered(timeoutMs: number): Promise<void>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids from clients go into uuid columns: anything else simply matches nothing. */
export const onlyUuids = (ids: readonly string[]): string[] => ids.filter((id) => UUID.test(id));
export const isUuid = (id: string): boolean => UUID.test(id);
