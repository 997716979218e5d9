import { type Decider } from '../shared/decider';
import { type OrderCommand } from './order.commands';
import { decideOrder } from './order.decide';
import { type OrderEvent } from './order.events';
import { evolveOrder, initialOrderState, type OrderState } from './order.state';

export const orderDecider: Decider<OrderCommand, OrderEvent, OrderState> = {
  initialState: initialOrderState,
  evolve: evolveOrder,
  decide: decideOrder,
};
