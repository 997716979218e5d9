import type pg from 'pg';
import { randomUUID } from 'node:crypto';
import {
  inventoryStreamId,
  type InventoryCommand,
  type InventoryState,
} from '../../aggregates/inventory';
import {
  productStreamId,
  type CreateProduct,
  type ProductCommand,
  type ProductState,
  type Tag,
} from '../../aggregates/product';
import { isDomainError } from '../../aggregates/shared/domain-error';
import { AppError } from '../app-error';
import { inventoryAggregate, productAggregate } from '../commands/aggregates';
import { type CommandExecutor, type CommandResult } from '../commands/command-executor';
import { type Actor } from '../orders/ports';

export interface CreateProductRequest {
  sku: string;
  name: string;
  description: string | null;
  price: number;
  category: string | null;
  tags: Tag[];
  initialStock: number;
}

/** Catalog and stock administration (ADMIN only). */
export class CatalogService {
  constructor(
    private readonly executor: CommandExecutor,
    private readonly pool: pg.Pool,
  ) {}

  async createProduct(
    actor: Actor,
    input: CreateProductRequest,
  ): Promise<CommandResult<ProductState>> {
    requireAdmin(actor);
    if (
      !Number.isInteger(input.initialStock) ||
      input.initialStock < 0 ||
      input.initialStock > 1_000_000
    ) {
      throw new AppError('BAD_USER_INPUT', 'initialStock must be an integer from 0 to 1000000');
    }
    const productId = randomUUID();
    const command: CreateProduct = {
      type: 'CreateProduct',
      data: {
        productId,
        sku: input.sku,
        name: input.name,
        description: input.description,
        price: input.price,
        category: input.category,
        tags: input.tags,
      },
    };
    // Validate before claiming the SKU, so a bad request leaves no claim behind.
    const check = productAggregate.decider.decide(command, productAggregate.decider.initialState());
    if (isDomainError(check)) throw new AppError(check.code, check.message);
    const sku = input.sku.trim();
    await this.claimSku(sku, productId);
    const meta = { userId: actor.userId, correlationId: productId };
    const created = await this.executor
      .execute(productAggregate, productStreamId(productId), command, meta)
      .catch(async (error: unknown) => {
        // The append's error is the one to report; a claim left behind costs the SKU, not data.
        await this.releaseUnusedClaim(sku, productId).catch(() => undefined);
        throw error;
      });
    if (input.initialStock > 0) {
      const stocked = await this.executor.execute(
        inventoryAggregate,
        inventoryStreamId(productId),
        { type: 'ReceiveStock', data: { productId, quantity: input.initialStock } },
        meta,
      );
      return { ...created, position: stocked.position };
    }
    return created;
  }

  async changeProduct(
    actor: Actor,
    productId: string,
    command: ProductCommand,
  ): Promise<CommandResult<ProductState>> {
    requireAdmin(actor);
    return this.executor.execute(productAggregate, productStreamId(productId), command, {
      userId: actor.userId,
      correlationId: productId,
    });
  }

  receiveStock(
    actor: Actor,
    productId: string,
    quantity: number,
  ): Promise<CommandResult<InventoryState>> {
    return this.changeStock(actor, productId, {
      type: 'ReceiveStock',
      data: { productId, quantity },
    });
  }

  adjustStock(
    actor: Actor,
    productId: string,
    delta: number,
    reason: string,
  ): Promise<CommandResult<InventoryState>> {
    return this.changeStock(actor, productId, {
      type: 'AdjustStock',
      data: { productId, delta, reason },
    });
  }

  private async changeStock(
    actor: Actor,
    productId: string,
    command: InventoryCommand,
  ): Promise<CommandResult<InventoryState>> {
    requireAdmin(actor);
    await this.requireProduct(productId);
    return this.executor.execute(inventoryAggregate, inventoryStreamId(productId), command, {
      userId: actor.userId,
    });
  }

  private async requireProduct(productId: string): Promise<void> {
    const { state } = await this.executor.load(productAggregate, productStreamId(productId));
    if (state.status === 'EMPTY') throw new AppError('NOT_FOUND', 'Product not found');
  }

  /**
   * Frees the SKU of a creation that failed, so that it can be used again. Only when the log
   * shows no product: an append can fail after it committed (a connection lost in the commit),
   * and a product whose claim was released could have its SKU taken twice.
   */
  private async releaseUnusedClaim(sku: string, productId: string): Promise<void> {
    const { state } = await this.executor.load(productAggregate, productStreamId(productId));
    if (state.status !== 'EMPTY') return;
    await this.pool.query('DELETE FROM sku_claims WHERE sku_key = lower($1) AND product_id = $2', [
      sku,
      productId,
    ]);
  }

  private async claimSku(sku: string, productId: string): Promise<void> {
    const { rowCount } = await this.pool.query(
      'INSERT INTO sku_claims (sku_key, product_id) VALUES (lower($1), $2) ON CONFLICT (sku_key) DO NOTHING',
      [sku, productId],
    );
    if (rowCount === 0)
      throw new AppError('CONFLICT', `A product with SKU ${sku} already exists`, {
        reason: 'SKU_TAKEN',
      });
  }
}

function requireAdmin(actor: Actor): void {
  if (actor.role !== 'ADMIN') throw new AppError('FORBIDDEN', 'Only an admin can do this');
}
