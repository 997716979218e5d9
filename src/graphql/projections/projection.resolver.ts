import { Authorized, Ctx, Query, Resolver } from 'type-graphql';
import type { GraphQLContext } from '../context';
import type { ProjectionStatusView } from '../views';
import { ProjectionStatus } from './projection-status.type';

@Resolver()
export class ProjectionResolver {
  @Authorized('ADMIN')
  @Query(() => [ProjectionStatus])
  projections(@Ctx() { services }: GraphQLContext): Promise<ProjectionStatusView[]> {
    return services.projections.projectionStatuses();
  }
}
