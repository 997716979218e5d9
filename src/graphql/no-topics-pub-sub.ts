import type { PubSub } from 'type-graphql';

/**
 * type-graphql insists on a PubSub as soon as there is a subscription, even when every
 * subscription brings its own `subscribe`. Ours do (the services merge replay and live events),
 * so a topic-based subscription would be a mistake, and this one says so loudly.
 */
export const noTopicsPubSub: PubSub = {
  publish(routingKey) {
    throw new Error(`No PubSub topics in this schema (publish to "${routingKey}")`);
  },
  subscribe(routingKey) {
    throw new Error(`No PubSub topics in this schema (subscribe to "${routingKey}")`);
  },
};
