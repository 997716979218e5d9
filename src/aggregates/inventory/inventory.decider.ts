import { type Decider } from '../shared/decider';
import { type InventoryCommand } from './inventory.commands';
import { decideInventory } from './inventory.decide';
import { type InventoryEvent } from './inventory.events';
import { evolveInventory, initialInventoryState, type InventoryState } from './inventory.state';

export const inventoryDecider: Decider<InventoryCommand, InventoryEvent, InventoryState> = {
  initialState: initialInventoryState,
  evolve: evolveInventory,
  decide: decideInventory,
};
