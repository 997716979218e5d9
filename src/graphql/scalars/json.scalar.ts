import { JSONResolver } from 'graphql-scalars';

/** Any JSON value: used for event payloads, whose shape depends on the event type. */
export const JSONScalar = JSONResolver;
