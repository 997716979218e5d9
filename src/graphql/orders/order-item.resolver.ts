import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Product } from '../catalog/product.type';
import { required } from '../common/required';
import type { GraphQLContext } from '../context';
import { MoneyScalar } from '../scalars/money.scalar';
import type { OrderItemView, ProductView } from '../views';
import { OrderItem } from './order-item.type';

@Resolver(() => OrderItem)
export class OrderItemResolver {
  @FieldResolver(() => Product)
  product(@Root() item: OrderItemView, @Ctx() { loaders }: GraphQLContext): Promise<ProductView> {
    return required(loaders.products.load(item.productId), `product ${item.productId}`);
  }

  @FieldResolver(() => MoneyScalar)
  subtotal(@Root() item: OrderItemView): number {
    return item.quantity * item.unitPrice;
  }
}
