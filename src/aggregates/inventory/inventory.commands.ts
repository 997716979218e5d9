import { type ReleaseReason } from './inventory.events';

export type ReceiveStock = {
  type: 'ReceiveStock';
  data: { productId: string; quantity: number };
};
/** delta may be negative (shrinkage, damage); reason is kept for the audit trail. */
export type AdjustStock = {
  type: 'AdjustStock';
  data: { productId: string; delta: number; reason: string };
};
/** expiresAt: ISO-8601 instant, computed by the caller from its clock. */
export type ReserveStock = {
  type: 'ReserveStock';
  data: { productId: string; orderId: string; quantity: number; expiresAt: string };
};
export type CommitReservation = {
  type: 'CommitReservation';
  data: { productId: string; orderId: string };
};
export type ReleaseReservation = {
  type: 'ReleaseReservation';
  data: { productId: string; orderId: string; reason: ReleaseReason };
};

/** Commands for the stream `inventory-<productId>`. */
export type InventoryCommand =
  ReceiveStock | AdjustStock | ReserveStock | CommitReservation | ReleaseReservation;
