import {
  inventoryEventTypes,
  type InventoryEvent,
} from '../../aggregates/inventory/inventory.events';

/** Units of one product: on hand (reservations included) and held for unpaid orders. */
export interface StockLevel {
  onHand: number;
  reserved: number;
}

export const emptyStockLevel = (): StockLevel => ({ onHand: 0, reserved: 0 });

/** The same arithmetic for the inventory table and the products table's copy of it. */
export function evolveStockLevel(level: StockLevel, event: InventoryEvent): StockLevel {
  switch (event.type) {
    case 'StockReceived':
      return { ...level, onHand: level.onHand + event.data.quantity };
    case 'StockAdjusted':
      return { ...level, onHand: level.onHand + event.data.delta };
    case 'StockReserved':
      return { ...level, reserved: level.reserved + event.data.quantity };
    case 'ReservationCommitted':
      return {
        onHand: level.onHand - event.data.quantity,
        reserved: level.reserved - event.data.quantity,
      };
    case 'ReservationReleased':
      return { ...level, reserved: level.reserved - event.data.quantity };
    default: {
      const unknown: never = event;
      throw new Error(`not an inventory event: ${(unknown as { type: string }).type}`);
    }
  }
}

export const inventoryEventTypeSet: ReadonlySet<string> = new Set(inventoryEventTypes);
