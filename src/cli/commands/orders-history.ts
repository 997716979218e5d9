import { type RecordedEvent } from '../../infrastructure/event-store/event-store';
import { orderHistory } from '../../projections/time-travel/order-history';
import { CliError } from '../cli-error';
import { type CliConnection } from '../connect';

/** `chronocart orders history <id>`: the order's events, oldest first. */
export async function ordersHistory(
  connection: CliConnection,
  orderId: string,
): Promise<RecordedEvent[]> {
  const events = await orderHistory(connection.eventStore, orderId);
  if (!events) throw new CliError(`order ${orderId} not found`);
  return events;
}

export function formatHistory(events: readonly RecordedEvent[]): string {
  return events
    .map(
      (e) =>
        `v${e.version}  ${e.occurredAt.toISOString()}  ${e.position}  ${e.type}  ${JSON.stringify(e.data)}\n`,
    )
    .join('');
}
