import { inventoryProjection } from './inventory/inventory.projection';
import { ordersProjection } from './orders/orders.projection';
import { productsProjection } from './products/products.projection';
import { recommendationsProjection } from './recommendations/recommendations.projection';
import { reservationsProjection } from './reservations/reservations.projection';
import { type Projection } from './runtime/projection';

/** Every projection of the read side, in the order the CLI lists and rebuilds them. */
export const projections: readonly Projection[] = [
  productsProjection,
  inventoryProjection,
  ordersProjection,
  reservationsProjection,
  recommendationsProjection,
];

export const projectionNames = (): string[] => projections.map((p) => p.name);

/** The projection of that name, or undefined. */
export const findProjection = (name: string): Projection | undefined =>
  projections.find((p) => p.name === name);
