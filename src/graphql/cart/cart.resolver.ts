import { Args, Authorized, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { requireActor, type GraphQLContext } from '../context';
import type { CartView } from '../views';
import { AddToCartArgs, CartProductArgs, UpdateCartItemArgs } from './cart.args';
import { Cart } from './cart.type';

@Authorized()
@Resolver()
export class CartResolver {
  @Query(() => Cart)
  cart(@Ctx() context: GraphQLContext): Promise<CartView> {
    return context.services.cart.cart(requireActor(context));
  }

  @Mutation(() => Cart)
  addToCart(
    @Args(() => AddToCartArgs) { productId, quantity }: AddToCartArgs,
    @Ctx() context: GraphQLContext,
  ): Promise<CartView> {
    return context.services.cart.addToCart(requireActor(context), productId, quantity);
  }

  @Mutation(() => Cart)
  updateCartItem(
    @Args(() => UpdateCartItemArgs) { productId, quantity }: UpdateCartItemArgs,
    @Ctx() context: GraphQLContext,
  ): Promise<CartView> {
    return context.services.cart.updateCartItem(requireActor(context), productId, quantity);
  }

  @Mutation(() => Cart)
  removeFromCart(
    @Args(() => CartProductArgs) { productId }: CartProductArgs,
    @Ctx() context: GraphQLContext,
  ): Promise<CartView> {
    return context.services.cart.removeFromCart(requireActor(context), productId);
  }

  @Mutation(() => Cart)
  clearCart(@Ctx() context: GraphQLContext): Promise<CartView> {
    return context.services.cart.clearCart(requireActor(context));
  }
}
