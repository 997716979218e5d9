/** What carts need to know of a product that is for sale. Price in minor units. */
export interface CatalogProduct {
  id: string;
  sku: string;
  name: string;
  price: number;
}

/**
 * The products with these ids that can be bought now. Unknown and discontinued products are
 * simply missing from the map.
 */
export type LookupProducts = (ids: string[]) => Promise<Map<string, CatalogProduct>>;
