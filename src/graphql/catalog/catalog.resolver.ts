import { Arg, Args, Ctx, ID, Query, Resolver } from 'type-graphql';
import type { GraphQLContext } from '../context';
import { DEFAULT_PAGE_SIZE } from '../common/connection.args';
import { toConnection } from '../common/to-connection';
import type { ProductView } from '../views';
import { ProductConnection } from './product-connection.type';
import { ProductsArgs } from './products.args';
import { Product } from './product.type';
import { DEFAULT_RECOMMENDATIONS, RecommendationsArgs } from './recommendations.args';

@Resolver()
export class CatalogResolver {
  @Query(() => Product, { nullable: true })
  product(
    @Arg('id', () => ID) id: string,
    @Ctx() { loaders }: GraphQLContext,
  ): Promise<ProductView | null> {
    return loaders.products.load(id);
  }

  @Query(() => Product, { nullable: true })
  productBySku(
    @Arg('sku', () => String) sku: string,
    @Ctx() { services }: GraphQLContext,
  ): Promise<ProductView | null> {
    return services.catalog.productBySku(sku);
  }

  @Query(() => ProductConnection)
  async products(
    @Args(() => ProductsArgs) args: ProductsArgs,
    @Ctx() { services }: GraphQLContext,
  ) {
    const { filter } = args;
    const page = await services.catalog.searchProducts({
      search: args.search ?? null,
      filter: filter
        ? {
            category: filter.category ?? null,
            tags: filter.tags?.map(({ name, value }) => ({ name, value })) ?? [],
            minPrice: filter.minPrice ?? null,
            maxPrice: filter.maxPrice ?? null,
            inStock: filter.inStock ?? null,
          }
        : null,
      sort: args.sort ?? 'RELEVANCE',
      first: args.first ?? DEFAULT_PAGE_SIZE,
      after: args.after ?? null,
    });
    return { ...toConnection(page), facets: page.facets };
  }

  @Query(() => [Product], { description: 'Products bought together with this one.' })
  recommendations(
    @Args(() => RecommendationsArgs) { productId, first }: RecommendationsArgs,
    @Ctx() { loaders }: GraphQLContext,
  ): Promise<ProductView[]> {
    return loaders.recommendations.load({ productId, first: first ?? DEFAULT_RECOMMENDATIONS });
  }
}
