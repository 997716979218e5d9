export * from './product.commands';
export * from './product.events';
export * from './product.state';
export * from './product-tags';
export { decideProduct } from './product.decide';
export { productDecider } from './product.decider';
