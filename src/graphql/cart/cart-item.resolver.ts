import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Product } from '../catalog/product.type';
import { required } from '../common/required';
import type { GraphQLContext } from '../context';
import { MoneyScalar } from '../scalars/money.scalar';
import type { CartItemView, ProductView } from '../views';
import { CartItem } from './cart.type';

@Resolver(() => CartItem)
export class CartItemResolver {
  @FieldResolver(() => Product)
  product(@Root() item: CartItemView, @Ctx() { loaders }: GraphQLContext): Promise<ProductView> {
    return required(loaders.products.load(item.productId), `product ${item.productId}`);
  }

  @FieldResolver(() => MoneyScalar)
  subtotal(@Root() item: CartItemView): number {
    return item.quantity * item.unitPrice;
  }
}
