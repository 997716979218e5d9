export * from './inventory.commands';
export * from './inventory.events';
export * from './inventory.state';
export { type PersistentMap } from './persistent-map';
export { decideInventory } from './inventory.decide';
export { inventoryDecider } from './inventory.decider';
