export type ReleaseReason =
  'ORDER_REJECTED' | 'ORDER_CANCELLED' | 'PAYMENT_FAILED' | 'RESERVATION_EXPIRED';

export type StockReceived = {
  type: 'StockReceived';
  data: { productId: string; quantity: number };
};
export type StockAdjusted = {
  type: 'StockAdjusted';
  data: { productId: string; delta: number; reason: string };
};
export type StockReserved = {
  type: 'StockReserved';
  /** expiresAt: ISO-8601 instant after which the expiry scheduler releases the units. */
  data: { productId: string; orderId: string; quantity: number; expiresAt: string };
};
export type ReservationCommitted = {
  type: 'ReservationCommitted';
  data: { productId: string; orderId: string; quantity: number };
};
export type ReservationReleased = {
  type: 'ReservationReleased';
  data: { productId: string; orderId: string; quantity: number; reason: ReleaseReason };
};

/** Events of the stream `inventory-<productId>`. */
export type InventoryEvent =
  StockReceived | StockAdjusted | StockReserved | ReservationCommitted | ReservationReleased;

export const inventoryEventTypes = [
  'StockReceived',
  'StockAdjusted',
  'StockReserved',
  'ReservationCommitted',
  'ReservationReleased',
] as const satisfies readonly InventoryEvent['type'][];

export const inventoryStreamId = (productId: string): string => `inventory-${productId}`;
