import { Arg, Args, Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import { requireActor, type GraphQLContext } from '../context';
import type { OrderView } from '../views';
import { CheckoutInput } from './checkout.input';
import { CancelOrderArgs, OrderIdArgs } from './order.args';
import { Order } from './order.type';
import { PlaceOrderInput } from './place-order.input';

@Authorized()
@Resolver()
export class OrderCommandsResolver {
  @Mutation(() => Order, {
    description: 'An order from the cart; reserves stock before it returns.',
  })
  checkout(
    @Arg('input', () => CheckoutInput) input: CheckoutInput,
    @Ctx() context: GraphQLContext,
  ): Promise<OrderView> {
    return context.services.orders.checkout(requireActor(context), input.idempotencyKey);
  }

  @Mutation(() => Order, {
    description: 'An order from explicit lines; reserves stock before it returns.',
  })
  placeOrder(
    @Arg('input', () => PlaceOrderInput) input: PlaceOrderInput,
    @Ctx() context: GraphQLContext,
  ): Promise<OrderView> {
    return context.services.orders.placeOrder(requireActor(context), {
      items: input.items.map(({ productId, quantity }) => ({ productId, quantity })),
      idempotencyKey: input.idempotencyKey,
    });
  }

  @Mutation(() => Order, { description: 'Owner or ADMIN, only before payment.' })
  cancelOrder(
    @Args(() => CancelOrderArgs) { id, reason }: CancelOrderArgs,
    @Ctx() context: GraphQLContext,
  ): Promise<OrderView> {
    return context.services.orders.cancelOrder(requireActor(context), id, reason ?? null);
  }

  @Authorized('ADMIN')
  @Mutation(() => Order, { description: 'ADMIN, only when PAID.' })
  completeOrder(
    @Args(() => OrderIdArgs) { id }: OrderIdArgs,
    @Ctx() context: GraphQLContext,
  ): Promise<OrderView> {
    return context.services.orders.completeOrder(requireActor(context), id);
  }
}
