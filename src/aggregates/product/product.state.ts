import { oneValuePerName, withoutTag, withTag } from './product-tags';
import { type ProductEvent, type Tag } from './product.events';

export type EmptyProduct = { status: 'EMPTY' };
export type ActiveProduct = {
  status: 'ACTIVE';
  productId: string;
  sku: string;
  name: string;
  description: string | null;
  price: number;
  category: string | null;
  tags: Tag[];
};
export type ProductState = EmptyProduct | ActiveProduct;

export const initialProductState = (): ProductState => ({ status: 'EMPTY' });

export const evolveProduct = (state: ProductState, event: ProductEvent): ProductState => {
  if (event.type === 'ProductCreated') {
    const { productId, sku, name, description, price, category, tags } = event.data;
    return {
      status: 'ACTIVE',
      productId,
      sku,
      name,
      description,
      price,
      category,
      tags: oneValuePerName(tags),
    };
  }
  // Nothing but ProductCreated can start a stream; evolve ignores what decide never emits.
  if (state.status === 'EMPTY') return state;

  switch (event.type) {
    case 'ProductUpdated': {
      const { name, description, category } = event.data;
      return {
        ...state,
        name: name ?? state.name,
        description: description === undefined ? state.description : description,
        category: category === undefined ? state.category : category,
      };
    }
    case 'PriceChanged':
      return { ...state, price: event.data.price };
    case 'ProductTagAdded':
      return { ...state, tags: withTag(state.tags, event.data.tag) };
    case 'ProductTagRemoved':
      return { ...state, tags: withoutTag(state.tags, event.data.name) };
    default: {
      const _exhaustive: never = event;
      return state;
    }
  }
};

export const foldProduct = (events: readonly ProductEvent[]): ProductState =>
  events.reduce(evolveProduct, initialProductState());
