import type { GraphQLServices } from '../../../src/graphql/services';
import type { InventoryView, OrderView, ProductView, UserView } from '../../../src/graphql/views';

type Group<K extends keyof GraphQLServices> = Partial<GraphQLServices[K]>;

export type ServiceOverrides = { [K in keyof GraphQLServices]?: Group<K> };

const notFaked = (name: string) => () => Promise.reject(new Error(`${name} is not faked`));

/** Every method rejects unless a test gives it a behaviour. */
export function fakeServices(overrides: ServiceOverrides = {}): GraphQLServices {
  return {
    auth: {
      register: notFaked('register'),
      login: notFaked('login'),
      verifyToken: notFaked('verifyToken'),
      ...overrides.auth,
    },
    users: { usersByIds: notFaked('usersByIds'), ...overrides.users },
    catalog: {
      productsByIds: notFaked('productsByIds'),
      productBySku: notFaked('productBySku'),
      searchProducts: notFaked('searchProducts'),
      recommendations: notFaked('recommendations'),
      ...overrides.catalog,
    },
    catalogAdmin: {
      createProduct: notFaked('createProduct'),
      updateProduct: notFaked('updateProduct'),
      addProductTag: notFaked('addProductTag'),
      removeProductTag: notFaked('removeProductTag'),
      ...overrides.catalogAdmin,
    },
    inventory: {
      levelsByProductIds: notFaked('levelsByProductIds'),
      receiveStock: notFaked('receiveStock'),
      adjustStock: notFaked('adjustStock'),
      inventoryChanges: notFaked('inventoryChanges'),
      ...overrides.inventory,
    },
    cart: {
      cart: notFaked('cart'),
      addToCart: notFaked('addToCart'),
      updateCartItem: notFaked('updateCartItem'),
      removeFromCart: notFaked('removeFromCart'),
      clearCart: notFaked('clearCart'),
      ...overrides.cart,
    },
    orders: {
      checkout: notFaked('checkout'),
      placeOrder: notFaked('placeOrder'),
      cancelOrder: notFaked('cancelOrder'),
      completeOrder: notFaked('completeOrder'),
      orderById: notFaked('orderById'),
      orderAsOf: notFaked('orderAsOf'),
      ordersByIds: notFaked('ordersByIds'),
      ordersPage: notFaked('ordersPage'),
      orderHistories: notFaked('orderHistories'),
      orderUpdates: notFaked('orderUpdates'),
      myOrderUpdates: notFaked('myOrderUpdates'),
      ...overrides.orders,
    },
    purchases: {
      purchase: notFaked('purchase'),
      purchaseAsync: notFaked('purchaseAsync'),
      purchaseTicket: notFaked('purchaseTicket'),
      purchaseSettled: notFaked('purchaseSettled'),
      ...overrides.purchases,
    },
    payments: { simulatePayment: notFaked('simulatePayment'), ...overrides.payments },
    projections: { projectionStatuses: notFaked('projectionStatuses'), ...overrides.projections },
  };
}

const at = new Date('2025-01-02T03:04:05.000Z');

export const aProduct = (id: string, extra: Partial<ProductView> = {}): ProductView => ({
  id,
  sku: `SKU-${id}`,
  name: `Product ${id}`,
  description: null,
  price: 1250,
  category: 'books',
  tags: [],
  createdAt: at,
  updatedAt: at,
  ...extra,
});

export const aLevel = (productId: string, available = 3): InventoryView => ({
  productId,
  onHand: available + 1,
  reserved: 1,
  available,
  version: 4,
});

export const aUser = (id: string): UserView => ({
  id,
  email: `${id}@example.com`,
  name: null,
  role: 'CUSTOMER',
  createdAt: at,
});

export const anOrder = (id: string, extra: Partial<OrderView> = {}): OrderView => ({
  id,
  userId: 'u1',
  status: 'AWAITING_PAYMENT',
  items: [{ productId: 'p1', sku: 'SKU-p1', name: 'Product p1', quantity: 2, unitPrice: 1250 }],
  total: 2500,
  payment: null,
  statusReason: null,
  reservationExpiresAt: null,
  version: 1,
  createdAt: at,
  updatedAt: at,
  ...extra,
});
