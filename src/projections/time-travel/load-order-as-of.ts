import { type EventStore } from '../../infrastructure/event-store/event-store';
import { foldOrderRow, type OrderRow } from '../orders/order-row';
import { orderHistory } from './order-history';

/** A point in the order's past; both may be given (the earlier of the two wins). */
export interface OrderPointInTime {
  /** As it stood at this instant (events that occurred at or before it). */
  asOf?: Date;
  /** As it stood at this version of its stream (inclusive). */
  atVersion?: number;
}

/**
 * The order as it stood then, folded from its events with the same function the orders
 * projection uses, so it equals what the read table held at that point. Null when the order
 * does not exist, or did not exist yet at that point.
 */
export async function loadOrderAsOf(
  eventStore: EventStore,
  orderId: string,
  at: OrderPointInTime = {},
): Promise<OrderRow | null> {
  if (at.atVersion !== undefined && at.atVersion < 0) return null;
  const events = await orderHistory(eventStore, orderId, {
    toVersion: at.atVersion,
    asOf: at.asOf,
  });
  return events ? foldOrderRow(events) : null;
}
