import { registerEnumType } from 'type-graphql';
import type { ProductSort as ProductSortValue } from '../services';

export const ProductSort = {
  RELEVANCE: 'RELEVANCE',
  NEWEST: 'NEWEST',
  PRICE_ASC: 'PRICE_ASC',
  PRICE_DESC: 'PRICE_DESC',
  NAME: 'NAME',
} as const satisfies { [K in ProductSortValue]: K };

registerEnumType(ProductSort, { name: 'ProductSort' });
