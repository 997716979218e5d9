import { CartItemResolver } from './cart/cart-item.resolver';
import { CartResolver } from './cart/cart.resolver';
import { CatalogResolver } from './catalog/catalog.resolver';
import { ProductAdminResolver } from './catalog/product-admin.resolver';
import { ProductFieldsResolver } from './catalog/product-fields.resolver';
import { InventoryResolver } from './inventory/inventory.resolver';
import { OrderCommandsResolver } from './orders/order-commands.resolver';
import { OrderFieldsResolver } from './orders/order-fields.resolver';
import { OrderItemResolver } from './orders/order-item.resolver';
import { OrderUpdatesResolver } from './orders/order-updates.resolver';
import { OrdersResolver } from './orders/orders.resolver';
import { PaymentResolver } from './payments/payment.resolver';
import { ProjectionResolver } from './projections/projection.resolver';
import { PurchaseResultResolver } from './purchases/purchase-result.resolver';
import { PurchaseResolver } from './purchases/purchase.resolver';
import { AuthResolver } from './users/auth.resolver';
import { MeResolver } from './users/me.resolver';

export const chronocartResolvers = [
  AuthResolver,
  MeResolver,
  CatalogResolver,
  ProductFieldsResolver,
  ProductAdminResolver,
  InventoryResolver,
  CartResolver,
  CartItemResolver,
  OrdersResolver,
  OrderCommandsResolver,
  OrderFieldsResolver,
  OrderItemResolver,
  OrderUpdatesResolver,
  PurchaseResolver,
  PurchaseResultResolver,
  PaymentResolver,
  ProjectionResolver,
] as const;
