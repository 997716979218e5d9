import { type Tag } from './product.events';

export type CreateProduct = {
  type: 'CreateProduct';
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
/** An absent (undefined) field stays as it is; null clears description or category. */
export type UpdateProduct = {
  type: 'UpdateProduct';
  data: {
    productId: string;
    name?: string;
    description?: string | null;
    price?: number;
    category?: string | null;
  };
};
/** Sets the tag: a product has one value per tag name, so an existing name takes the new value. */
export type AddProductTag = {
  type: 'AddProductTag';
  data: { productId: string; tag: Tag };
};
/** Removes the tag with that name, whatever its value. */
export type RemoveProductTag = {
  type: 'RemoveProductTag';
  data: { productId: string; name: string };
};

/** Commands for the stream `product-<productId>`. */
export type ProductCommand = CreateProduct | UpdateProduct | AddProductTag | RemoveProductTag;
