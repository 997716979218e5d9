import { Ctx, Query, Resolver } from 'type-graphql';
import type { GraphQLContext } from '../context';
import type { UserView } from '../views';
import { User } from './user.type';

@Resolver()
export class MeResolver {
  @Query(() => User, { nullable: true, description: 'The signed-in user; null when anonymous.' })
  me(@Ctx() { actor, loaders }: GraphQLContext): Promise<UserView | null> {
    return actor === null ? Promise.resolve(null) : loaders.users.load(actor.userId);
  }
}
