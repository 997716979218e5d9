import { type CatalogService as CatalogCommands } from '../../application/catalog/catalog-service';
import { type CartService as Carts } from '../../application/carts/cart-service';
import { type OrderProcess } from '../../application/orders/order-process';
import { type OrderService as Orders } from '../../application/orders/order-service';
import { type PurchaseService as Purchases } from '../../application/purchases/purchase-service';
import { type UserService as Users } from '../../application/users/user-service';
import { type PubSub } from '../../infrastructure/pubsub/pubsub';
import { type Topics } from '../../projections/topics';
import { type ReadModel } from '../read-model';

/** The settle action of the mock gateway, as simulatePayment needs it. */
export interface PaymentSimulator {
  settle(
    paymentId: string,
    succeed: boolean,
  ): Promise<{
    paymentId: string;
    status: 'PENDING' | 'SUCCEEDED' | 'FAILED';
    amount: number;
    provider: string;
    transactionId: string | null;
  }>;
}

export interface ServiceDeps {
  users: Users;
  carts: Carts;
  catalog: CatalogCommands;
  orders: Orders;
  orderProcess: OrderProcess;
  purchases: Purchases;
  payments: PaymentSimulator;
  readModel: ReadModel;
  pubsub: PubSub<Topics>;
  /** How long a mutation waits for the read side to show its effect. */
  readYourWritesMs: number;
}

/** After a command: wait (bounded) until the read tables include it, so the answer and any next query agree. */
export async function caughtUp(deps: ServiceDeps, position: string | null): Promise<void> {
  if (position !== null) await deps.readModel.waitForPosition(position, deps.readYourWritesMs);
}
