import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { GraphQLContext } from '../context';
import { Order } from '../orders/order.type';
import type { OrderView, PurchaseResultView } from '../views';
import { PurchaseResult } from './purchase-result.type';

@Resolver(() => PurchaseResult)
export class PurchaseResultResolver {
  @FieldResolver(() => Order, { nullable: true })
  order(
    @Root() result: PurchaseResultView,
    @Ctx() { loaders }: GraphQLContext,
  ): Promise<OrderView | null> {
    if (result.order !== undefined) return Promise.resolve(result.order);
    return result.orderId === null ? Promise.resolve(null) : loaders.orders.load(result.orderId);
  }
}
