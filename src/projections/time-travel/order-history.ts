import { orderStreamId } from '../../aggregates/order/order.events';
import { StreamNotFound } from '../../infrastructure/event-store/errors';
import {
  type EventStore,
  type ReadStreamOptions,
  type RecordedEvent,
} from '../../infrastructure/event-store/event-store';

/** The order's own events, oldest first; null when the order does not exist. */
export async function orderHistory(
  eventStore: EventStore,
  orderId: string,
  options: ReadStreamOptions = {},
): Promise<RecordedEvent[] | null> {
  try {
    return await eventStore.readStream(orderStreamId(orderId), options);
  } catch (error) {
    if (error instanceof StreamNotFound) return null;
    throw error;
  }
}
