import {
  activeReservation,
  committedQuantity,
  inventoryDecider,
  type InventoryEvent,
  type InventoryState,
} from '../../aggregates/inventory';
import {
  orderDecider,
  type OrderCommand,
  type OrderEvent,
  type OrderLine,
  type OrderState,
} from '../../aggregates/order';
import { isDomainError } from '../../aggregates/shared/domain-error';

export interface PurchaseCandidate {
  ticketId: string;
  userId: string;
  productId: string;
  quantity: number;
  orderId: string;
}

export type Allocation =
  | { kind: 'reserved'; candidate: PurchaseCandidate; event: InventoryEvent }
  | { kind: 'soldOut'; candidate: PurchaseCandidate }
  | { kind: 'rejected'; candidate: PurchaseCandidate }
  /** Its order already holds or held stock (a retry after a crash): the saga finishes it. */
  | { kind: 'inProgress'; candidate: PurchaseCandidate };

/**
 * Decides a batch of purchases of one product in arrival order against the inventory, as the
 * inventory decider would one after another: the first ones get the units, the rest are sold out.
 * Pure: the caller appends the reservations with the state's version as expected revision.
 */
export function allocate(
  state: InventoryState,
  candidates: readonly PurchaseCandidate[],
  expiresAt: string,
): { allocations: Allocation[]; state: InventoryState } {
  let current = state;
  const allocations = candidates.map((candidate): Allocation => {
    const { orderId, productId, quantity } = candidate;
    if (
      activeReservation(current, orderId) !== undefined ||
      committedQuantity(current, orderId) !== undefined
    ) {
      return { kind: 'inProgress', candidate };
    }
    const decision = inventoryDecider.decide(
      { type: 'ReserveStock', data: { productId, orderId, quantity, expiresAt } },
      current,
    );
    if (isDomainError(decision)) {
      return decision.code === 'OUT_OF_STOCK'
        ? { kind: 'soldOut', candidate }
        : { kind: 'rejected', candidate };
    }
    const [event] = decision;
    if (!event) return { kind: 'inProgress', candidate };
    current = inventoryDecider.evolve(current, event);
    return { kind: 'reserved', candidate, event };
  });
  return { allocations, state: current };
}

/**
 * The events the checkout saga would write on the order's stream for a purchase whose stock is
 * reserved: placed, stock reserved, payment initiated. Decided by the order decider itself.
 * @throws Error when the decider refuses, which a well-formed purchase never causes
 */
export function purchaseOrderEvents(
  candidate: PurchaseCandidate,
  line: OrderLine,
  expiresAt: string,
  payment: { paymentId: string; provider: string },
): OrderEvent[] {
  const { orderId, userId } = candidate;
  const commands: OrderCommand[] = [
    { type: 'PlaceOrder', data: { orderId, userId, lines: [line], source: 'PURCHASE' } },
    { type: 'MarkStockReserved', data: { orderId, expiresAt } },
    { type: 'InitiatePayment', data: { orderId, ...payment } },
  ];
  let state: OrderState = orderDecider.initialState();
  const events: OrderEvent[] = [];
  for (const command of commands) {
    const decision = orderDecider.decide(command, state);
    if (isDomainError(decision)) {
      throw new Error(`order ${orderId}: ${command.type} refused: ${decision.message}`);
    }
    for (const event of decision) state = orderDecider.evolve(state, event);
    events.push(...decision);
  }
  return events;
}
