export interface Tag {
  name: string;
  value: string;
}

export type ProductCreated = {
  type: 'ProductCreated';
  data: {
    productId: string;
    sku: string;
    name: string;
    description: string | null;
    price: number;
    category: string | null;
    tags: Tag[];
  };
};
/** Only the fields present changed. */
export type ProductUpdated = {
  type: 'ProductUpdated';
  data: {
    productId: string;
    name?: string;
    description?: string | null;
    category?: string | null;
  };
};
export type PriceChanged = {
  type: 'PriceChanged';
  data: { productId: string; price: number; previousPrice: number };
};
/** Sets the tag's value: a product has one value per tag name (see product-tags.ts). */
export type ProductTagAdded = {
  type: 'ProductTagAdded';
  data: { productId: string; tag: Tag };
};
export type ProductTagRemoved = {
  type: 'ProductTagRemoved';
  data: { productId: string; name: string };
};

/** Events of the stream `product-<productId>`. */
export type ProductEvent =
  ProductCreated | ProductUpdated | PriceChanged | ProductTagAdded | ProductTagRemoved;

export const productEventTypes = [
  'ProductCreated',
  'ProductUpdated',
  'PriceChanged',
  'ProductTagAdded',
  'ProductTagRemoved',
] as const satisfies readonly ProductEvent['type'][];

export const productStreamId = (productId: string): string => `product-${productId}`;
