import { type Decider } from '../shared/decider';
import { type ProductCommand } from './product.commands';
import { decideProduct } from './product.decide';
import { type ProductEvent } from './product.events';
import { evolveProduct, initialProductState, type ProductState } from './product.state';

export const productDecider: Decider<ProductCommand, ProductEvent, ProductState> = {
  initialState: initialProductState,
  evolve: evolveProduct,
  decide: decideProduct,
};
