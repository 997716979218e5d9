import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { required } from '../common/required';
import type { GraphQLContext } from '../context';
import { User } from '../users/user.type';
import type { DomainEventView, OrderView, UserView } from '../views';
import { DomainEvent } from './domain-event.type';
import { Order } from './order.type';

@Resolver(() => Order)
export class OrderFieldsResolver {
  @FieldResolver(() => User)
  user(@Root() order: OrderView, @Ctx() { loaders }: GraphQLContext): Promise<UserView> {
    return required(loaders.users.load(order.userId), `user ${order.userId}`);
  }

  /** Up to the order's own version, so that an order seen as of the past shows its past only. */
  @FieldResolver(() => [DomainEvent], { description: "The order's own events, oldest first." })
  async history(
    @Root() order: OrderView,
    @Ctx() { loaders }: GraphQLContext,
  ): Promise<DomainEventView[]> {
    const events = await loaders.orderHistories.load(order.id);
    return events.filter((event) => event.version <= order.version);
  }
}
