import {
  type OrderItemRow,
  type OrderRow,
  type OrderStatus,
  type PaymentStatus,
} from './order-row';

/** A line in the orders.items jsonb column (snake_case, like every column). */
export interface StoredOrderItem {
  product_id: string;
  sku: string;
  name: string;
  quantity: number;
  unit_price: number;
}

/** A row of rm.orders as pg returns it. */
export interface OrderDbRow {
  id: string;
  user_id: string;
  status: OrderStatus;
  status_reason: string | null;
  items: StoredOrderItem[];
  /** bigint: pg hands it over as text. */
  total: string;
  payment_id: string | null;
  payment_status: PaymentStatus | null;
  payment_amount: string | null;
  payment_provider: string | null;
  payment_transaction_id: string | null;
  reservation_expires_at: Date | null;
  refund_requested: boolean;
  version: number;
  last_position: string;
  created_at: Date;
  updated_at: Date;
}

/** The columns of `OrderDbRow`, for an orders table aliased `o`. */
export const ORDER_COLUMNS = `o.id, o.user_id, o.status, o.status_reason, o.items, o.total,
  o.payment_id, o.payment_status, o.payment_amount, o.payment_provider, o.payment_transaction_id,
  o.reservation_expires_at, o.refund_requested, o.version, o.last_position, o.created_at,
  o.updated_at`;

export const toStoredItem = (item: OrderItemRow): StoredOrderItem => ({
  product_id: item.productId,
  sku: item.sku,
  name: item.name,
  quantity: item.quantity,
  unit_price: item.unitPrice,
});

export function toOrderRow(row: OrderDbRow): OrderRow {
  return {
    id: row.id,
    userId: row.user_id,
    status: row.status,
    statusReason: row.status_reason,
    items: row.items.map((item) => ({
      productId: item.product_id,
      sku: item.sku,
      name: item.name,
      quantity: item.quantity,
      unitPrice: item.unit_price,
    })),
    total: Number(row.total),
    payment:
      row.payment_id === null
        ? null
        : {
            id: row.payment_id,
            status: row.payment_status ?? 'PENDING',
            amount: Number(row.payment_amount ?? 0),
            provider: row.payment_provider ?? '',
            transactionId: row.payment_transaction_id,
          },
    reservationExpiresAt: row.reservation_expires_at,
    refundRequested: row.refund_requested,
    version: row.version,
    lastPosition: row.last_position,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
