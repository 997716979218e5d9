import { type OrderRow } from '../../projections/orders/order-row';
import { loadOrderAsOf } from '../../projections/time-travel/load-order-as-of';
import { CliError } from '../cli-error';
import { type CliConnection } from '../connect';
import { formatCount } from '../output';

export interface ShowOptions {
  asOf?: string;
  atVersion?: string;
}

/** `chronocart orders show <id> [--as-of <time> | --at-version <n>]`, folded from its events. */
export async function ordersShow(
  connection: CliConnection,
  orderId: string,
  options: ShowOptions = {},
): Promise<OrderRow> {
  if (options.asOf !== undefined && options.atVersion !== undefined) {
    throw new CliError('give --as-of or --at-version, not both');
  }
  const asOf = options.asOf === undefined ? undefined : parseInstant(options.asOf);
  const atVersion = options.atVersion === undefined ? undefined : parseVersion(options.atVersion);
  const order = await loadOrderAsOf(connection.eventStore, orderId, { asOf, atVersion });
  if (!order) {
    const when = asOf
      ? ` as of ${asOf.toISOString()}`
      : atVersion !== undefined
        ? ` at version ${atVersion}`
        : '';
    throw new CliError(`order ${orderId} not found${when}`);
  }
  return order;
}

export function parseInstant(text: string): Date {
  const date = new Date(text);
  if (!/^\d{4}-\d{2}-\d{2}/.test(text) || Number.isNaN(date.getTime())) {
    throw new CliError(
      `--as-of must be an ISO-8601 time like 2025-01-31T12:00:00Z (got "${text}")`,
    );
  }
  return date;
}

function parseVersion(text: string): number {
  if (!/^\d+$/.test(text)) {
    throw new CliError(`--at-version must be a version number from 0 (got "${text}")`);
  }
  return Number(text);
}

export function formatOrder(order: OrderRow): string {
  const money = (minor: number) => (minor / 100).toFixed(2);
  const lines = [
    `order     ${order.id}`,
    `user      ${order.userId}`,
    `status    ${order.status}${order.statusReason ? ` (${order.statusReason})` : ''}`,
    `total     ${money(order.total)}`,
    `payment   ${order.payment ? `${order.payment.status} ${money(order.payment.amount)} via ${order.payment.provider}${order.payment.transactionId ? ` tx ${order.payment.transactionId}` : ''}` : '-'}`,
    `reserved  ${order.reservationExpiresAt ? `until ${order.reservationExpiresAt.toISOString()}` : '-'}`,
    `refund    ${order.refundRequested ? 'requested' : '-'}`,
    `version   ${order.version} (position ${order.lastPosition})`,
    `created   ${order.createdAt.toISOString()}`,
    `updated   ${order.updatedAt.toISOString()}`,
    'items',
    ...order.items.map(
      (item) =>
        `  ${formatCount(item.quantity)} x ${item.sku} ${item.name} @ ${money(item.unitPrice)}`,
    ),
  ];
  return lines.join('\n') + '\n';
}
