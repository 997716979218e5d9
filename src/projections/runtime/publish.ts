import { type PubSub } from '../../infrastructure/pubsub/pubsub';
import { type Topics } from '../topics';
import { type ProjectionLogger } from './logger';
import { type Notification } from './projection';

function publishOne<K extends keyof Topics>(
  pubsub: PubSub<Topics>,
  notification: { topic: K; key: string; message: Topics[K] },
): Promise<void> {
  return pubsub.publish(notification.topic, notification.key, notification.message);
}

/**
 * Publishes a committed batch's notifications and then `projectionCommitted`. Delivery is best
 * effort (listeners replay from the read tables), so a failure is logged and never undoes the
 * batch.
 */
export function publishCommitted(
  pubsub: PubSub<Topics>,
  logger: ProjectionLogger,
  projection: string,
  position: string,
  notifications: readonly Notification[],
): void {
  const all: Notification[] = [
    ...notifications,
    { topic: 'projectionCommitted', key: projection, message: { projection, position } },
  ];
  for (const notification of all) {
    publishOne(pubsub, notification).catch((error: unknown) =>
      logger.warn(`publishing ${notification.topic} failed: ${String(error)}`),
    );
  }
}
