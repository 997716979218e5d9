import { AppError } from '../../application/app-error';
import { type CommandResult } from '../../application/commands/command-executor';
import {
  type CatalogAdminService,
  type CatalogService,
  type InventoryService,
} from '../../graphql/services';
import { type InventoryView, type ProductView } from '../../graphql/views';
import { isUuid, onlyUuids } from '../read-model';
import { caughtUp, type ServiceDeps } from './deps';

export function catalogService(deps: ServiceDeps): CatalogService {
  return {
    productsByIds: (ids) => deps.readModel.productsByIds(onlyUuids(ids)),
    productBySku: (sku) => deps.readModel.productBySku(sku),
    searchProducts: (query) => deps.readModel.searchProducts(query),
    async recommendations(productIds, first) {
      const entries = await Promise.all(
        productIds.map(async (id) => {
          const ids = isUuid(id) ? await deps.readModel.recommendedProductIds(id, first) : [];
          const products = await deps.readModel.productsByIds(ids);
          const byId = new Map(products.map((p) => [p.id, p]));
          return [id, ids.flatMap((i) => byId.get(i) ?? [])] as const;
        }),
      );
      return new Map(entries);
    },
  };
}

async function productAfter(
  deps: ServiceDeps,
  productId: string,
  result: CommandResult<unknown>,
): Promise<ProductView> {
  await caughtUp(deps, result.position);
  const [product] = await deps.readModel.productsByIds([productId]);
  if (!product) throw new AppError('NOT_FOUND', 'Product not found');
  return product;
}

export function catalogAdminService(deps: ServiceDeps): CatalogAdminService {
  return {
    async createProduct(actor, command) {
      const result = await deps.catalog.createProduct(actor, command);
      const state = result.state;
      if (state.status !== 'ACTIVE')
        throw new AppError('INTERNAL_SERVER_ERROR', 'Product was not created');
      return productAfter(deps, state.productId, result);
    },
    async updateProduct(actor, productId, patch) {
      const result = await deps.catalog.changeProduct(actor, productId, {
        type: 'UpdateProduct',
        data: { productId, ...patch },
      });
      return productAfter(deps, productId, result);
    },
    async addProductTag(actor, productId, tag) {
      const result = await deps.catalog.changeProduct(actor, productId, {
        type: 'AddProductTag',
        data: { productId, tag },
      });
      return productAfter(deps, productId, result);
    },
    async removeProductTag(actor, productId, name) {
      const result = await deps.catalog.changeProduct(actor, productId, {
        type: 'RemoveProductTag',
        data: { productId, name },
      });
      return productAfter(deps, productId, result);
    },
  };
}

/** The inventory version of a product never stocked: its stream does not exist yet. */
const NO_STREAM = -1;

async function levelAfter(
  deps: ServiceDeps,
  productId: string,
  result: CommandResult<unknown>,
): Promise<InventoryView> {
  await caughtUp(deps, result.position);
  const [level] = await deps.readModel.inventoryByProductIds([productId]);
  return level ?? { productId, onHand: 0, reserved: 0, available: 0, version: result.version };
}

export function inventoryService(deps: ServiceDeps): InventoryService {
  return {
    async levelsByProductIds(productIds) {
      const ids = onlyUuids(productIds);
      const levels = await deps.readModel.inventoryByProductIds(ids);
      const stocked = new Set(levels.map((level) => level.productId));
      const unstocked = ids.filter((id) => !stocked.has(id));
      if (unstocked.length === 0) return levels;
      // Zeros only for products that exist: an unknown id has no level at all.
      const products = await deps.readModel.productsByIds(unstocked);
      return [
        ...levels,
        ...products.map(({ id }) => ({
          productId: id,
          onHand: 0,
          reserved: 0,
          available: 0,
          version: NO_STREAM,
        })),
      ];
    },
    async receiveStock(actor, productId, quantity) {
      return levelAfter(
        deps,
        productId,
        await deps.catalog.receiveStock(actor, productId, quantity),
      );
    },
    async adjustStock(actor, productId, delta, reason) {
      return levelAfter(
        deps,
        productId,
        await deps.catalog.adjustStock(actor, productId, delta, reason),
      );
    },
    async inventoryChanges(productId) {
      const queue: InventoryView[] = [];
      let waiting: ((r: IteratorResult<InventoryView>) => void) | null = null;
      const stop = await deps.pubsub.subscribe('inventoryChanged', productId, (level) => {
        if (waiting) {
          const resolve = waiting;
          waiting = null;
          resolve({ value: level, done: false });
        } else queue.push(level);
      });
      const iterator: AsyncIterableIterator<InventoryView> = {
        next: () => {
          const item = queue.shift();
          if (item) return Promise.resolve({ value: item, done: false });
          return new Promise((resolve) => (waiting = resolve));
        },
        async return() {
          await stop();
          waiting?.({ value: undefined, done: true });
          return { value: undefined, done: true };
        },
        [Symbol.asyncIterator]() {
          return this;
        },
      };
      return iterator;
    },
  };
}
