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
import { AppError } from '../../application/app-error';
import { validArgs } from '../common/validate-args';
import { requireActor, withFreshLoaders, type GraphQLContext } from '../context';
import type { InventoryView } from '../views';
import { AdjustStockArgs, ProductIdArgs, ReceiveStockArgs } from './inventory.args';
import { InventoryLevel } from './inventory-level.type';

async function inventoryChanges({
  args,
  context,
}: SubscribeResolverData<unknown, unknown, GraphQLContext>) {
  const { productId } = await validArgs(ProductIdArgs, args);
  // A subscription to a product that does not exist would wait forever, in silence.
  if ((await context.loaders.inventory.load(productId)) === null) {
    throw new AppError('NOT_FOUND', 'Product not found');
  }
  return withFreshLoaders(context, await context.services.inventory.inventoryChanges(productId));
}

@Resolver()
export class InventoryResolver {
  @Query(() => InventoryLevel, { nullable: true })
  inventory(
    @Args(() => ProductIdArgs) { productId }: ProductIdArgs,
    @Ctx() { loaders }: GraphQLContext,
  ): Promise<InventoryView | null> {
    return loaders.inventory.load(productId);
  }

  @Authorized('ADMIN')
  @Mutation(() => InventoryLevel)
  receiveStock(
    @Args(() => ReceiveStockArgs) { productId, quantity }: ReceiveStockArgs,
    @Ctx() context: GraphQLContext,
  ): Promise<InventoryView> {
    return context.services.inventory.receiveStock(requireActor(context), productId, quantity);
  }

  @Authorized('ADMIN')
  @Mutation(() => InventoryLevel)
  adjustStock(
    @Args(() => AdjustStockArgs) { productId, delta, reason }: AdjustStockArgs,
    @Ctx() context: GraphQLContext,
  ): Promise<InventoryView> {
    return context.services.inventory.adjustStock(requireActor(context), productId, delta, reason);
  }

  @Subscription(() => InventoryLevel, { subscribe: inventoryChanges })
  inventoryChanged(
    @Root() level: InventoryView,
    @Args(() => ProductIdArgs) _args: ProductIdArgs,
  ): InventoryView {
    return level;
  }
}
