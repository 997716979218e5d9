import { type GraphQLServices } from '../../graphql/services';
import { authService, userService } from './auth';
import { cartService, paymentService, projectionService } from './carts-payments-projections';
import { catalogAdminService, catalogService, inventoryService } from './catalog';
import { type ServiceDeps } from './deps';
import { orderService } from './orders';
import { purchaseService } from './purchases';

export { type ServiceDeps } from './deps';

/** The application, seen from the GraphQL layer. */
export function createGraphQLServices(deps: ServiceDeps): GraphQLServices {
  return {
    auth: authService(deps),
    users: userService(deps),
    catalog: catalogService(deps),
    catalogAdmin: catalogAdminService(deps),
    inventory: inventoryService(deps),
    cart: cartService(deps),
    orders: orderService(deps),
    purchases: purchaseService(deps),
    payments: paymentService(deps),
    projections: projectionService(deps),
  };
}
