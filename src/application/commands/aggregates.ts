import {
  inventoryDecider,
  inventoryEventTypes,
  type InventoryCommand,
  type InventoryEvent,
  type InventoryState,
} from '../../aggregates/inventory';
import {
  orderDecider,
  orderEventTypes,
  type OrderCommand,
  type OrderEvent,
  type OrderState,
} from '../../aggregates/order';
import {
  productDecider,
  productEventTypes,
  type ProductCommand,
  type ProductEvent,
  type ProductState,
} from '../../aggregates/product';
import { type AggregateType } from './aggregate-type';

export const inventoryAggregate: AggregateType<InventoryCommand, InventoryEvent, InventoryState> = {
  name: 'inventory',
  decider: inventoryDecider,
  eventTypes: inventoryEventTypes,
};

export const orderAggregate: AggregateType<OrderCommand, OrderEvent, OrderState> = {
  name: 'order',
  decider: orderDecider,
  eventTypes: orderEventTypes,
};

export const productAggregate: AggregateType<ProductCommand, ProductEvent, ProductState> = {
  name: 'product',
  decider: productDecider,
  eventTypes: productEventTypes,
};
