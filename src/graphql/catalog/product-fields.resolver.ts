import { Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { required } from '../common/required';
import type { GraphQLContext } from '../context';
import { InventoryLevel } from '../inventory/inventory-level.type';
import type { InventoryView, ProductView } from '../views';
import { Product } from './product.type';
import { DEFAULT_RECOMMENDATIONS, RecommendationCountArgs } from './recommendations.args';

@Resolver(() => Product)
export class ProductFieldsResolver {
  @FieldResolver(() => InventoryLevel)
  inventory(
    @Root() product: ProductView,
    @Ctx() { loaders }: GraphQLContext,
  ): Promise<InventoryView> {
    return required(loaders.inventory.load(product.id), `inventory of product ${product.id}`);
  }

  @FieldResolver(() => [Product], { description: 'Bought together with this product.' })
  recommendations(
    @Root() product: ProductView,
    @Args(() => RecommendationCountArgs) { first }: RecommendationCountArgs,
    @Ctx() { loaders }: GraphQLContext,
  ): Promise<ProductView[]> {
    return loaders.recommendations.load({
      productId: product.id,
      first: first ?? DEFAULT_RECOMMENDATIONS,
    });
  }
}
