import {
  Args,
  Authorized,
  Ctx,
  Mutation,
  Query,
  Resolver,
  Root,
  Subscription,
  type SubscribeResolverData,
} from 'type-graphql';
import { validArgs } from '../common/validate-args';
import { requireActor, withFreshLoaders, type GraphQLContext } from '../context';
import type { PurchaseResultView } from '../views';
import { PurchaseArgs, TicketArgs } from './purchase.args';
import { PurchaseResult } from './purchase-result.type';

async function purchaseSettled({
  args,
  context,
}: SubscribeResolverData<unknown, unknown, GraphQLContext>) {
  const { ticketId } = await validArgs(TicketArgs, args);
  const { purchases } = context.services;
  return withFreshLoaders(
    context,
    await purchases.purchaseSettled(requireActor(context), ticketId),
  );
}

/** Flash sale: `purchase` reserves one line synchronously; `purchaseAsync` queues it. */
@Authorized()
@Resolver()
export class PurchaseResolver {
  @Query(() => PurchaseResult, { nullable: true })
  purchase(
    @Args(() => TicketArgs) { ticketId }: TicketArgs,
    @Ctx() context: GraphQLContext,
  ): Promise<PurchaseResultView | null> {
    return context.services.purchases.purchaseTicket(requireActor(context), ticketId);
  }

  @Mutation(() => PurchaseResult, { name: 'purchase' })
  purchaseNow(
    @Args(() => PurchaseArgs) { productId, quantity, idempotencyKey }: PurchaseArgs,
    @Ctx() context: GraphQLContext,
  ): Promise<PurchaseResultView> {
    const command = { productId, quantity, idempotencyKey };
    return context.services.purchases.purchase(requireActor(context), command);
  }

  @Mutation(() => PurchaseResult)
  purchaseAsync(
    @Args(() => PurchaseArgs) { productId, quantity, idempotencyKey }: PurchaseArgs,
    @Ctx() context: GraphQLContext,
  ): Promise<PurchaseResultView> {
    const command = { productId, quantity, idempotencyKey };
    return context.services.purchases.purchaseAsync(requireActor(context), command);
  }

  @Subscription(() => PurchaseResult, { subscribe: purchaseSettled })
  purchaseSettled(
    @Root() result: PurchaseResultView,
    @Args(() => TicketArgs) _args: TicketArgs,
  ): PurchaseResultView {
    return result;
  }
}
