import type { AuthCheckerFn } from 'type-graphql';
import { AppError } from '../application/app-error';
import type { GraphQLContext } from './context';
import type { Role } from './views';

/**
 * `@Authorized()` needs a signed-in caller, `@Authorized('ADMIN')` an admin. It throws rather than
 * returning false so that the codes are the contract's (type-graphql's own would be UNAUTHORIZED).
 */
export const authChecker: AuthCheckerFn<GraphQLContext, Role> = ({ context }, roles) => {
  const { actor } = context;
  if (actor === null) throw new AppError('UNAUTHENTICATED', 'Sign in first');
  if (roles.length > 0 && !roles.includes(actor.role)) {
    throw new AppError('FORBIDDEN', 'You may not do this');
  }
  return true;
};
