import { type InventoryEvent } from './inventory.events';
import {
  emptyMap,
  mapEntries,
  mapGet,
  mapRemove,
  mapSet,
  type PersistentMap,
} from './persistent-map';

export interface ActiveReservation {
  quantity: number;
  expiresAt: string;
}

export interface InventoryState {
  /** null until the stream's first event. */
  productId: string | null;
  /** Units physically in stock, reservations included. */
  onHand: number;
  /** Sum of the active reservations' quantities. */
  reserved: number;
  /** Active reservations by orderId. */
  active: PersistentMap<ActiveReservation>;
  /** Committed quantities by orderId; an order is committed at most once. */
  committed: PersistentMap<number>;
}

export const initialInventoryState = (): InventoryState => ({
  productId: null,
  onHand: 0,
  reserved: 0,
  active: emptyMap(),
  committed: emptyMap(),
});

export const available = (state: InventoryState): number => state.onHand - state.reserved;

export const activeReservation = (
  state: InventoryState,
  orderId: string,
): ActiveReservation | undefined => mapGet(state.active, orderId);

export const committedQuantity = (state: InventoryState, orderId: string): number | undefined =>
  mapGet(state.committed, orderId);

export const activeReservations = (
  state: InventoryState,
): ({ orderId: string } & ActiveReservation)[] =>
  mapEntries(state.active).map(([orderId, reservation]) => ({ orderId, ...reservation }));

export const evolveInventory = (state: InventoryState, event: InventoryEvent): InventoryState => {
  const productId = state.productId ?? event.data.productId;
  switch (event.type) {
    case 'StockReceived':
      return { ...state, productId, onHand: state.onHand + event.data.quantity };
    case 'StockAdjusted':
      return { ...state, productId, onHand: state.onHand + event.data.delta };
    case 'StockReserved': {
      const { orderId, quantity, expiresAt } = event.data;
      const previous = mapGet(state.active, orderId)?.quantity ?? 0;
      return {
        ...state,
        productId,
        reserved: state.reserved - previous + quantity,
        active: mapSet(state.active, orderId, { quantity, expiresAt }),
      };
    }
    case 'ReservationCommitted': {
      const { orderId, quantity } = event.data;
      // The log is the truth: onHand drops by what was committed, reserved by what was held.
      const held = mapGet(state.active, orderId)?.quantity ?? 0;
      return {
        ...state,
        productId,
        onHand: state.onHand - quantity,
        reserved: state.reserved - held,
        active: mapRemove(state.active, orderId),
        committed: mapSet(state.committed, orderId, quantity),
      };
    }
    case 'ReservationReleased': {
      const held = mapGet(state.active, event.data.orderId)?.quantity ?? 0;
      return {
        ...state,
        productId,
        reserved: state.reserved - held,
        active: mapRemove(state.active, event.data.orderId),
      };
    }
    default: {
      const _exhaustive: never = event;
      return state;
    }
  }
};

export const foldInventory = (events: readonly InventoryEvent[]): InventoryState =>
  events.reduce(evolveInventory, initialInventoryState());
