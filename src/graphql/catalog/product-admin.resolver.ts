import { Arg, Args, Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import { requireActor, type GraphQLContext } from '../context';
import type { ProductPatch } from '../services';
import type { ProductView } from '../views';
import { CreateProductInput } from './create-product.input';
import { AddProductTagArgs, RemoveProductTagArgs, UpdateProductArgs } from './product-admin.args';
import { Product } from './product.type';

@Resolver()
export class ProductAdminResolver {
  @Authorized('ADMIN')
  @Mutation(() => Product)
  createProduct(
    @Arg('input', () => CreateProductInput) input: CreateProductInput,
    @Ctx() context: GraphQLContext,
  ): Promise<ProductView> {
    return context.services.catalogAdmin.createProduct(requireActor(context), {
      sku: input.sku,
      name: input.name,
      description: input.description ?? null,
      price: input.price,
      category: input.category ?? null,
      tags: input.tags?.map(({ name, value }) => ({ name, value })) ?? [],
      initialStock: input.initialStock ?? 0,
    });
  }

  @Authorized('ADMIN')
  @Mutation(() => Product)
  updateProduct(
    @Args(() => UpdateProductArgs) { id, input }: UpdateProductArgs,
    @Ctx() context: GraphQLContext,
  ): Promise<ProductView> {
    const patch: ProductPatch = {
      ...(input.name != null ? { name: input.name } : {}),
      ...(input.price != null ? { price: input.price } : {}),
      ...(input.description !== undefined ? { description: input.description } : {}),
      ...(input.category !== undefined ? { category: input.category } : {}),
    };
    return context.services.catalogAdmin.updateProduct(requireActor(context), id, patch);
  }

  @Authorized('ADMIN')
  @Mutation(() => Product)
  addProductTag(
    @Args(() => AddProductTagArgs) { productId, tag }: AddProductTagArgs,
    @Ctx() context: GraphQLContext,
  ): Promise<ProductView> {
    const { name, value } = tag;
    return context.services.catalogAdmin.addProductTag(requireActor(context), productId, {
      name,
      value,
    });
  }

  @Authorized('ADMIN')
  @Mutation(() => Product)
  removeProductTag(
    @Args(() => RemoveProductTagArgs) { productId, name }: RemoveProductTagArgs,
    @Ctx() context: GraphQLContext,
  ): Promise<ProductView> {
    return context.services.catalogAdmin.removeProductTag(requireActor(context), productId, name);
  }
}
