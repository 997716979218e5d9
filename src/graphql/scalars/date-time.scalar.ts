import { GraphQLScalarType } from 'graphql';
import { DateTimeISOResolver } from 'graphql-scalars';

/**
 * RFC 3339 date-time, parsed to a Date. graphql-scalars' own `DateTime` serializes to a Date
 * object and leaves the string to JSON.stringify; this one always answers an ISO string in UTC.
 */
export const DateTimeScalar = new GraphQLScalarType({
  ...DateTimeISOResolver.toConfig(),
  name: 'DateTime',
  description:
    'A date-time string at UTC, such as 2007-12-03T10:15:30Z, in the RFC 3339 profile of ISO 8601.',
});
