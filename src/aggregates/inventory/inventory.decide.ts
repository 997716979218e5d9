import { type Decision, domainError } from '../shared/domain-error';
import {
  type AdjustStock,
  type CommitReservation,
  type InventoryCommand,
  type ReceiveStock,
  type ReleaseReservation,
  type ReserveStock,
} from './inventory.commands';
import { type InventoryEvent } from './inventory.events';
import { available, type InventoryState } from './inventory.state';
import { mapGet } from './persistent-map';

const MAX_RECEIVE = 1_000_000;
const MAX_ADJUST = 1_000_000;
const MAX_RESERVE = 10_000;
const MAX_REASON_LENGTH = 500;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

const isIntegerIn = (value: number, min: number, max: number): boolean =>
  Number.isInteger(value) && value >= min && value <= max;

const receiveStock = ({ data }: ReceiveStock): Decision<InventoryEvent> => {
  if (!isIntegerIn(data.quantity, 1, MAX_RECEIVE)) {
    return domainError('BAD_USER_INPUT', `quantity must be an integer from 1 to ${MAX_RECEIVE}`);
  }
  return [{ type: 'StockReceived', data: { productId: data.productId, quantity: data.quantity } }];
};

const adjustStock = ({ data }: AdjustStock, state: InventoryState): Decision<InventoryEvent> => {
  const reason = data.reason.trim();
  if (!isIntegerIn(Math.abs(data.delta), 1, MAX_ADJUST)) {
    return domainError(
      'BAD_USER_INPUT',
      `delta must be a non-zero integer from -${MAX_ADJUST} to ${MAX_ADJUST}`,
    );
  }
  if (reason.length === 0 || reason.length > MAX_REASON_LENGTH) {
    return domainError('BAD_USER_INPUT', `reason must be 1 to ${MAX_REASON_LENGTH} characters`);
  }
  if (available(state) + data.delta < 0) {
    return domainError(
      'INVALID_STATE',
      `cannot remove ${-data.delta} units: only ${available(state)} are not reserved`,
    );
  }
  return [
    { type: 'StockAdjusted', data: { productId: data.productId, delta: data.delta, reason } },
  ];
};

const reserveStock = ({ data }: ReserveStock, state: InventoryState): Decision<InventoryEvent> => {
  const { productId, orderId, quantity, expiresAt } = data;
  if (!isIntegerIn(quantity, 1, MAX_RESERVE)) {
    return domainError('BAD_USER_INPUT', `quantity must be an integer from 1 to ${MAX_RESERVE}`);
  }
  if (!ISO_INSTANT.test(expiresAt) || Number.isNaN(Date.parse(expiresAt))) {
    return domainError('BAD_USER_INPUT', 'expiresAt must be an ISO-8601 instant');
  }
  const held = mapGet(state.active, orderId)?.quantity ?? mapGet(state.committed, orderId);
  if (held !== undefined) {
    // Same order, same quantity: a retry. A different quantity is a caller bug, never a no-op.
    return held === quantity
      ? []
      : domainError(
          'INVALID_STATE',
          `order ${orderId} already holds ${held} units, cannot reserve ${quantity}`,
        );
  }
  if (available(state) < quantity) {
    return domainError(
      'OUT_OF_STOCK',
      `only ${Math.max(available(state), 0)} units available, ${quantity} requested`,
    );
  }
  return [{ type: 'StockReserved', data: { productId, orderId, quantity, expiresAt } }];
};

const commitReservation = (
  { data }: CommitReservation,
  state: InventoryState,
): Decision<InventoryEvent> => {
  const { productId, orderId } = data;
  const reservation = mapGet(state.active, orderId);
  if (reservation) {
    return [
      {
        type: 'ReservationCommitted',
        data: { productId, orderId, quantity: reservation.quantity },
      },
    ];
  }
  if (mapGet(state.committed, orderId) !== undefined) return [];
  return domainError('INVALID_STATE', `order ${orderId} has no active reservation to commit`);
};

const releaseReservation = (
  { data }: ReleaseReservation,
  state: InventoryState,
): Decision<InventoryEvent> => {
  const { productId, orderId, reason } = data;
  if (mapGet(state.committed, orderId) !== undefined) {
    return domainError('INVALID_STATE', `order ${orderId} is committed and cannot be released`);
  }
  const reservation = mapGet(state.active, orderId);
  // Never reserved or already released: expiry schedulers racing each other must not double-release.
  if (!reservation) return [];
  return [
    {
      type: 'ReservationReleased',
      data: { productId, orderId, quantity: reservation.quantity, reason },
    },
  ];
};

export const decideInventory = (
  command: InventoryCommand,
  state: InventoryState,
): Decision<InventoryEvent> => {
  switch (command.type) {
    case 'ReceiveStock':
      return receiveStock(command);
    case 'AdjustStock':
      return adjustStock(command, state);
    case 'ReserveStock':
      return reserveStock(command, state);
    case 'CommitReservation':
      return commitReservation(command, state);
    case 'ReleaseReservation':
      return releaseReservation(command, state);
    default: {
      const _exhaustive: never = command;
      return domainError('BAD_USER_INPUT', 'unknown inventory command');
    }
  }
};
