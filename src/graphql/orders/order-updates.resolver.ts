import {
  Args,
  Authorized,
  Ctx,
  FieldResolver,
  Resolver,
  Root,
  Subscription,
  type SubscribeResolverData,
} from 'type-graphql';
import { required } from '../common/required';
import { validArgs } from '../common/validate-args';
import { requireActor, withFreshLoaders, type GraphQLContext } from '../context';
import type { OrderUpdateView, OrderView } from '../views';
import { MyOrderUpdatesArgs, OrderUpdatedArgs } from './order-updates.args';
import { OrderUpdate } from './order-update.type';
import { Order } from './order.type';

type SubscribeData = SubscribeResolverData<unknown, unknown, GraphQLContext>;

async function orderUpdates({ args, context }: SubscribeData) {
  const { orderId, fromVersion } = await validArgs(OrderUpdatedArgs, args);
  const { orders } = context.services;
  const updates = await orders.orderUpdates(requireActor(context), orderId, fromVersion ?? null);
  return withFreshLoaders(context, updates);
}

async function myOrderUpdates({ args, context }: SubscribeData) {
  const { fromPosition } = await validArgs(MyOrderUpdatesArgs, args);
  const { orders } = context.services;
  const updates = await orders.myOrderUpdates(requireActor(context), fromPosition ?? null);
  return withFreshLoaders(context, updates);
}

@Authorized()
@Resolver(() => OrderUpdate)
export class OrderUpdatesResolver {
  @Subscription(() => OrderUpdate, {
    subscribe: orderUpdates,
    description: "Replays the order's updates after fromVersion, then goes live; owner or ADMIN.",
  })
  orderUpdated(
    @Root() update: OrderUpdateView,
    @Args(() => OrderUpdatedArgs) _args: OrderUpdatedArgs,
  ): OrderUpdateView {
    return update;
  }

  @Subscription(() => OrderUpdate, {
    subscribe: myOrderUpdates,
    description: "Every update of the caller's orders after the position given, then live ones.",
  })
  myOrderUpdates(
    @Root() update: OrderUpdateView,
    @Args(() => MyOrderUpdatesArgs) _args: MyOrderUpdatesArgs,
  ): OrderUpdateView {
    return update;
  }

  /** The order as this update left it: a replayed update must not show what came after it. */
  @FieldResolver(() => Order)
  async order(@Root() update: OrderUpdateView, @Ctx() context: GraphQLContext): Promise<OrderView> {
    const current = await context.loaders.orders.load(update.orderId);
    if (current?.version === update.version) return current;
    return required(
      context.services.orders.orderAsOf(requireActor(context), update.orderId, {
        atVersion: update.version,
      }),
      `order ${update.orderId} at version ${update.version}`,
    );
  }
}
