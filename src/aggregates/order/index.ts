export * from './order.commands';
export * from './order.events';
export * from './order.state';
export { decideOrder } from './order.decide';
export { orderDecider } from './order.decider';
