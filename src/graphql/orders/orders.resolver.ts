import { Args, Authorized, Ctx, Query, Resolver } from 'type-graphql';
import { AppError } from '../../application/app-error';
import { DEFAULT_PAGE_SIZE } from '../common/connection.args';
import { toConnection } from '../common/to-connection';
import { requireActor, type GraphQLContext } from '../context';
import type { OrderView } from '../views';
import { OrderConnection } from './order-connection.type';
import { OrderArgs, OrdersArgs } from './order.args';
import { Order } from './order.type';

@Authorized()
@Resolver()
export class OrdersResolver {
  @Query(() => Order, { nullable: true })
  order(
    @Args(() => OrderArgs) { id, asOf, atVersion }: OrderArgs,
    @Ctx() context: GraphQLContext,
  ): Promise<OrderView | null> {
    const actor = requireActor(context);
    const { orders } = context.services;
    if (asOf != null && atVersion != null) {
      throw new AppError('BAD_USER_INPUT', 'Give asOf or atVersion, not both');
    }
    if (asOf != null) return orders.orderAsOf(actor, id, { asOf });
    if (atVersion != null) return orders.orderAsOf(actor, id, { atVersion });
    return orders.orderById(actor, id);
  }

  @Query(() => OrderConnection, {
    description: "The caller's orders; an ADMIN sees every order.",
  })
  async orders(@Args(() => OrdersArgs) args: OrdersArgs, @Ctx() context: GraphQLContext) {
    const actor = requireActor(context);
    const page = await context.services.orders.ordersPage({
      userId: actor.role === 'ADMIN' ? null : actor.userId,
      status: args.status ?? null,
      first: args.first ?? DEFAULT_PAGE_SIZE,
      after: args.after ?? null,
    });
    return toConnection(page);
  }
}
