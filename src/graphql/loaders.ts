import DataLoader from 'dataloader';
import { alignById } from '../infrastructure/postgres/read-batching';
import type { GraphQLServices } from './services';
import type { DomainEventView, InventoryView, OrderView, ProductView, UserView } from './views';

export interface RecommendationKey {
  productId: string;
  first: number;
}

/** Per-request batching and caching of the reads that field resolvers repeat. */
export interface Loaders {
  users: DataLoader<string, UserView | null>;
  products: DataLoader<string, ProductView | null>;
  inventory: DataLoader<string, InventoryView | null>;
  orders: DataLoader<string, OrderView | null>;
  orderHistories: DataLoader<string, DomainEventView[]>;
  recommendations: DataLoader<RecommendationKey, ProductView[], string>;
}

async function loadRecommendations(
  services: GraphQLServices,
  keys: readonly RecommendationKey[],
): Promise<ProductView[][]> {
  const sizes = [...new Set(keys.map((key) => key.first))];
  const bySize = new Map(
    await Promise.all(
      sizes.map(async (first) => {
        const ids = keys.filter((key) => key.first === first).map((key) => key.productId);
        return [first, await services.catalog.recommendations(ids, first)] as const;
      }),
    ),
  );
  return keys.map((key) => bySize.get(key.first)?.get(key.productId) ?? []);
}

export function createLoaders(services: GraphQLServices): Loaders {
  return {
    users: new DataLoader(async (ids) =>
      alignById(ids, await services.users.usersByIds(ids), (user) => user.id),
    ),
    products: new DataLoader(async (ids) =>
      alignById(ids, await services.catalog.productsByIds(ids), (product) => product.id),
    ),
    inventory: new DataLoader(async (ids) =>
      alignById(ids, await services.inventory.levelsByProductIds(ids), (level) => level.productId),
    ),
    orders: new DataLoader(async (ids) =>
      alignById(ids, await services.orders.ordersByIds(ids), (order) => order.id),
    ),
    orderHistories: new DataLoader(async (ids) => {
      const histories = await services.orders.orderHistories(ids);
      return ids.map((id) => histories.get(id) ?? []);
    }),
    recommendations: new DataLoader((keys) => loadRecommendations(services, keys), {
      cacheKeyFn: (key) => `${key.productId}:${key.first}`,
    }),
  };
}
